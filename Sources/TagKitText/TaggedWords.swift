/// The part of a sentence a tagger sees: its words and, for each predicted column, one label per word.
///
/// For CoNLL and `.iob2` every token line is a word. For CoNLL-U only syntactic-word lines (integer
/// IDs) are words; multiword-range and empty-node lines are skipped, and `wordLines` remembers where
/// each word sits among the sentence's token lines so predictions go back to the right line.
public struct TaggedWords: Equatable, Sendable {
    /// The words, in order.
    public var words: [String]
    /// `labels[c][i]` is the gold label of word `i` in predicted column `c` (empty arrays when unlabelled).
    public var labels: [[String]]
    /// Index in `Sentence.tokens` of each word.
    public var wordLines: [Int]

    public init(words: [String], labels: [[String]], wordLines: [Int]) {
        self.words = words
        self.labels = labels
        self.wordLines = wordLines
    }
}

/// Which columns of a corpus hold the words and the labels a tagger learns.
public struct TaggingColumns: Equatable, Codable, Sendable {
    /// 0-based column of the word form.
    public var word: Int
    /// 0-based columns of the labels, one tagger head each (NER: the tag column; CoNLL-U: UPOS, FEATS…).
    public var labels: [Int]
    /// Whether only CoNLL-U syntactic words (integer IDs) count as words.
    public var syntacticWordsOnly: Bool

    public init(word: Int, labels: [Int], syntacticWordsOnly: Bool) {
        self.word = word
        self.labels = labels
        self.syntacticWordsOnly = syntacticWordsOnly
    }

    /// CoNLL-U FORM with UPOS and FEATS (and XPOS if asked) as labels.
    public static func morphology(includeXPOS: Bool = false) -> TaggingColumns {
        TaggingColumns(word: 1, labels: includeXPOS ? [3, 5, 4] : [3, 5], syntacticWordsOnly: true)
    }

    /// NER columns for `format`: the token and the tag column (`tagColumn`, or the format's default).
    public static func entities(format: CorpusFormat, columnCount: Int, tagColumn: Int? = nil) -> TaggingColumns {
        let word = format == .iob2 ? 1 : 0
        let tag = tagColumn ?? format.defaultTagColumn(columnCount: columnCount) ?? columnCount - 1
        return TaggingColumns(word: word, labels: [tag], syntacticWordsOnly: format == .conllu)
    }

    /// The words and labels of `sentence`; `file` names the input in error messages.
    public func extract(_ sentence: Sentence, file: String) throws -> TaggedWords {
        var tagged = TaggedWords(words: [], labels: Array(repeating: [], count: labels.count), wordLines: [])
        let needed = max(word, labels.max() ?? 0) + 1
        for (index, token) in sentence.tokens.enumerated() {
            if syntacticWordsOnly, !(WordID(token.columns[0])?.isWord ?? false) { continue }
            guard token.columns.count >= needed else {
                throw InputError(file: file, line: token.line, expected: "at least \(needed) columns",
                                 found: "\(token.columns.count) in \(InputError.excerpt(token.text))")
            }
            tagged.words.append(token.columns[word])
            for (head, column) in labels.enumerated() { tagged.labels[head].append(token.columns[column]) }
            tagged.wordLines.append(index)
        }
        return tagged
    }

    /// Writes `predicted[c][i]` into label column `c` of word `i` of `sentence`.
    public func insert(_ predicted: [[String]], into sentence: inout Sentence, words: TaggedWords) {
        precondition(predicted.count == labels.count, "one prediction column per label column")
        for (head, column) in labels.enumerated() {
            precondition(predicted[head].count == words.wordLines.count, "one prediction per word")
            for (i, line) in words.wordLines.enumerated() where sentence.tokens[line].columns[column] != predicted[head][i] {
                sentence.tokens[line].columns[column] = predicted[head][i]
            }
        }
    }
}
