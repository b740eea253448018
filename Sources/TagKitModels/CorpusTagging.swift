import TagKitText

/// Tags a corpus file as it streams: sentences are read, tagged and written in batches, so memory
/// stays bounded by one batch whatever the input's size.
///
/// NER: the predicted tag (IOB2) is appended as a new last column of every token line (and `O` to
/// `-DOCSTART-` lines), so gold and prediction are the last two columns and the output feeds
/// `tagkit eval` directly.
/// Morphology: the predicted UPOS and FEATS (and XPOS) replace those columns of every syntactic-word
/// line; multiword ranges, empty nodes, comments and every other column stay as read.
public struct CorpusTagging {
    public let tagger: SequenceTagger
    /// Sentences read, tagged and written together; `SequenceTagger.labels(for:)` sorts them by length
    /// into its own batches, so a larger chunk gives batches of more similar lengths.
    public var batchSize: Int

    public init(tagger: SequenceTagger, batchSize: Int = 128) {
        self.tagger = tagger
        self.batchSize = batchSize
    }

    /// Reads every sentence of `reader`, tags it and writes it to `writer`. Returns the number of words tagged.
    @discardableResult
    public func run(reader: SentenceReader, writer: SentenceWriter) throws -> Int {
        let configuration = tagger.configuration
        guard (configuration.task == .morph) == (reader.format == .conllu) else {
            throw InputError(file: reader.name,
                             expected: configuration.task == .morph ? "CoNLL-U input for a morphology model" : "CoNLL or .iob2 input for an NER model",
                             found: "\(reader.format.rawValue) input")
        }
        var words = 0
        var pending: [Sentence] = []
        func flush() throws {
            let columns = try pending.map { sentence -> (TaggingColumns, TaggedWords) in
                let columns = try self.columns(for: sentence, reader: reader)
                return (columns, try columns.extract(sentence, file: reader.name))
            }
            let predicted = tagger.labels(for: columns.map(\.1))
            for index in pending.indices {
                let (sentenceColumns, tagged) = columns[index]
                words += tagged.words.count
                try writer.write(insert(predicted[index], into: pending[index], columns: sentenceColumns, words: tagged))
            }
            pending.removeAll(keepingCapacity: true)
        }
        while let sentence = try reader.next() {
            pending.append(sentence)
            if pending.count == batchSize { try flush() }
        }
        try flush()
        return words
    }

    /// Where the words are in this input (NER input may have another column count than training data).
    private func columns(for sentence: Sentence, reader: SentenceReader) throws -> TaggingColumns {
        let configuration = tagger.configuration
        switch configuration.task {
        case .morph:
            return configuration.columns
        case .ner:
            // Words only, from this input's own layout; the predicted tag goes into a new column.
            let words = TaggingColumns.entities(format: reader.format, columnCount: reader.columnCount ?? 1)
            guard words.word < reader.columnCount ?? 1 else {
                throw InputError(file: reader.name, line: sentence.tokens.first?.line,
                                 expected: "at least \(words.word + 1) columns (the word is column \(words.word + 1))",
                                 found: "\(reader.columnCount ?? 0)")
            }
            return TaggingColumns(word: words.word, labels: [], syntacticWordsOnly: words.syntacticWordsOnly)
        }
    }

    private func insert(_ predicted: [[String]], into sentence: Sentence, columns: TaggingColumns, words: TaggedWords) -> Sentence {
        var sentence = sentence
        switch tagger.configuration.task {
        case .morph:
            columns.insert(predicted, into: &sentence, words: words)
        case .ner:
            for (i, line) in words.wordLines.enumerated() { sentence.tokens[line].columns.append(predicted[0][i]) }
            // A -DOCSTART- line gets an O too, so every line keeps the same number of fields (as CoNLL-2003 writes it).
            for index in sentence.header.indices where sentence.header[index].text.hasPrefix(documentStartMarker) {
                let separator = sentence.header[index].text.contains("\t") ? "\t" : " "
                sentence.header[index].text += separator + "O"
            }
        }
        return sentence
    }
}
