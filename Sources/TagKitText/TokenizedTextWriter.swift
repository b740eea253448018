/// The layouts `TokenizedTextWriter` writes tokenized text in.
public enum TokenizedTextFormat: String, CaseIterable, Sendable {
    /// One sentence per line, tokens separated by single spaces.
    case tokens
    /// JSON Lines: one object per sentence,
    /// `{"text":…,"utf8Start":…,"utf8End":…,"tokens":[{"text":…,"utf8Start":…,"utf8End":…,"spaceAfter":…},…]}`;
    /// offsets are UTF-8 byte offsets into the input, end exclusive.
    case json
    /// CoNLL-U: `# sent_id`, `# text` (the sentence rebuilt from its tokens, see `TextSentence.text`),
    /// one word line per token with `_` in the columns a tokenizer cannot fill and `SpaceAfter=No`
    /// in MISC where no whitespace follows (also on a sentence's last word, when the next sentence or
    /// the end of the input follows at once), so the `# text` lines, and the text as a whole with
    /// each whitespace run made one space, can be rebuilt from the words.
    case conllu
}

/// Writes tokenized sentences to an `OutputFile` in one of the `TokenizedTextFormat` layouts.
public struct TokenizedTextWriter {
    public let format: TokenizedTextFormat
    private let output: OutputFile
    private let sentenceWriter: SentenceWriter
    private var sentencesWritten = 0

    public init(output: OutputFile, format: TokenizedTextFormat) {
        self.output = output
        self.format = format
        sentenceWriter = SentenceWriter(output: output)
    }

    /// Writes one sentence.
    public mutating func write(_ sentence: TextSentence) throws {
        sentencesWritten += 1
        switch format {
        case .tokens:
            try output.write(sentence.tokens.map(\.text).joined(separator: " ") + "\n")
        case .json:
            try output.write(Self.json(sentence) + "\n")
        case .conllu:
            try sentenceWriter.write(conllu(sentence, number: sentencesWritten))
        }
    }

    /// The CoNLL-U form of `sentence`, numbered `number` in `# sent_id`.
    public func conllu(_ sentence: TextSentence, number: Int) -> Sentence {
        let tokens = sentence.tokens.enumerated().map { index, token in
            let misc = token.spaceAfter ? "_" : "SpaceAfter=No"
            return Token(columns: [String(index + 1), token.text, "_", "_", "_", "_", "_", "_", "_", misc])
        }
        return Sentence(header: [SourceLine(text: "# sent_id = \(number)"), SourceLine(text: "# text = \(sentence.text)")],
                        tokens: tokens, trailer: [SourceLine(text: "")])
    }

    static func json(_ sentence: TextSentence) -> String {
        var out = "{\"text\":" + jsonString(sentence.text)
        out += ",\"utf8Start\":\(sentence.utf8Range.lowerBound),\"utf8End\":\(sentence.utf8Range.upperBound),\"tokens\":["
        for (index, token) in sentence.tokens.enumerated() {
            if index > 0 { out += "," }
            out += "{\"text\":" + jsonString(token.text)
            out += ",\"utf8Start\":\(token.utf8Range.lowerBound),\"utf8End\":\(token.utf8Range.upperBound)"
            out += ",\"spaceAfter\":\(token.spaceAfter)}"
        }
        return out + "]}"
    }

    /// `text` as a JSON string literal: `"` and `\` escaped, control characters as `\uXXXX`.
    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
