import Foundation
import Testing
import TagKitTensor
import TagKitTestSupport
import TagKitText
@testable import TagKitModels

/// Damaged and hostile model files: each is rejected with an error that names the file and what was
/// wrong, before anything of the size the file claims is allocated.
@Suite struct HostileModelFileTests {
    enum Kind: CaseIterable { case tagger, classifier }

    /// A tiny model of `kind`, saved; returns the file's bytes.
    private static func validBytes(_ kind: Kind) throws -> [UInt8] {
        let path = try SharedData.temporaryDirectory().appendingPathComponent("valid.tagkit").path
        switch kind {
        case .tagger:
            var configuration = TaggerConfiguration(format: .conll, task: .ner,
                                                    columns: TaggingColumns(word: 0, labels: [1], syntacticWordsOnly: false))
            configuration.words.dimension = 4
            configuration.characters.dimension = 3
            configuration.characters.size = 3
            configuration.characters.width = 2
            configuration.encoder.hidden = 3
            let vocabularies = TaggerVocabularies(training: [TaggedWords(words: ["a", "bc"], labels: [["O", "B-X"]], wordLines: [1, 2])])
            try SequenceTagger(configuration: configuration, vocabularies: vocabularies, seed: 1).save(to: path)
        case .classifier:
            var configuration = TextClassifierConfiguration()
            configuration.embeddingDimension = 4
            configuration.widths = [2, 3]
            configuration.filterCount = 2
            let vocabularies = TextClassifierVocabularies(words: Vocabulary(["a", "bc"], reserved: .padAndUnknown),
                                                          labels: Vocabulary(["neg", "pos"], reserved: .none))
            let table = TextClassifier.initialTable(words: vocabularies.words.entries, vectors: nil, dimension: 4, seed: 1).table
            try TextClassifier(configuration: configuration, vocabularies: vocabularies, table: table, seed: 1)
                .save(to: path, training: .textClassifierDefaults)
        }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Loads `bytes` as a model of `kind` from a file called `bad.tagkit`; returns the error's text
    /// with the path replaced by `bad.tagkit`, or nil if the file loaded.
    private func loadError(_ bytes: [UInt8], as kind: Kind) throws -> String? {
        let directory = try SharedData.temporaryDirectory()
        let path = directory.appendingPathComponent("bad.tagkit").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            switch kind {
            case .tagger: _ = try SequenceTagger.load(from: path)
            case .classifier: _ = try TextClassifier.load(from: path)
            }
            return nil
        } catch {
            let text = "\(error)"
            #expect(text.hasPrefix(path + ": "), "the error names the file: \(text)")
            return text.replacingOccurrences(of: path, with: "bad.tagkit")
        }
    }

