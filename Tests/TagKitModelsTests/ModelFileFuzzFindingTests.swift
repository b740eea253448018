import Foundation
import Testing
import TagKitTensor
import TagKitTestSupport
import TagKitText
@testable import TagKitModels

/// Model files whose stored configuration no model can be built from are errors, not crashes or huge
/// allocations. The first case of each model kind is the input `Fuzz/run-all` found (the fuzz targets
/// `tagger-model` and `classifier-model`): one digit of the stored dropout rate changed.
@Suite struct ModelFileFuzzFindingTests {
    /// The bytes of a tiny tagger's model file.
    private func taggerFile() throws -> [UInt8] {
        var configuration = TaggerConfiguration(format: .conll, task: .ner, columns: .entities(format: .conll, columnCount: 2))
        configuration.words.dimension = 3
        configuration.characters.dimension = 2
        configuration.characters.size = 2
        configuration.characters.width = 2
        configuration.encoder.hidden = 10
        configuration.dropout = 0.5
        let vocabularies = TaggerVocabularies(words: Vocabulary(["John", "lives"], reserved: .padAndUnknown),
                                              characters: Vocabulary(["J", "o", "h", "n"], reserved: .padAndUnknown),
                                              labels: [Vocabulary(["O", "B-PER"], reserved: .none)])
        let path = try SharedData.temporaryDirectory().appendingPathComponent("tiny.tagkit").path
        try SequenceTagger(configuration: configuration, vocabularies: vocabularies, seed: 1).save(to: path)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The bytes of a tiny CNN classifier's model file.
    private func classifierFile() throws -> [UInt8] {
        var configuration = TextClassifierConfiguration()
        configuration.embeddingDimension = 3
        configuration.widths = [1, 2]
        configuration.filterCount = 2
        configuration.dropout = 0.5
        let vocabularies = TextClassifierVocabularies(words: Vocabulary(["good", "bad"], reserved: .padAndUnknown),
                                                      labels: Vocabulary(["neg", "pos"], reserved: .none))
        let table = TextClassifier.initialTable(words: vocabularies.words.entries, vectors: nil, dimension: 3, seed: 1).table
        let model = TextClassifier(configuration: configuration, vocabularies: vocabularies, table: table, seed: 1)
        let path = try SharedData.temporaryDirectory().appendingPathComponent("tiny.tagkit").path
        try model.save(to: path, training: TrainingConfiguration.textClassifierDefaults)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// `bytes` with the JSON-escaped configuration text `old` replaced by `new` of the same length
    /// (so the header length stays right).
    private func replacing(_ old: String, with new: String, in bytes: [UInt8]) -> [UInt8] {
        let escape = { (text: String) in Array(text.replacingOccurrences(of: "\"", with: "\\\"").utf8) }
        let (from, to) = (escape(old), escape(new))
        precondition(from.count == to.count, "a replacement must keep the header length")
        let start = (0...(bytes.count - from.count)).first { Array(bytes[$0..<($0 + from.count)]) == from }
        guard let start else { Issue.record("\(old) is not in the model file"); return bytes }
        var changed = bytes
        changed.replaceSubrange(start..<(start + from.count), with: to)
        return changed
    }

    private func taggerError(_ bytes: [UInt8]) throws -> String {
        let file = try bytes.withUnsafeBytes { raw throws(TensorFileError) in try SafeTensors(decoding: raw, path: "m.tagkit") }
        do {
            _ = try SequenceTagger.load(from: file, path: "m.tagkit")
            return "loaded"
        } catch let error as TensorFileError {
            return error.description
        }
    }

    private func classifierError(_ bytes: [UInt8]) throws -> String {
        let file = try bytes.withUnsafeBytes { raw throws(TensorFileError) in try SafeTensors(decoding: raw, path: "m.tagkit") }
        do {
            _ = try TextClassifier.load(from: file, path: "m.tagkit")
            return "loaded"
        } catch let error as TensorFileError {
            return error.description
        }
    }

    @Test func unchangedFilesLoad() throws {
        #expect(try taggerError(taggerFile()) == "loaded")
        #expect(try classifierError(classifierFile()) == "loaded")
    }

    @Test(arguments: [
        ("\"dropout\":0.5", "\"dropout\":5.5", "the metadata \"configuration\" is not valid: expected dropout in [0, 1), found 5.5"),
        ("\"hidden\":10,", "\"hidden\": 0,", "the metadata \"configuration\" is not valid: expected encoder.hidden between 1 and 16777216, found 0"),
        ("\"width\":2", "\"width\":0", "the metadata \"configuration\" is not valid: expected characters.width between 1 and 16777216, found 0"),
        ("\"hidden\":10,", "\"hidden\":99,", "expected \"encoder.0.forward.inputWeight\" of shape [396, 5] (as the configuration builds it), found shape [40, 5]"),
    ])
    func badTaggerConfigurationsAreErrors(old: String, new: String, expected: String) throws {
        let message = try taggerError(replacing(old, with: new, in: taggerFile()))
        #expect(message.hasPrefix("m.tagkit: " + expected), "\(message)")
    }

    @Test(arguments: [
        ("\"dropout\":0.5", "\"dropout\":1.5", "the metadata \"configuration\" is not valid: expected dropout in [0, 1), found 1.5"),
        ("\"filterCount\":2", "\"filterCount\":0", "the metadata \"configuration\" is not valid: expected filterCount between 1 and 16777216, found 0"),
        ("\"widths\":[1,2]", "\"widths\":[2,2]", "the metadata \"configuration\" is not valid: expected distinct widths, found [2, 2]"),
    ])
    func badClassifierConfigurationsAreErrors(old: String, new: String, expected: String) throws {
        let message = try classifierError(replacing(old, with: new, in: classifierFile()))
        #expect(message.hasPrefix("m.tagkit: " + expected), "\(message)")
    }
}
