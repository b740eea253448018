import TagKitText

/// The sentences of one or more corpus files as a tagger reads them: words, gold labels, and where
/// each word came from (for error messages).
public struct TaggerCorpus: Sendable {
    /// The files' names as used in messages, in order.
    public var names: [String]
    public var sentences: [TaggedWords]
    /// `files[s]`: index into `names` of the file sentence `s` came from.
    public var files: [Int]
    /// `lines[s][i]`: the 1-based line of word `i` of sentence `s` in its file.
    public var lines: [[Int]]
    /// The columns the words and labels were taken from.
    public var columns: TaggingColumns

    /// Reads every sentence with at least one word from `path` in `format`, taking words and labels
    /// from the columns `columnsFor(columnCount)` names once the first token line has been read.
    /// An empty corpus is an error.
    public init(path: String, format: CorpusFormat, columnsFor: (Int) throws -> TaggingColumns) throws {
        try self.init(reader: SentenceReader(path: path, format: format), columnsFor: columnsFor)
    }

    /// Reads every remaining sentence of `reader` as `init(path:format:columnsFor:)` does.
    public init(reader: SentenceReader, columnsFor: (Int) throws -> TaggingColumns) throws {
        names = [reader.name]
        sentences = []
        files = []
        lines = []
        var chosen: TaggingColumns?
        while let sentence = try reader.next() {
            guard !sentence.tokens.isEmpty, let columnCount = reader.columnCount else { continue }
            if chosen == nil { chosen = try columnsFor(columnCount) }
            let tagged = try chosen!.extract(sentence, file: reader.name)
            guard !tagged.words.isEmpty else { continue }
            sentences.append(tagged)
            files.append(0)
            lines.append(tagged.wordLines.map { sentence.tokens[$0].line })
        }
        guard !sentences.isEmpty, let chosen else {
            throw InputError(file: reader.name, expected: "at least one sentence with tokens", found: "none")
        }
        columns = chosen
    }

    /// Reads several files into one corpus, in order; each file has its own format (`format(path)`)
    /// and columns (`columnsFor(path, columnCount)`), and `columns` are the first file's.
    public init(paths: [String], format: (String) -> CorpusFormat,
                columnsFor: (String, Int) throws -> TaggingColumns) throws {
        precondition(!paths.isEmpty, "a corpus needs a file")
        self = try TaggerCorpus(path: paths[0], format: format(paths[0]), columnsFor: { try columnsFor(paths[0], $0) })
        for path in paths.dropFirst() {
            let next = try TaggerCorpus(path: path, format: format(path), columnsFor: { try columnsFor(path, $0) })
            guard next.sentences.allSatisfy({ $0.labels.count == sentences[0].labels.count }) else {
                throw InputError(file: path, expected: "\(sentences[0].labels.count) label columns as in \(names[0])",
                                 found: "\(next.sentences[0].labels.count)")
            }
            files += next.files.map { $0 + names.count }
            names += next.names
            sentences += next.sentences
            lines += next.lines
        }
    }

    /// The number of words.
    public var wordCount: Int { sentences.reduce(0) { $0 + $1.words.count } }

    /// Where word `word` of sentence `sentence` is: file name and line.
    public func place(sentence: Int, word: Int) -> (file: String, line: Int?) {
        (names[files[sentence]], lines[sentence][word])
    }

    /// The corpus with label column `head` rewritten from any IOB-like scheme into `scheme`;
    /// entities of a type not in `keeping` (when given) become `O`. A tag of unknown shape is an
    /// error naming its line.
    public func converting(head: Int, to scheme: TagScheme, keeping: Set<String>? = nil) throws -> TaggerCorpus {
        var converted = self
        for s in sentences.indices {
            let tags = sentences[s].labels[head]
            var spans = try TagScheme.spansInAnyScheme(tags, place: { place(sentence: s, word: $0) })
            if let keeping { spans.removeAll { !keeping.contains($0.type) } }
            converted.sentences[s].labels[head] = scheme.tags(spans, count: tags.count)
        }
        return converted
    }
}