    /// Damage that breaks the safetensors layout itself: the same checks for both kinds of model.
    @Test(arguments: Kind.allCases)
    func brokenLayoutIsRejected(kind: Kind) throws {
        let valid = try ModelFileSurgery(bytes: try Self.validBytes(kind))
        let (first, second) = (valid.tensorNames[0], valid.tensorNames[1])
        let fileLength = valid.bytes().count
        var cases: [(String, [UInt8], String)] = [
            ("shorter than a length", [1, 2, 3], "bad.tagkit: byte 0: expected an 8-byte header length, found a file of 3 bytes"),
            ("header length past the end", valid.bytes(declaredLength: UInt64(fileLength)),
             "bad.tagkit: byte 0: expected a header length within the file's \(fileLength - 8) bytes after the length, found \(fileLength)"),
            ("header length absurd", valid.bytes(declaredLength: 1 << 40),
             "bad.tagkit: byte 0: expected a header length of at most 100000000 bytes, found 1099511627776"),
        ]
        func damaged(_ what: String, _ expected: String, _ edit: (inout ModelFileSurgery) -> Void) {
            var parts = valid
            edit(&parts)
            cases.append((what, parts.bytes(), expected))
        }
        var notJSON = valid.bytes()
        notJSON.replaceSubrange(8 ..< 9, with: Array("x".utf8))
        cases.append(("header not JSON", notJSON, "bad.tagkit: byte 8: expected a JSON value, found 'x'"))
        var notObject = valid.bytes()
        notObject.replaceSubrange(8 ..< valid.dataStart, with: Array(("[" + String(repeating: " ", count: valid.dataStart - 10) + "]").utf8))
        cases.append(("header an array", notObject, "bad.tagkit: byte 8: expected a JSON object as header, found another JSON value"))
        let secondRange = valid.offsets(second)
        damaged("overlapping offsets",
                "bad.tagkit: byte \(valid.dataStart + secondRange[0] - 4): expected tensor data regions that tile the data without gaps or overlap, "
                    + "found \"\(second)\" at \(secondRange[0] - 4) that overlaps the previous tensor") { parts in
            parts.set(second, "data_offsets", secondRange.map { $0 - 4 })
        }
        damaged("offsets out of order (end before begin)", "data_offsets [begin, end] with begin ≤ end ≤ \(valid.data.count) (the data length) "
                    + "in the header entry \"\(first)\", found [8, 0]") { parts in
            parts.set(first, "data_offsets", [8, 0])
        }
        damaged("offsets outside the data", "data_offsets [begin, end] with begin ≤ end ≤ \(valid.data.count) (the data length) "
                    + "in the header entry \"\(second)\", found [\(secondRange[0]), \(valid.data.count + 4)]") { parts in
            parts.set(second, "data_offsets", [secondRange[0], valid.data.count + 4])
        }
        damaged("data longer than the tensors", "expected the end of the file after the last tensor, found 4 more bytes") { parts in
            parts.data += [0, 0, 0, 0]
        }
        let last = valid.tensorNames.last!
        damaged("data shorter than the tensors", "data_offsets [begin, end] with begin ≤ end ≤ \(valid.data.count - 4) (the data length) "
                    + "in the header entry \"\(last)\", found \(valid.offsets(last))") { parts in
            parts.data.removeLast(4)
        }
        damaged("dtype F64", "expected dtype F32 in the header entry \"\(first)\", found F64") { parts in
            parts.set(first, "dtype", "F64")
        }
        damaged("a header asking for 10^12 floats", "data_offsets [begin, end] with begin ≤ end ≤ \(valid.data.count) (the data length) "
                    + "in the header entry \"\(first)\", found [0, 4000000000000]") { parts in
            parts.set(first, "shape", [1_000_000, 1_000_000])
            parts.set(first, "data_offsets", [0, 4_000_000_000_000])
        }
        damaged("a shape of 10^12 floats over small offsets", "expected a shape that fits the \(valid.data.count) data bytes "
                    + "in the header entry \"\(first)\", found [1000000, 1000000]") { parts in
            parts.set(first, "shape", [1_000_000, 1_000_000])
        }
        damaged("a shape whose product overflows Int", "expected a shape that fits the \(valid.data.count) data bytes "
                    + "in the header entry \"\(first)\", found [4294967296, 4294967296]") { parts in
            parts.set(first, "shape", [4_294_967_296, 4_294_967_296])
        }
        for (what, bytes, expected) in cases {
            let error = try loadError(bytes, as: kind)
            #expect(error?.hasSuffix(expected) == true, "\(kind), \(what): \(error ?? "loaded")")
        }
    }

    /// The header may list tensors in any order: only the data offsets place them.
    @Test(arguments: Kind.allCases)
    func headerOrderDoesNotMatter(kind: Kind) throws {
        let bytes = try Self.validBytes(kind)
        let parts = try ModelFileSurgery(bytes: bytes)
        let names = parts.tensorNames
        // The surgery writes the header's keys sorted, the model writes them in data order.
        #expect(names != names.sorted(), "the test needs a file whose data order is not alphabetical")
        #expect(parts.bytes() != bytes)
        #expect(try loadError(parts.bytes(), as: kind) == nil)
    }

