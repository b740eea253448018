import Foundation
import TagKitNN
import TagKitTensor

/// Sequence-tagger model files: the parameters in the safetensors layout, and in `__metadata__`
/// the file kind (`tagkit.kind = sequence-tagger`), the format version, the `TaggerConfiguration`
/// and the `TaggerVocabularies` as JSON, and how it was trained.
extension SequenceTagger {
    static let kind = "sequence-tagger"
    static let formatVersion = "1"

    /// Writes the model to `path` atomically: a crash or Ctrl-C never leaves a half-written file.
    public func save(to path: String, training: TrainingConfiguration? = nil) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var metadata = [
            "tagkit.kind": Self.kind,
            "tagkit.version": Self.formatVersion,
            "configuration": String(decoding: try encoder.encode(configuration), as: UTF8.self),
            "vocabularies": String(decoding: try encoder.encode(vocabularies), as: UTF8.self),
        ]
        if let training { metadata["training"] = String(decoding: try encoder.encode(training), as: UTF8.self) }
        try SafeTensors(parameters: parameters, metadata: metadata).write(to: path)
    }

    /// Reads a model written by `save(to:)`. The stored configuration must be one a tagger can be
    /// built from, within the file's size (`ModelFileCheck`), and every tensor's name and shape must
    /// match what it builds; anything else is an error naming the file.
    public static func load(from path: String) throws -> SequenceTagger {
        try load(from: SafeTensors(contentsOf: path), path: path)
    }

    /// Builds the model held by `file` (as `load(from:)` does after reading it); `path` names the
    /// source in errors.
    public static func load(from file: SafeTensors, path: String) throws -> SequenceTagger {
        guard file.metadata["tagkit.kind"] == kind else {
            throw TensorFileError(path: path, reason: "expected a TagKit sequence-tagger model, found "
                + (file.metadata["tagkit.kind"].map { "a \($0) model" } ?? "no TagKit metadata"))
        }
        guard file.metadata["tagkit.version"] == formatVersion else {
            throw TensorFileError(path: path, reason: "expected model format version \(formatVersion), found \(file.metadata["tagkit.version"] ?? "none")")
        }
        let decoder = JSONDecoder()
        let configuration: TaggerConfiguration
        let vocabularies: TaggerVocabularies
        do {
            configuration = try decoder.decode(TaggerConfiguration.self, from: Data((file.metadata["configuration"] ?? "").utf8))
            vocabularies = try decoder.decode(TaggerVocabularies.self, from: Data((file.metadata["vocabularies"] ?? "").utf8))
        } catch {
            throw TensorFileError(path: path, reason: "the model's configuration or vocabularies do not decode: \(error)")
        }
        try configuration.check(vocabularies: vocabularies, with: ModelFileCheck(path: path, file: file))
        guard let wordTable = file["words.weight"], wordTable.rank == 2,
              wordTable.shape == [vocabularies.words.count, configuration.words.dimension] else {
            throw TensorFileError(path: path, reason: "expected words.weight of shape [\(vocabularies.words.count), \(configuration.words.dimension)] (one row per vocabulary word)")
        }
        let tagger = SequenceTagger(configuration: configuration, vocabularies: vocabularies, pretrained: nil,
                                    wordTable: wordTable, seed: 0)
        tagger.words.table.isTrainable = configuration.words.fineTune
        try file.assign(to: tagger.parameters, path: path)
        for parameter in tagger.parameters {
            let finite = parameter.value.withUnsafeBufferPointer { $0.allSatisfy(\.isFinite) }
            guard finite else { throw TensorFileError(path: path, reason: "\(parameter.name) holds a value that is not finite") }
        }
        return tagger
    }
}
