import TagKitText

/// The sentences of one corpus file as a tagger reads them: words, gold labels, and each word's
/// line in the file (for error messages).
public struct TaggerCorpus: Sendable {
    /// The file's name as used in messages.
    public var name: String
    public var sentences: [TaggedWords]
    /// `lines[s][i]`: the 1-based line of word `i` of sentence `s`.
    public var lines: [[Int]]

    /// The columns the words and labels were taken from.
    public var columns: TaggingColumns

    /// Reads every sentence with at least one word from `path` in `format`, taking words and labels
    /// from the columns `columnsFor(columnCount)` names once the first token line has been read.
    /// An empty corpus is an error.
    public init(path: String, format: CorpusFormat, columnsFor: (Int) throws -> TaggingColumns) throws {
        let reader = try SentenceReader(path: path, format: format)
        name = reader.name
        sentences = []
        lines = []
        var chosen: TaggingColumns?
        while let sentence = try reader.next() {
            guard !sentence.tokens.isEmpty, let columnCount = reader.columnCount else { continue }
            if chosen == nil { chosen = try columnsFor(columnCount) }
            let tagged = try chosen!.extract(sentence, file: reader.name)
            guard !tagged.words.isEmpty else { continue }
            sentences.append(tagged)
            lines.append(tagged.wordLines.map { sentence.tokens[$0].line })
        }
        guard !sentences.isEmpty, let chosen else {
            throw InputError(file: name, expected: "at least one sentence with tokens", found: "none")
        }
        columns = chosen
    }

    /// The number of words.
    public var wordCount: Int { sentences.reduce(0) { $0 + $1.words.count } }

    /// The corpus with label column `head` rewritten from any IOB-like scheme into `scheme`;
    /// a tag of unknown shape is an error naming its line.
    public func converting(head: Int, to scheme: TagScheme) throws -> TaggerCorpus {
        var converted = self
        for s in sentences.indices {
            let place = { (index: Int) in (file: name, line: Optional(lines[s][index])) }
            converted.sentences[s].labels[head] = try scheme.convert(sentences[s].labels[head], from: nil, place: place)
        }
        return converted
    }
}
