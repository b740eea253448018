import TagKitText

/// Accuracy of predicted CoNLL-U tags against gold, on gold tokenization, as conll18_ud_eval.py
/// reports it: UPOS, XPOS, UFeats (universal features only, order ignored), AllTags (all three) and
/// Lemmas, each the share of syntactic words (integer IDs) whose value equals gold.
public struct MorphologyScores: Equatable, Sendable {
    /// Syntactic words compared.
    public var words = 0
    public var upos = 0
    public var xpos = 0
    public var universalFeatures = 0
    public var allTags = 0
    public var lemmas = 0

    public init() {}

    /// The metrics in conll18_ud_eval.py's order, with their correct counts.
    public var metrics: [(name: String, correct: Int)] {
        [("UPOS", upos), ("XPOS", xpos), ("UFeats", universalFeatures), ("AllTags", allTags), ("Lemmas", lemmas)]
    }

    /// The verbose table of conll18_ud_eval.py for these metrics: with gold tokenization precision,
    /// recall, F1 and aligned accuracy are all `correct / words`.
    public var report: String { report(metrics: nil) }

    /// The table restricted to the metrics named in `names` (all when nil), e.g. to leave out columns
    /// a tagger copied from its input rather than predicted.
    public func report(metrics names: Set<String>?) -> String {
        var lines = ["Metric     | Precision |    Recall |  F1 Score | AligndAcc",
                     "-----------+-----------+-----------+-----------+-----------"]
        let full = words > 0 ? 100.0 : 0.0
        lines.append(row("Words", full, aligned: false))
        for (name, correct) in metrics where names?.contains(name) ?? true {
            lines.append(row(name, words > 0 ? 100.0 * Double(correct) / Double(words) : 0, aligned: true))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The scores as JSON: words compared and, per metric, correct words and accuracy in percent.
    public var jsonReport: String {
        let entries = metrics.map { name, correct in
            "\"\(name)\":{\"correct\":\(correct),\"accuracy\":\(printfFixed(words > 0 ? 100 * Double(correct) / Double(words) : 0, precision: 4))}"
        }
        return "{\"words\":\(words),\"metrics\":{" + entries.joined(separator: ",") + "}}\n"
    }

    private func row(_ name: String, _ percent: Double, aligned: Bool) -> String {
        let cell = printfFixed(percent, width: 10)
        return name.padding(toLength: 11) + "|" + cell + " |" + cell + " |" + cell + " |" + (aligned ? cell : "")
    }
}

private extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}

/// Compares two CoNLL-U files word by word.
public enum MorphologyEvaluation {
    /// The features conll18_ud_eval.py counts in UFeats.
    public static let universalFeatureNames: Set<Substring> = [
        "PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr", "Gender", "Animacy", "Number", "Case",
        "Definite", "Degree", "VerbForm", "Mood", "Tense", "Aspect", "Voice", "Evident", "Polarity", "Person", "Polite",
    ]

    /// FEATS reduced to universal features, sorted: what UFeats compares.
    public static func universalFeatures(_ feats: String) -> String {
        feats.split(separator: "|")
            .filter { universalFeatureNames.contains($0.split(separator: "=", maxSplits: 1).first ?? "") }
            .sorted()
            .joined(separator: "|")
    }

    /// Scores `predicted` against `gold`. The files must hold the same syntactic words in the same
    /// sentences; any difference is an error naming both files' lines, never a silently wrong score.
    public static func evaluate(gold: SentenceReader, predicted: SentenceReader) throws -> MorphologyScores {
        var scores = MorphologyScores()
        while true {
            let goldWords = try nextWords(gold)
            let predictedWords = try nextWords(predicted)
            switch (goldWords, predictedWords) {
            case (nil, nil):
                return scores
            case (let g?, nil):
                throw InputError(file: predicted.name, line: nil, expected: "a sentence matching \(gold.name):\(g.first?.line ?? 0)",
                                 found: "the end of the file")
            case (nil, let p?):
                throw InputError(file: predicted.name, line: p.first?.line, expected: "the end of the file, as in \(gold.name)",
                                 found: "another sentence")
            case (let g?, let p?):
                try compare(g, p, gold: gold.name, predicted: predicted.name, into: &scores)
            }
        }
    }

    /// The word lines of the next sentence that has any, or `nil` at the end of the file.
    private static func nextWords(_ reader: SentenceReader) throws -> [Token]? {
        while let sentence = try reader.next() {
            let words = sentence.tokens.filter { WordID($0.columns[0])?.isWord ?? false }
            if !words.isEmpty { return words }
        }
        return nil
    }

    private static func compare(_ gold: [Token], _ predicted: [Token], gold goldName: String, predicted predictedName: String,
                                into scores: inout MorphologyScores) throws {
        for (index, goldWord) in gold.enumerated() {
            guard index < predicted.count else {
                throw InputError(file: predictedName, line: predicted.last?.line,
                                 expected: "the word \(InputError.excerpt(goldWord.columns[1])) of \(goldName):\(goldWord.line) in this sentence",
                                 found: "the end of the sentence")
            }
            let predictedWord = predicted[index]
            guard predictedWord.columns[1] == goldWord.columns[1] else {
                throw InputError(file: predictedName, line: predictedWord.line,
                                 expected: "the word \(InputError.excerpt(goldWord.columns[1])) as in \(goldName):\(goldWord.line)",
                                 found: InputError.excerpt(predictedWord.columns[1]))
            }
            let upos = goldWord.columns[3] == predictedWord.columns[3]
            let xpos = goldWord.columns[4] == predictedWord.columns[4]
            let feats = universalFeatures(goldWord.columns[5]) == universalFeatures(predictedWord.columns[5])
            scores.words += 1
            if upos { scores.upos += 1 }
            if xpos { scores.xpos += 1 }
            if feats { scores.universalFeatures += 1 }
            if upos && xpos && feats { scores.allTags += 1 }
            if goldWord.columns[2] == predictedWord.columns[2] { scores.lemmas += 1 }
        }
        if predicted.count > gold.count {
            let extra = predicted[gold.count]
            throw InputError(file: predictedName, line: extra.line,
                             expected: "the end of the sentence as in \(goldName):\(gold.last!.line)",
                             found: "the word \(InputError.excerpt(extra.columns[1]))")
        }
    }
}
