import TagKitText

/// The layouts `TextTagging` writes.
public enum TaggedTextFormat: String, CaseIterable, Sendable {
    /// CoNLL-U from the tokenizer (`# text`, `SpaceAfter=No`); a morphology model fills UPOS and FEATS
    /// (and XPOS), an NER model writes `NER=TAG` into MISC.
    case conllu
    /// JSON Lines, one object per sentence: `text`, `utf8Start`, `utf8End`, `tokens` (each with `text`,
    /// UTF-8 byte offsets into the input, its predicted label(s) and, for NER, `confidence`) and, for
    /// NER, `entities` (`type`, `text`, byte offsets, `confidence`: the CRF marginal of the span).
    case json
}

/// Tags raw text: the tokenizer splits it into sentences and tokens (with offsets into the input),
/// the tagger labels them in batches, and each sentence is written as soon as its batch is done.
public struct TextTagging {
    public let tagger: SequenceTagger
    public let tokenizer: Tokenizer
    public var format: TaggedTextFormat
    public var batchSize: Int

    public init(tagger: SequenceTagger, tokenizer: Tokenizer, format: TaggedTextFormat, batchSize: Int = 64) {
        self.tagger = tagger
        self.tokenizer = tokenizer
        self.format = format
        self.batchSize = batchSize
    }

    /// Tags the text of `path` (`-`: standard input) into `output`; returns the number of tokens.
    @discardableResult
    public func run(path: String, output: OutputFile) throws -> Int {
        var pending: [TextSentence] = []
        var written = 0
        var tokens = 0
        let writer = TokenizedTextWriter(output: output, format: .conllu)
        func flush() throws {
            let words = pending.map { TaggedWords(words: $0.tokens.map(\.text), labels: [], wordLines: Array($0.tokens.indices)) }
            let isNER = tagger.configuration.task == .ner
            let annotations = isNER ? tagger.annotate(words) : []
            let labels = isNER ? annotations.map { [$0.tags] } : tagger.labels(for: words)
            for (index, sentence) in pending.enumerated() {
                written += 1
                tokens += sentence.tokens.count
                switch format {
                case .json:
                    try output.write(json(sentence, labels: labels[index], annotation: isNER ? annotations[index] : nil) + "\n")
                case .conllu:
                    var conllu = writer.conllu(sentence, number: written)
                    if isNER {
                        for (i, tag) in labels[index][0].enumerated() {
                            let misc = conllu.tokens[i].columns[9]
                            conllu.tokens[i].columns[9] = misc == "_" ? "NER=\(tag)" : "NER=\(tag)|\(misc)"
                        }
                    } else {
                        let words = TaggedWords(words: sentence.tokens.map(\.text), labels: [], wordLines: Array(sentence.tokens.indices))
                        tagger.configuration.columns.insert(labels[index], into: &conllu, words: words)
                    }
                    try SentenceWriter(output: output).write(conllu)
                }
            }
            pending.removeAll(keepingCapacity: true)
        }
        try tokenizer.tokenizeFile(path: path) { sentence in
            pending.append(sentence)
            if pending.count == batchSize { try flush() }
        }
        try flush()
        return tokens
    }

    private func json(_ sentence: TextSentence, labels: [[String]], annotation: EntityAnnotation?) -> String {
        let quoted = TokenizedTextWriter.jsonString
        let names = labelNames
        var out = "{\"text\":" + quoted(sentence.text)
        out += ",\"utf8Start\":\(sentence.utf8Range.lowerBound),\"utf8End\":\(sentence.utf8Range.upperBound),\"tokens\":["
        for (i, token) in sentence.tokens.enumerated() {
            if i > 0 { out += "," }
            out += "{\"text\":" + quoted(token.text) + ",\"utf8Start\":\(token.utf8Range.lowerBound),\"utf8End\":\(token.utf8Range.upperBound)"
            for (head, name) in names.enumerated() { out += ",\"\(name)\":" + quoted(labels[head][i]) }
            if let annotation { out += ",\"confidence\":" + printfFixed(annotation.tagConfidence[i], precision: 4) }
            out += "}"
        }
        out += "]"
        if let annotation {
            out += ",\"entities\":["
            for (index, entity) in annotation.entities.enumerated() {
                if index > 0 { out += "," }
                let first = sentence.tokens[entity.span.start], last = sentence.tokens[entity.span.end - 1]
                let text = sentence.tokens[entity.span.start..<entity.span.end].enumerated().map { offset, token in
                    token.text + (offset < entity.span.count - 1 && token.spaceAfter ? " " : "")
                }.joined()
                out += "{\"type\":" + quoted(entity.span.type) + ",\"text\":" + quoted(text)
                out += ",\"utf8Start\":\(first.utf8Range.lowerBound),\"utf8End\":\(last.utf8Range.upperBound)"
                out += ",\"confidence\":" + printfFixed(entity.confidence, precision: 4) + "}"
            }
            out += "]"
        }
        return out + "}"
    }

    /// The JSON key of each head's label: `tag` for NER, the CoNLL-U column names for morphology.
    private var labelNames: [String] {
        let conlluNames = [3: "upos", 4: "xpos", 5: "feats"]
        return tagger.configuration.task == .ner ? ["tag"] : tagger.configuration.columns.labels.map { conlluNames[$0] ?? "label\($0)" }
    }
}
