/// Reads sentences one at a time from a CoNLL, `.iob2` or CoNLL-U file (or standard input).
///
/// Memory is bounded by the longest sentence. Every byte of the input ends up in exactly one
/// `Sentence` (header, token or trailer line, with its line ending), so writing the sentences back
/// with `SentenceWriter` reproduces the input byte for byte.
///
/// Input is checked as it is read; the first problem stops reading with an `InputError` naming the
/// file and line: invalid UTF-8, a NUL byte, a token line whose column count differs from the first
/// token line's (CoNLL, `.iob2`), a CoNLL-U line without exactly 10 tab-separated columns or with a
/// malformed ID.
public final class SentenceReader {
    /// The format being read.
    public let format: CorpusFormat
    /// The input's name as used in error messages.
    public var name: String { lines.name }
    /// The number of columns of every token line (set by the first token line; 10 for CoNLL-U).
    public private(set) var columnCount: Int?

    private let lines: LineReader
    private var firstTokenLine = 0
    /// A line already read that starts the next sentence.
    private var lookahead: ClassifiedLine?

    private enum ClassifiedLine {
        case blank(SourceLine)
        case header(SourceLine)
        case token(Token)
    }

    /// Opens `path` (`-` for standard input) in `format` (by default guessed from the file name).
    /// Corpus lines are short, so the file is read in chunks of `chunkSize` (64 KiB) rather than the
    /// line reader's 1 MiB: the reader stays small next to a tagger's working set.
    public convenience init(path: String, format: CorpusFormat? = nil) throws {
        self.init(lines: try LineReader(path: path, chunkSize: Self.chunkSize), format: format ?? CorpusFormat.guess(path: path))
    }

    /// Bytes read at a time by `init(path:format:)` (a longer line grows the buffer).
    static let chunkSize = 1 << 16

    /// Reads the lines of `lines` (a file, standard input or bytes in memory) in `format`.
    public init(lines: LineReader, format: CorpusFormat) {
        self.format = format
        self.lines = lines
        if format == .conllu { columnCount = 10 }
    }

    /// Reads every remaining sentence.
    public func readAll() throws -> [Sentence] {
        var sentences: [Sentence] = []
        while let sentence = try next() { sentences.append(sentence) }
        return sentences
    }

    /// The next sentence, or `nil` at the end of the input.
    public func next() throws -> Sentence? {
        var sentence = Sentence()
        var started = false
        while let line = try lookahead.take() ?? readLine() {
            switch line {
            case .blank(let blank):
                sentence.trailer.append(blank)
                started = true
            case .header(let header):
                if !sentence.tokens.isEmpty || !sentence.trailer.isEmpty {
                    lookahead = line
                    return sentence
                }
                sentence.header.append(header)
                started = true
            case .token(let token):
                if !sentence.trailer.isEmpty {
                    lookahead = line
                    return sentence
                }
                sentence.tokens.append(token)
                started = true
            }
        }
        return started ? sentence : nil
    }

    private func readLine() throws -> ClassifiedLine? {
        try lines.nextLine { bytes, ending in try classify(bytes, ending) }
    }

    private func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ ending: LineEnding) throws -> ClassifiedLine {
        let number = lines.lineNumber
        try InputError.checkTextLine(bytes, file: name, line: number)
        let text = String(decoding: bytes, as: UTF8.self)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            return .blank(SourceLine(text: text, ending: ending, line: number))
        }
        if format.hasComments, bytes.first == UInt8(ascii: "#") {
            return .header(SourceLine(text: text, ending: ending, line: number))
        }
        if format == .conll, text.hasPrefix(documentStartMarker),
           text.utf8.count == documentStartMarker.utf8.count
            || [0x20, 0x09].contains(text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: documentStartMarker.utf8.count)]) {
            return .header(SourceLine(text: text, ending: ending, line: number))
        }
        return .token(try tokenLine(text, ending: ending, line: number))
    }

    /// Splits a token line into columns and checks them against the format.
    private func tokenLine(_ text: String, ending: LineEnding, line: Int) throws -> Token {
        let separator: ColumnSeparator = format == .conll && !text.utf8.contains(0x09) ? .space : .tab
        let exact = text.utf8.split(separator: separator.rawValue, omittingEmptySubsequences: false)
        var token: Token
        if format != .conllu, exact.contains(where: \.isEmpty) {
            // Irregular spacing: the columns are the non-empty runs; the line is kept as read.
            let columns = text.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { String($0)! }
            token = Token(columns: columns, separator: separator, ending: ending, line: line, original: text)
        } else {
            token = Token(columns: exact.map { String($0)! }, separator: separator, ending: ending, line: line)
        }
        switch format {
        case .conllu:
            try checkCoNLLU(token)
        case .conll, .iob2:
            if let expected = columnCount {
                guard token.columns.count == expected else {
                    throw InputError(
                        file: name, line: line,
                        expected: "\(expected) columns as on line \(firstTokenLine)",
                        found: "\(token.columns.count) in \(InputError.excerpt(text))")
                }
            } else {
                if format == .iob2, token.columns.count < 3 {
                    throw InputError(file: name, line: line, expected: "at least 3 tab-separated columns (ID, TOKEN, TAG)",
                                     found: "\(token.columns.count) in \(InputError.excerpt(text))")
                }
                columnCount = token.columns.count
                firstTokenLine = line
            }
        }
        return token
    }

    private func checkCoNLLU(_ token: Token) throws {
        guard token.columns.count == 10 else {
            throw InputError(file: name, line: token.line, expected: "10 tab-separated columns (CoNLL-U)",
                             found: "\(token.columns.count) in \(InputError.excerpt(token.text))")
        }
        guard WordID(token.columns[0]) != nil else {
            throw InputError(file: name, line: token.line,
                             expected: "a CoNLL-U ID (a word number N, a range N-M or an empty node N.K)",
                             found: InputError.excerpt(token.columns[0]))
        }
    }
}

/// The index of the first byte that does not begin a well-formed UTF-8 sequence (as Unicode defines it:
/// no overlongs, no surrogates, nothing above U+10FFFF), or `nil` if all are valid.
public func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var index = 0
    let count = bytes.count
    while index < count {
        let lead = bytes[index]
        if lead < 0x80 { index += 1; continue }
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return index
        }
        guard index + length <= count else { return index }
        let second = bytes[index + 1]
        guard second >= lower, second <= upper else { return index }
        for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return index }
        index += length
    }
    return nil
}

private extension Optional {
    /// Returns the value and leaves `nil` behind.
    mutating func take() -> Wrapped? {
        defer { self = nil }
        return self
    }
}
