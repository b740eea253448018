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
    /// The line being built, reused from sentence to sentence.
    private var line: [UInt8] = []

    public init(output: OutputFile, format: TokenizedTextFormat) {
        self.output = output
        self.format = format
        sentenceWriter = SentenceWriter(output: output)
    }

    /// Writes one sentence.
    public mutating func write(_ sentence: TextSentence) throws {
        sentencesWritten += 1
        line.removeAll(keepingCapacity: true)
        switch format {
        case .tokens:
            for (index, token) in sentence.tokens.enumerated() {
                if index > 0 { line.append(0x20) }
                line.append(contentsOf: token.text.utf8)
            }
            line.append(0x0A)
            try output.write(line)
        case .json:
            Self.appendJSON(sentence, to: &line)
            line.append(0x0A)
            try output.write(line)
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

    /// Appends the JSON object of `sentence` (see `TokenizedTextFormat.json`).
    static func appendJSON(_ sentence: TextSentence, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"text":"#.utf8)
        appendJSONString(sentence.text, to: &out)
        out.append(contentsOf: #","utf8Start":"#.utf8)
        appendDecimal(sentence.utf8Range.lowerBound, to: &out)
        out.append(contentsOf: #","utf8End":"#.utf8)
        appendDecimal(sentence.utf8Range.upperBound, to: &out)
        out.append(contentsOf: #","tokens":["#.utf8)
        for (index, token) in sentence.tokens.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"text":"#.utf8)
            appendJSONString(token.text, to: &out)
            out.append(contentsOf: #","utf8Start":"#.utf8)
            appendDecimal(token.utf8Range.lowerBound, to: &out)
            out.append(contentsOf: #","utf8End":"#.utf8)
            appendDecimal(token.utf8Range.upperBound, to: &out)
            out.append(contentsOf: token.spaceAfter ? #","spaceAfter":true}"#.utf8 : #","spaceAfter":false}"#.utf8)
        }
        out.append(contentsOf: "]}".utf8)
    }

    /// Appends the decimal digits of `value`.
    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)
    }

    /// Appends `text` as a JSON string literal: `"` and `\` escaped, control characters as `\uXXXX`
    /// (`\n`, `\t`, `\r` by name); everything else as UTF-8.
    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `text` as a JSON string literal (see `appendJSONString`).
    public static func jsonString(_ text: String) -> String {
        var out: [UInt8] = []
        appendJSONString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
