/// A line of input kept verbatim: a comment, a `-DOCSTART-` marker or a blank line between sentences.
public struct SourceLine: Equatable, Sendable {
    /// The line's text without its ending.
    public var text: String
    /// How the line ended in the input.
    public var ending: LineEnding
    /// 1-based line number in the input (0 for lines made in memory).
    public var line: Int

    public init(text: String, ending: LineEnding = .lf, line: Int = 0) {
        self.text = text
        self.ending = ending
        self.line = line
    }
}

/// The character between the columns of a token line.
public enum ColumnSeparator: UInt8, Sendable {
    case space = 0x20
    case tab = 0x09
}

/// One token line: its columns, and enough of its layout to write it back byte for byte.
///
/// `columns` may be changed freely; the original text of an irregular line (several separators in a
/// row, trailing whitespace) is kept only until the columns change, after which the line is written as
/// the columns joined by `separator`.
public struct Token: Equatable, Sendable {
    /// The fields of the line, in order (CoNLL-U: ID, FORM, LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL, DEPS, MISC).
    public var columns: [String] {
        didSet { original = nil }
    }
    /// What stands between the columns when the line is written.
    public var separator: ColumnSeparator
    /// How the line ended in the input.
    public var ending: LineEnding
    /// 1-based line number in the input (0 for tokens made in memory).
    public var line: Int
    /// The line exactly as read, when joining `columns` with `separator` would not reproduce it.
    public private(set) var original: String?

    public init(columns: [String], separator: ColumnSeparator = .tab, ending: LineEnding = .lf,
                line: Int = 0, original: String? = nil) {
        self.columns = columns
        self.separator = separator
        self.ending = ending
        self.line = line
        self.original = original
    }

    /// The text this token's line is written as (without its ending).
    public var text: String {
        original ?? columns.joined(separator: separator == .tab ? "\t" : " ")
    }
}

/// A sentence of a column file, with everything around it that the file holds.
///
/// A file is a sequence of sentences; writing every sentence back gives the file byte for byte.
/// `header` holds what comes before the tokens (CoNLL-U and `.iob2` comment lines, `-DOCSTART-` lines),
/// `trailer` the blank (or whitespace-only) lines after them. A sentence may have no tokens: a
/// `-DOCSTART-` block, or blank lines at the start of a file.
public struct Sentence: Equatable, Sendable {
    /// Comment and `-DOCSTART-` lines before the tokens, in input order.
    public var header: [SourceLine]
    /// The token lines (for CoNLL-U also multiword-range and empty-node lines).
    public var tokens: [Token]
    /// Blank lines after the tokens (usually one; none for the last sentence of a file without one).
    public var trailer: [SourceLine]

    public init(header: [SourceLine] = [], tokens: [Token] = [], trailer: [SourceLine] = []) {
        self.header = header
        self.tokens = tokens
        self.trailer = trailer
    }

    /// Whether the header holds a `-DOCSTART-` line, which marks the start of a document.
    public var startsDocument: Bool {
        header.contains { $0.text.hasPrefix(documentStartMarker) }
    }

    /// The comment lines (`# …`) of the header, without the leading `#` and one following space.
    public var comments: [String] {
        header.compactMap { line in
            guard line.text.hasPrefix("#") else { return nil }
            let body = line.text.dropFirst()
            return String(body.hasPrefix(" ") ? body.dropFirst() : body)
        }
    }

    /// The value of a `# key = value` comment, if present (CoNLL-U `sent_id`, `text`, …).
    public func comment(_ key: String) -> String? {
        let prefix = key + " = "
        for comment in comments where comment.hasPrefix(prefix) {
            return String(comment.dropFirst(prefix.count))
        }
        return nil
    }

    /// Column `index` (0-based) of every token.
    public func column(_ index: Int) -> [String] {
        tokens.map { $0.columns[index] }
    }
}

/// The first field of a CoNLL-2003 document marker line.
public let documentStartMarker = "-DOCSTART-"