    /// Weights that disagree with what the file says about them.
    @Test(arguments: Kind.allCases)
    func wrongWeightsAreRejected(kind: Kind) throws {
        let valid = try ModelFileSurgery(bytes: try Self.validBytes(kind))
        let table = kind == .tagger ? "words.weight" : "embedding.weight"
        let bias = kind == .tagger ? "crf0.end" : "output.bias"
        let cases: [(String, String, (inout ModelFileSurgery) -> Void)] = [
            ("NaN", "expected finite weights, found nan at index 5 of \"\(table)\"", { $0.setScalar(table, 5, .nan) }),
            ("+inf", "expected finite weights, found inf at index 0 of \"\(bias)\"", { $0.setScalar(bias, 0, .infinity) }),
            ("-inf", "expected finite weights, found -inf at index 1 of \"\(bias)\"", { $0.setScalar(bias, 1, -.infinity) }),
            ("missing tensor", "expected a tensor named \"\(bias)\" of shape [2], found none", { $0.remove(bias) }),
            ("unknown tensor", "expected only the model's \(valid.tensorNames.count) tensors, found an unknown tensor \"extra.weight\"",
             { $0.append("extra.weight", shape: [2], values: [1, 2]) }),
            ("wrong shape", "expected \"\(bias)\" of shape [2] (as the configuration builds it), found shape [1, 2]",
             { $0.set(bias, "shape", [1, 2]) }),
        ]
        for (what, expected, edit) in cases {
            var parts = valid
            edit(&parts)
            #expect(try loadError(parts.bytes(), as: kind) == "bad.tagkit: " + expected, "\(kind), \(what)")
        }
    }

