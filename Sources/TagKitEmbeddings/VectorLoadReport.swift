/// A word that appeared again; the first occurrence's row is kept and this one dropped.
public struct DuplicateWord: Equatable, Sendable {
    /// The word (after UTF-8 repair).
    public var word: String
    /// Where the repeat is: the 1-based line (text) or the 0-based byte offset of the word (binary).
    public var line: Int?
    public var byteOffset: Int?
}

/// What happened while loading.
public struct VectorLoadReport: Sendable {
    /// The layout read (detected or given).
    public var format: VectorFormat
    /// The header's `COUNT`, if the format has a header.
    public var headerCount: Int?
    /// Rows read from the file (stops at `limit`).
    public var rowsRead = 0
    /// Rows dropped because their word had already appeared (the first occurrence wins).
    public var duplicateCount = 0
    /// The first few duplicates, in file order.
    public var duplicates: [DuplicateWord] = []
    /// Words whose invalid UTF-8 was replaced by U+FFFD (lenient policy).
    public var repairedWords = 0
    /// Rows left out by `restrictTo`.
    public var skippedByRestriction = 0
    /// Bytes of the file consumed.
    public var bytesRead = 0

    public init(format: VectorFormat, headerCount: Int? = nil) {
        self.format = format
        self.headerCount = headerCount
    }
}
