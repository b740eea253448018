#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TagKitNN
import TagKitTensor

/// Text-classifier model files: one safetensors file holding every parameter under its name, with the
/// configuration, the vocabularies and the training settings as JSON in `__metadata__`
/// (`tagkit.format` = `text-classifier`).
extension TextClassifier {
    static let formatName = "text-classifier"

    /// Writes the model to `path` atomically (a temporary file renamed over the target), so a failed
    /// write never leaves a partial file over a good one.
    public func save(to path: String, training: TrainingConfiguration) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        let metadata = [
            "tagkit.format": Self.formatName,
            "configuration": try json(configuration),
            "vocabularies": try json(vocabularies),
            "training": try json(training),
        ]
        try SafeTensors(parameters: parameters, metadata: metadata).write(to: path)
    }

    /// Reads a model written by `save(to:training:)`; also returns its training settings.
    /// Errors name the file and what was wrong (not a classifier, a configuration no classifier can be
    /// built from within the file's size (`ModelFileCheck`), a missing or misshapen tensor).
    public static func load(from path: String) throws -> (model: TextClassifier, training: TrainingConfiguration) {
        try load(from: SafeTensors(contentsOf: path), path: path)
    }

    /// Builds the model held by `file` (as `load(from:)` does after reading it); `path` names the
    /// source in errors.
    public static func load(from file: SafeTensors, path: String) throws -> (model: TextClassifier, training: TrainingConfiguration) {
        guard file.metadata["tagkit.format"] == formatName else {
            throw TensorFileError(path: path, reason: "expected a TagKit text-classifier model (tagkit.format \"\(formatName)\"), "
                + "found \(file.metadata["tagkit.format"].map { "\"\($0)\"" } ?? "no tagkit.format")")
        }
        func decode<T: Decodable>(_ type: T.Type, _ key: String) throws -> T {
            guard let text = file.metadata[key] else {
                throw TensorFileError(path: path, reason: "expected \"\(key)\" in the metadata, found none")
            }
            do {
                return try JSONDecoder().decode(type, from: Data(text.utf8))
            } catch {
                throw TensorFileError(path: path, reason: "the metadata \"\(key)\" is not valid: \(error)")
            }
        }
        let configuration = try decode(TextClassifierConfiguration.self, "configuration")
        let vocabularies = try decode(TextClassifierVocabularies.self, "vocabularies")
        let training = try decode(TrainingConfiguration.self, "training")
        guard let table = file["embedding.weight"], table.rank == 2 else {
            throw TensorFileError(path: path, reason: "expected a tensor \"embedding.weight\" of rank 2, found none")
        }
        try configuration.check(vocabularies: vocabularies, tableWidth: table.shape[1], with: ModelFileCheck(path: path, file: file))
        let model = TextClassifier(configuration: configuration, vocabularies: vocabularies,
                                   table: Tensor.zeros([vocabularies.words.count, table.shape[1]]), seed: training.seed)
        try file.assign(to: model.parameters, path: path)
        return (model, training)
    }
}
