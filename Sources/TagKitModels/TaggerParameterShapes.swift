import TagKitTensor
import TagKitText

/// What a tagger model file must hold, computed from its configuration and vocabularies alone, so a
/// loader checks the file's tensors against it before allocating any parameter.
extension SequenceTagger {
    /// Why `configuration` and `vocabularies` cannot build a tagger (a size out of range, a vocabulary
    /// without its reserved entries, label columns that disagree with the label vocabularies), or nil.
    static func configurationProblem(_ configuration: TaggerConfiguration, _ vocabularies: TaggerVocabularies) -> String? {
        typealias Check = ModelFileMetadata
        let features = configuration.characters
        var problems: [String?] = [
            Check.sizeProblem("words.dimension", configuration.words.dimension),
            Check.sizeProblem("encoder.hidden", configuration.encoder.hidden),
            Check.countProblem("encoder.layers", configuration.encoder.layers),
            Check.rateProblem("dropout", configuration.dropout),
            Check.sizeProblem("columns.word", configuration.columns.word, minimum: 0),
        ]
        if features.kind != .none {
            problems += [Check.sizeProblem("characters.dimension", features.dimension),
                         Check.sizeProblem("characters.size", features.size)]
        }
        if features.kind == .cnn { problems.append(Check.sizeProblem("characters.width", features.width)) }
        problems += configuration.columns.labels.map { Check.sizeProblem("columns.labels", $0, minimum: 0) }
        if let problem = problems.lazy.compactMap({ $0 }).first { return problem }
        if configuration.columns.labels.isEmpty {
            return "expected at least one label column, found none"
        }
        if configuration.columns.labels.count != vocabularies.labels.count {
            return "expected one label vocabulary per label column (\(configuration.columns.labels.count)), "
                + "found \(vocabularies.labels.count)"
        }
        for (name, vocabulary) in [("words", vocabularies.words), ("characters", vocabularies.characters)]
        where vocabulary.reserved != .padAndUnknown {
            return "expected the \(name) vocabulary to start with <pad> and <unk>, found reserved \"\(vocabulary.reserved.rawValue)\""
        }
        if let (index, _) = vocabularies.labels.enumerated().first(where: { $0.element.count == 0 || $0.element.reserved != .none }) {
            return "expected label vocabulary \(index) to hold labels only, at least one, found \(vocabularies.labels[index].count) entries "
                + "(reserved \"\(vocabularies.labels[index].reserved.rawValue)\")"
        }
        return nil
    }

    /// The name and shape of every parameter, in `parameters` order, of the tagger `configuration` and
    /// `vocabularies` build (see the initializer for the layers).
    /// - Precondition: `configurationProblem` found none.
    static func parameterShapes(_ configuration: TaggerConfiguration, _ vocabularies: TaggerVocabularies) -> [(name: String, shape: [Int])] {
        func recurrent(_ name: String, cell: RecurrentCell, input: Int, hidden: Int) -> [(name: String, shape: [Int])] {
            let rows = cell.gateCount * hidden
            return ["forward", "backward"].flatMap { direction in
                [("\(name).\(direction).inputWeight", [rows, input]),
                 ("\(name).\(direction).recurrentWeight", [rows, hidden]),
                 ("\(name).\(direction).bias", [rows])]
            }
        }
        let features = configuration.characters
        var shapes: [(name: String, shape: [Int])] = [("words.weight", [vocabularies.words.count, configuration.words.dimension])]
        var characterSize = 0
        if features.kind != .none {
            shapes.append(("chars.weight", [vocabularies.characters.count, features.dimension]))
        }
        switch features.kind {
        case .cnn:
            shapes += [("charcnn.\(features.width).weight", [features.size, features.width * features.dimension]),
                       ("charcnn.\(features.width).bias", [features.size])]
            characterSize = features.size
        case .lstm:
            shapes += recurrent("charlstm", cell: .lstm, input: features.dimension, hidden: features.size)
            characterSize = 2 * features.size
        case .none:
            break
        }
        let hidden = configuration.encoder.hidden
        let cell: RecurrentCell = switch configuration.encoder.cell {
        case .lstm: .lstm
        case .gru: .gru
        case .rnn: .rnn
        }
        for layer in 0..<configuration.encoder.layers {
            shapes += recurrent("encoder.\(layer)", cell: cell,
                                input: layer == 0 ? configuration.words.dimension + characterSize : 2 * hidden, hidden: hidden)
        }
        for (index, labels) in vocabularies.labels.enumerated() {
            shapes += [("head\(index).weight", [labels.count, 2 * hidden]), ("head\(index).bias", [labels.count])]
        }
        if configuration.output == .crf {
            for (index, labels) in vocabularies.labels.enumerated() {
                shapes += [("crf\(index).transitions", [labels.count, labels.count]),
                           ("crf\(index).start", [labels.count]), ("crf\(index).end", [labels.count])]
            }
        }
        return shapes
    }
}