    /// A configuration that is not what it should be: wrong JSON types, sizes out of range, sizes that
    /// disagree with the tensors (including ones that would allocate terabytes).
    @Test func badTaggerConfigurationsAreRejected() throws {
        let valid = try ModelFileSurgery(bytes: try Self.validBytes(.tagger))
        let invalid = "bad.tagkit: the metadata \"configuration\" is not valid: "
        let cases: [(String, (inout [String: Any]) -> Void)] = [
            (invalid + "at encoder.hidden: Expected to decode Int but found a string instead.",
             { $0["encoder"] = ["cell": "lstm", "hidden": "3", "layers": 1] }),
            (invalid + "at encoder: expected a key \"layers\", found none", { $0["encoder"] = ["cell": "lstm", "hidden": 3] }),
            (invalid + "expected encoder.hidden between 1 and 16777216, found -3", { $0["encoder"] = ["cell": "lstm", "hidden": -3, "layers": 1] }),
            (invalid + "expected encoder.hidden between 1 and 16777216, found 1000000000000",
             { $0["encoder"] = ["cell": "lstm", "hidden": 1_000_000_000_000, "layers": 1] }),
            (invalid + "expected encoder.layers between 1 and 1000, found 1000000000",
             { $0["encoder"] = ["cell": "lstm", "hidden": 3, "layers": 1_000_000_000] }),
            (invalid + "expected dropout in [0, 1), found 1.5", { $0["dropout"] = 1.5 }),
            (invalid + "expected columns.word between 0 and 16777216, found -1",
             { $0["columns"] = ["word": -1, "labels": [1], "syntacticWordsOnly": false] }),
            (invalid + "expected at least one label column, found none",
             { $0["columns"] = ["word": 0, "labels": [], "syntacticWordsOnly": false] }),
            (invalid + "expected one label vocabulary per label column (2), found 1",
             { $0["columns"] = ["word": 0, "labels": [1, 2], "syntacticWordsOnly": false] }),
            ("bad.tagkit: expected \"encoder.0.forward.inputWeight\" of shape [4000000, 7] (as the configuration builds it), found shape [12, 7]",
             { $0["encoder"] = ["cell": "lstm", "hidden": 1_000_000, "layers": 1] }),
            ("bad.tagkit: expected \"encoder.0.forward.inputWeight\" of shape [9, 7] (as the configuration builds it), found shape [12, 7]",
             { $0["encoder"] = ["cell": "gru", "hidden": 3, "layers": 1] }),
            ("bad.tagkit: expected \"words.weight\" of shape [4, 5] (as the configuration builds it), found shape [4, 4]",
             { $0["words"] = ["dimension": 5, "fineTune": true, "minimumCount": 1] }),
            ("bad.tagkit: expected a tensor named \"encoder.1.forward.inputWeight\" of shape [12, 6], found none",
             { $0["encoder"] = ["cell": "lstm", "hidden": 3, "layers": 2] }),
            ("bad.tagkit: expected only the model's 12 tensors, found an unknown tensor \"crf0.end\"", { $0["output"] = "softmax" }),
        ]
        for (expected, edit) in cases {
            var parts = valid
            parts.editMetadataJSON("configuration", edit)
            let error = try loadError(parts.bytes(), as: .tagger)
            #expect(error == expected, "\(error ?? "loaded")")
        }
        var notJSON = valid
        notJSON.setMetadata("configuration", "{\"encoder\":")
        #expect(try loadError(notJSON.bytes(), as: .tagger)?.hasPrefix(invalid + "at the top: ") == true)
        var noLabels = valid
        noLabels.editMetadataJSON("vocabularies") { $0["labels"] = [["entries": [], "reserved": "none"]] }
        #expect(try loadError(noLabels.bytes(), as: .tagger)
                == invalid + "expected label vocabulary 0 to hold labels only, at least one, found 0 entries (reserved \"none\")")
        var noUnknown = valid
        noUnknown.editMetadataJSON("vocabularies") { $0["words"] = ["entries": ["a", "bc"], "reserved": "none"] }
        #expect(try loadError(noUnknown.bytes(), as: .tagger)
                == invalid + "expected the words vocabulary to start with <pad> and <unk>, found reserved \"none\"")
        var missing = valid
        missing.setMetadata("vocabularies", nil)
        #expect(try loadError(missing.bytes(), as: .tagger) == "bad.tagkit: expected \"vocabularies\" in the metadata, found none")
    }

    @Test func badClassifierConfigurationsAreRejected() throws {
        let valid = try ModelFileSurgery(bytes: try Self.validBytes(.classifier))
        let invalid = "bad.tagkit: the metadata \"configuration\" is not valid: "
        let cases: [(String, (inout [String: Any]) -> Void)] = [
            (invalid + "at filterCount: Expected to decode Int but found a string instead.", { $0["filterCount"] = "2" }),
            (invalid + "expected filterCount between 1 and 16777216, found 0", { $0["filterCount"] = 0 }),
            (invalid + "expected widths between 1 and 16777216, found -2", { $0["widths"] = [-2, 3] }),
            (invalid + "expected distinct widths, found [2, 2]", { $0["widths"] = [2, 2] }),
            (invalid + "expected embedding.weight 5 wide (embeddingDimension), found 4", { $0["embeddingDimension"] = 5 }),
            (invalid + "expected dropout in [0, 1), found -0.5", { $0["dropout"] = -0.5 }),
            ("bad.tagkit: expected \"conv.2.weight\" of shape [1000000, 8] (as the configuration builds it), found shape [2, 8]",
             { $0["filterCount"] = 1_000_000 }),
            ("bad.tagkit: expected a tensor named \"rnn.forward.inputWeight\" of shape [400, 4], found none", { $0["modelType"] = "rnn" }),
            ("bad.tagkit: expected a tensor named \"embedding_static.weight\" of shape [4, 4], found none", { $0["embeddingMode"] = "multichannel" }),
        ]
        for (expected, edit) in cases {
            var parts = valid
            parts.editMetadataJSON("configuration", edit)
            let error = try loadError(parts.bytes(), as: .classifier)
            #expect(error == expected, "\(error ?? "loaded")")
        }
        var noLabels = valid
        noLabels.editMetadataJSON("vocabularies") { $0["labels"] = ["entries": [], "reserved": "none"] }
        #expect(try loadError(noLabels.bytes(), as: .classifier)
                == invalid + "expected a label vocabulary of labels only, at least one, found 0 entries (reserved \"none\")")
    }

    /// A tagger is not a classifier, nor the other way round.
    @Test func theOtherKindOfModelIsRejected() throws {
        #expect(try loadError(try Self.validBytes(.classifier), as: .tagger)
                == "bad.tagkit: expected a TagKit sequence-tagger model, found no TagKit metadata")
        #expect(try loadError(try Self.validBytes(.tagger), as: .classifier)
                == "bad.tagkit: expected a TagKit text-classifier model (tagkit.format \"text-classifier\"), found no tagkit.format")
    }

    /// The shapes computed from a configuration are exactly those of the model it builds.
    @Test func parameterShapesMatchTheBuiltModels() throws {
        let vocabularies = TaggerVocabularies(training: [TaggedWords(words: ["a", "bc", "d"], labels: [["O", "B-X", "I-X"], ["N", "V", "N"]],
                                                                     wordLines: [1, 2, 3])])
        for cell in TaggerConfiguration.Encoder.Cell.allCases {
            for kind in TaggerConfiguration.CharacterFeatures.Kind.allCases {
                for output in TaggerConfiguration.Output.allCases {
                    var configuration = TaggerConfiguration(format: .conllu, task: .morph, columns: .morphology())
                    configuration.words.dimension = 5
                    configuration.characters = .init()
                    configuration.characters.kind = kind
                    configuration.characters.dimension = 3
                    configuration.characters.size = 2
                    configuration.characters.width = 2
                    configuration.encoder.cell = cell
                    configuration.encoder.hidden = 3
                    configuration.encoder.layers = 2
                    configuration.output = output
                    #expect(SequenceTagger.configurationProblem(configuration, vocabularies) == nil)
                    let built = SequenceTagger(configuration: configuration, vocabularies: vocabularies, seed: 1).parameters
                    let computed = SequenceTagger.parameterShapes(configuration, vocabularies)
                    #expect(computed.map(\.name) == built.map(\.name), "\(cell) \(kind) \(output)")
                    #expect(computed.map(\.shape) == built.map(\.value.shape), "\(cell) \(kind) \(output)")
                }
            }
        }
        let words = TextClassifierVocabularies(words: Vocabulary(["a", "b", "c"], reserved: .padAndUnknown),
                                               labels: Vocabulary(["x", "y", "z"], reserved: .none))
        for type in TextClassifierConfiguration.ModelType.allCases {
            for mode in TextClassifierConfiguration.EmbeddingMode.allCases {
                for cell in TextClassifierConfiguration.RecurrentCellKind.allCases {
                    var configuration = TextClassifierConfiguration()
                    configuration.modelType = type
                    configuration.embeddingMode = mode
                    configuration.embeddingDimension = 4
                    configuration.hiddenSize = mode == .rand ? 0 : 3
                    configuration.widths = [1, 3]
                    configuration.filterCount = 2
                    configuration.recurrentCell = cell
                    configuration.recurrentHiddenSize = 2
                    #expect(TextClassifier.configurationProblem(configuration, words, dimension: 4) == nil)
                    let table = Tensor.zeros([words.words.count, 4])
                    let built = TextClassifier(configuration: configuration, vocabularies: words, table: table, seed: 1).parameters
                    let computed = TextClassifier.parameterShapes(configuration, words, dimension: 4)
                    #expect(computed.map(\.name) == built.map(\.name), "\(type) \(mode) \(cell)")
                    #expect(computed.map(\.shape) == built.map(\.value.shape), "\(type) \(mode) \(cell)")
                }
            }
        }
    }
}
