/// The line formats TagKit reads and writes.
public enum CorpusFormat: String, CaseIterable, Codable, Sendable {
    /// CoNLL-2003/2002 column files: one token per line, columns separated by a space or a tab,
    /// `-DOCSTART-` document markers, no comments (a line starting with `#` is a token).
    case conll
    /// Universal NER `.iob2`: tab-separated `ID TOKEN TAG MISC ANNOTATOR`, `#` comment lines.
    case iob2
    /// CoNLL-U: 10 tab-separated columns, `#` comments, multiword ranges `1-2`, empty nodes `8.1`.
    case conllu

    /// The format a file name suggests: `.conllu` and `.iob2` by extension, anything else CoNLL.
    public static func guess(path: String) -> CorpusFormat {
        recognized(path: path) ?? .conll
    }

    /// The format a file's extension names (`.conllu`, `.iob2`), or nil when the extension names none.
    public static func recognized(path: String) -> CorpusFormat? {
        if path.hasSuffix(".conllu") { return .conllu }
        if path.hasSuffix(".iob2") { return .iob2 }
        return nil
    }

    /// Whether lines starting with `#` are comments.
    public var hasComments: Bool { self != .conll }

    /// The 0-based column that holds the NER tag by default, for a line of `columnCount` columns.
    public func defaultTagColumn(columnCount: Int) -> Int? {
        switch self {
        case .conll: return columnCount - 1
        case .iob2: return 2
        case .conllu: return nil
        }
    }
}
