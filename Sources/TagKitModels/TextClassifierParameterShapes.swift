import TagKitTensor
import TagKitText

/// What a text-classifier model file must hold, computed from its configuration, its vocabularies and
/// the width of its word vectors alone, so a loader checks the file's tensors against it before
/// allocating any parameter.
extension TextClassifier {
    /// Why `configuration`, `vocabularies` and word vectors of `dimension` cannot build a classifier
    /// (a size out of range, repeated filter widths, a vocabulary without its reserved entries), or nil.
    static func configurationProblem(_ configuration: TextClassifierConfiguration, _ vocabularies: TextClassifierVocabularies,
                                     dimension: Int) -> String? {
        typealias Check = ModelFileMetadata
        var problems: [String?] = [
            Check.sizeProblem("the word-vector width", dimension),
            Check.rateProblem("dropout", configuration.dropout),
            configuration.maximumOutputRowNorm >= 0 && configuration.maximumOutputRowNorm.isFinite ? nil
                : "expected maximumOutputRowNorm finite and not negative, found \(configuration.maximumOutputRowNorm)",
        ]
        if configuration.embeddingMode == .rand, dimension != configuration.embeddingDimension {
            problems.append("expected embedding.weight \(configuration.embeddingDimension) wide (embeddingDimension), found \(dimension)")
        }
        switch configuration.modelType {
        case .bag:
            problems.append(Check.sizeProblem("hiddenSize", configuration.hiddenSize, minimum: 0))
        case .cnn:
            problems.append(Check.sizeProblem("filterCount", configuration.filterCount))
            problems.append(Check.countProblem("the number of widths", configuration.widths.count))
            problems += configuration.widths.map { Check.sizeProblem("widths", $0) }
            if Set(configuration.widths).count != configuration.widths.count {
                problems.append("expected distinct widths, found \(configuration.widths)")
            }
        case .rnn:
            problems.append(Check.sizeProblem("recurrentHiddenSize", configuration.recurrentHiddenSize))
        }
        if vocabularies.words.reserved != .padAndUnknown {
            problems.append("expected the words vocabulary to start with <pad> and <unk>, found reserved \"\(vocabularies.words.reserved.rawValue)\"")
        }
        if vocabularies.labels.count == 0 || vocabularies.labels.reserved != .none {
            problems.append("expected a label vocabulary of labels only, at least one, found \(vocabularies.labels.count) entries "
                + "(reserved \"\(vocabularies.labels.reserved.rawValue)\")")
        }
        return problems.lazy.compactMap { $0 }.first
    }

    /// The name and shape of every parameter, in `parameters` order, of the classifier that
    /// `configuration` and `vocabularies` build over word vectors of `dimension` (see the initializer
    /// and the encoders for the layers).
    /// - Precondition: `configurationProblem` found none.
    static func parameterShapes(_ configuration: TextClassifierConfiguration, _ vocabularies: TextClassifierVocabularies,
                                dimension: Int) -> [(name: String, shape: [Int])] {
        let words = vocabularies.words.count
        var shapes: [(name: String, shape: [Int])] = [("embedding.weight", [words, dimension])]
        if configuration.embeddingMode == .multichannel { shapes.append(("embedding_static.weight", [words, dimension])) }
        let input = shapes.count * dimension
        let textVectorSize: Int
        switch configuration.modelType {
        case .bag:
            let hidden = configuration.hiddenSize
            if hidden > 0 { shapes += [("hidden.weight", [hidden, input]), ("hidden.bias", [hidden])] }
            textVectorSize = hidden > 0 ? hidden : input
        case .cnn:
            let filters = configuration.filterCount
            for width in configuration.widths {
                shapes += [("conv.\(width).weight", [filters, width * input]), ("conv.\(width).bias", [filters])]
            }
            textVectorSize = configuration.widths.count * filters
        case .rnn:
            let hidden = configuration.recurrentHiddenSize
            let rows = (configuration.recurrentCell == .lstm ? RecurrentCell.lstm : RecurrentCell.gru).gateCount * hidden
            for direction in ["forward", "backward"] {
                shapes += [("rnn.\(direction).inputWeight", [rows, input]), ("rnn.\(direction).recurrentWeight", [rows, hidden]),
                           ("rnn.\(direction).bias", [rows])]
            }
            textVectorSize = 2 * hidden
        }
        let labels = vocabularies.labels.count
        return shapes + [("output.weight", [labels, textVectorSize]), ("output.bias", [labels])]
    }
}
