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
    /// Before building anything it checks that the configuration's sizes are in range, that the file
    /// holds exactly the tensors that configuration builds, with their shapes, and that every weight is
    /// finite; errors name the file and what was wrong.
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
        var configuration = try ModelFileMetadata.decode(TextClassifierConfiguration.self, "configuration", in: file.metadata, path: path)
        configuration.dropoutScaling = configuration.dropoutScaling ?? .inverted
        let vocabularies = try ModelFileMetadata.decode(TextClassifierVocabularies.self, "vocabularies", in: file.metadata, path: path)
        let training = try ModelFileMetadata.decode(TrainingConfiguration.self, "training", in: file.metadata, path: path)
        guard let table = file["embedding.weight"], table.rank == 2 else {
            throw TensorFileError(path: path, reason: "expected a tensor \"embedding.weight\" of rank 2, found "
                + (file["embedding.weight"].map { "shape \($0.shape)" } ?? "none"))
        }
        let dimension = table.shape[1]
        if let problem = configurationProblem(configuration, vocabularies, dimension: dimension) {
            throw TensorFileError(path: path, reason: "the metadata \"configuration\" is not valid: \(problem)")
        }
        try file.requireExactly(parameterShapes(configuration, vocabularies, dimension: dimension), path: path)
        let model = TextClassifier(configuration: configuration, vocabularies: vocabularies, table: table, seed: training.seed)
        try file.assign(to: model.parameters, path: path)
        return (model, training)
    }
}
