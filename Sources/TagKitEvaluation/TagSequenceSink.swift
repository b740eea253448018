/// Something that consumes a tagged corpus token by token: the span counters, the confusion
/// matrix, the disagreement finder. Readers call it in file order and `finish()` at the end.
public protocol TagSequenceSink {
    /// One token: its gold and predicted tag, and its text (the first field of its line).
    mutating func token(gold: TagInfo, predicted: TagInfo, text: UnsafeBufferPointer<UInt8>) throws(TagError)
    /// A sentence break (a blank line, or a line whose first field is `-X-`).
    mutating func sentenceBreak() throws(TagError)
    /// The end of the input.
    mutating func finish() throws(TagError)
}

/// A tag that an evaluation mode cannot read (seqeval strict mode rejects unknown prefixes);
/// readers add the file and line.
public struct TagError: Error, Equatable, Sendable {
    /// What the mode expected, e.g. `a tag with prefix B, I or O (scheme IOB2)`.
    public var expected: String
    /// The offending tag's id in `TagTable.tags`.
    public var tagID: Int32

    public init(expected: String, tagID: Int32) {
        self.expected = expected
        self.tagID = tagID
    }
}
