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

    /// Reads a model written by `save(to:)`. Before building anything it checks that the configuration's
    /// sizes are in range, that the file holds exactly the tensors that configuration builds, with their
    /// shapes, and that every weight is finite; anything else is an error naming the file and the problem.
    /// The metadata is decoded, and what its JSON took let go, before the tensors are read, so the two
    /// never add up in the peak memory.
    public static func load(from path: String) throws -> SequenceTagger {
        let (described, file) = try SafeTensors.read(contentsOf: path) { metadata throws(TensorFileError) in
            try description(metadata, path: path)
        }
        return try build(described.configuration, described.vocabularies, from: file, path: path)
    }

    /// Builds the model held by `file` (as `load(from:)` does after reading it); `path` names the
    /// source in errors.
    public static func load(from file: SafeTensors, path: String) throws -> SequenceTagger {
        let (configuration, vocabularies) = try description(file.metadata, path: path)
        return try build(configuration, vocabularies, from: file, path: path)
    }

    /// The configuration and vocabularies in a model file's `metadata`, checked.
    private static func description(_ metadata: [String: String], path: String)
        throws(TensorFileError) -> (configuration: TaggerConfiguration, vocabularies: TaggerVocabularies) {
        guard metadata["tagkit.kind"] == kind else {
            throw TensorFileError(path: path, reason: "expected a TagKit sequence-tagger model, found "
                + (metadata["tagkit.kind"].map { "a \($0) model" } ?? "no TagKit metadata"))
        }
        guard metadata["tagkit.version"] == formatVersion else {
            throw TensorFileError(path: path, reason: "expected model format version \(formatVersion), found \(metadata["tagkit.version"] ?? "none")")
        }
        let configuration = try ModelFileMetadata.decode(TaggerConfiguration.self, "configuration", in: metadata, path: path)
        let vocabularies = try ModelFileMetadata.decode(TaggerVocabularies.self, "vocabularies", in: metadata, path: path)
        if let problem = configurationProblem(configuration, vocabularies) {
            throw TensorFileError(path: path, reason: "the metadata \"configuration\" is not valid: \(problem)")
        }
        return (configuration, vocabularies)
    }

    /// The tagger of `configuration` and `vocabularies` with the parameters in `file`, which must hold
    /// exactly the tensors that configuration builds, with their shapes, all finite.
    private static func build(_ configuration: TaggerConfiguration, _ vocabularies: TaggerVocabularies,
                              from file: SafeTensors, path: String) throws -> SequenceTagger {
        try file.requireExactly(parameterShapes(configuration, vocabularies), path: path)
        let tagger = SequenceTagger(configuration: configuration, vocabularies: vocabularies, pretrained: nil,
                                    wordTable: file["words.weight"]!, seed: 0)
        tagger.words.table.isTrainable = configuration.words.fineTune
        try file.assign(to: tagger.parameters, path: path)
        return tagger
    }
}
