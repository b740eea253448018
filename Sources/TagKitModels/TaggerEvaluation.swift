import Foundation
import TagKitEvaluation
import TagKitText

/// `tagkit eval --model MODEL --data FILE`: tags a labelled corpus and scores the tags in one step,
/// exactly as `tagkit tag --model MODEL FILE | tagkit eval` (NER) or
/// `tagkit eval --format conllu FILE TAGGED` (morphology) would.
public enum TaggerEvaluation {
    /// What the model scored on the data.
    public enum Outcome {
        /// NER: the conlleval evaluation of the predicted tags against the file's tags.
        case entities(Evaluation)
        /// Morphology: CoNLL-U tag accuracy, and the metrics that score predicted columns (the
        /// others compare columns copied from the input, which are trivially right).
        case morphology(MorphologyScores, predicted: Set<String>)
    }

    /// Tags `data` with `tagger` into a temporary file (removed afterwards) and scores it.
    public static func evaluate(_ tagger: SequenceTagger, data: String, format: CorpusFormat? = nil,
                                mode: EvaluationMode = .conlleval, confusion: Bool = false) throws -> Outcome {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("tagkit-eval-\(getpid())-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let reader = try SentenceReader(path: data, format: format ?? CorpusFormat.recognized(path: data) ?? tagger.configuration.format)
        let output = try OutputFile(path: temporary)
        try CorpusTagging(tagger: tagger).run(reader: reader, writer: SentenceWriter(output: output))
        try output.commit()
        switch tagger.configuration.task {
        case .ner:
            let tabs = try reader.format == .iob2 || firstTokenLineHasTab(data)
            let delimiter = tabs ? try FieldDelimiter(perlRegex: "\\t") : FieldDelimiter.space
            if reader.format == .iob2 { try dropComments(temporary) }
            return .entities(try Evaluation(EvaluationRequest(
                input: .conlleval(path: temporary), options: ConllevalOptions(delimiter: delimiter), mode: mode, confusion: confusion)))
        case .morph:
            let scores = try MorphologyEvaluation.evaluate(gold: SentenceReader(path: data, format: .conllu),
                                                           predicted: SentenceReader(path: temporary, format: .conllu))
            let names = [3: "UPOS", 4: "XPOS", 5: "UFeats"]
            var predicted = Set(tagger.configuration.columns.labels.compactMap { names[$0] })
            if predicted.isSuperset(of: ["UPOS", "UFeats"]) { predicted.insert("AllTags") }
            return .morphology(scores, predicted: predicted)
        }
    }

    /// Rewrites the `.iob2` file at `path` without its `#` comment lines, which conlleval's input cannot hold.
    private static func dropComments(_ path: String) throws {
        let reader = try SentenceReader(path: path, format: .iob2)
        let output = try OutputFile(path: path)
        let writer = SentenceWriter(output: output)
        while var sentence = try reader.next() {
            sentence.header.removeAll { $0.text.hasPrefix("#") }
            try writer.write(sentence)
        }
        try output.commit()
    }

    /// Whether the file's first token line separates its columns with tabs (conlleval's `-d '\t'`).
    private static func firstTokenLineHasTab(_ path: String) throws -> Bool {
        let reader = try SentenceReader(path: path, format: .conll)
        while let sentence = try reader.next() {
            if let token = sentence.tokens.first { return token.separator == .tab }
        }
        return false
    }
}
