import TagKitEvaluation
import TagKitText

/// How `TextClassifier.classifyFile` writes each prediction.
public enum ClassificationOutputFormat: String, CaseIterable, Sendable {
    /// `label<TAB>probability` (six decimals).
    case text
    /// JSON Lines: `{"label":…,"probability":…,"probabilities":{label: probability, …}}`.
    case json
}

extension TextClassifier {
    /// Texts per prediction batch when classifying a file.
    static let classificationChunk = 1000

    /// Classifies every line of `path` (`-` for standard input) and writes one prediction per line to
    /// `output`, in input order. A line is the text, or with `textColumn` (0-based, negative from the
    /// end) that tab-separated field of it. Invalid UTF-8, a missing column or an empty text is an
    /// `InputError` naming the line; nothing is committed then.
    public func classifyFile(path: String, textColumn: Int?, format: ClassificationOutputFormat, output: OutputFile) throws {
        let lines = try LineReader(path: path)
        var pending: [[Int]] = []
        func flush() throws {
            for prediction in predict(pending) { try output.write(line(for: prediction, format: format)) }
            pending.removeAll(keepingCapacity: true)
        }
        while let words = try lines.nextLine({ bytes, _ in try self.words(of: bytes, textColumn: textColumn, file: lines.name, line: lines.lineNumber) }) {
            pending.append(words.map(vocabularies.wordID))
            if pending.count == Self.classificationChunk { try flush() }
        }
        try flush()
    }

    /// Scores the model on a labelled file: accuracy, macro-F1, per-class P/R/F1, confusion. A gold
    /// label the model never saw is counted as an error and reported, not rejected.
    public func evaluate(path: String, reader: LabeledTextReader) throws -> ClassificationScores {
        let examples = try TokenizedExample.read(path: path, reader: reader, tokenization: configuration.tokenization)
        let predictions = predict(examples.map { vocabularies.encode($0).words })
        let labels = vocabularies.labels.entries
        return ClassificationScores(gold: examples.map(\.label), predicted: predictions.map { labels[$0.label] },
                                    knownLabels: labels)
    }

    private func words(of bytes: UnsafeBufferPointer<UInt8>, textColumn: Int?, file: String, line: Int) throws -> [String] {
        try InputError.checkTextLine(bytes, file: file, line: line)
        var text = String(decoding: bytes, as: UTF8.self)
        if let textColumn {
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
            let column = textColumn < 0 ? fields.count + textColumn : textColumn
            guard column >= 0, column < fields.count else {
                throw InputError(file: file, line: line, expected: "a text in tab-separated field \(textColumn < 0 ? "\(textColumn)" : "\(textColumn + 1)")",
                                 found: "\(fields.count) field(s) in \(InputError.excerpt(text))")
            }
            text = String(fields[column])
        }
        let words = configuration.tokenization.words(in: text)
        guard !words.isEmpty else {
            throw InputError(file: file, line: line, expected: "a text to classify", found: text.isEmpty ? "an empty line" : "no words in \(InputError.excerpt(text))")
        }
        return words
    }

    private func line(for prediction: TextPrediction, format: ClassificationOutputFormat) -> String {
        let labels = vocabularies.labels.entries
        switch format {
        case .text:
            return "\(labels[prediction.label])\t\(printfFixed(Double(prediction.probabilities[prediction.label]), precision: 6))\n"
        case .json:
            let all = zip(labels, prediction.probabilities).map { "\(jsonString($0)):\(jsonNumber($1))" }.joined(separator: ",")
            return "{\"label\":\(jsonString(labels[prediction.label])),\"probability\":\(jsonNumber(prediction.probabilities[prediction.label])),"
                + "\"probabilities\":{\(all)}}\n"
        }
    }

    private func jsonNumber(_ value: Float) -> String { printfFixed(Double(value), precision: 6) }

    private func jsonString(_ text: String) -> String { TokenizedTextWriter.jsonString(text) }
}
