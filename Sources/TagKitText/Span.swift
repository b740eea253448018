/// A labelled run of tokens in a sentence: tokens `start..<end` of type `type` (e.g. `PER`).
public struct Span: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Index of the first token (0-based).
    public var start: Int
    /// Index one past the last token.
    public var end: Int
    /// The entity type, without prefix.
    public var type: String

    public init(start: Int, end: Int, type: String) {
        precondition(start < end, "a span holds at least one token")
        self.start = start
        self.end = end
        self.type = type
    }

    /// The number of tokens.
    public var count: Int { end - start }

    public var description: String { "\(type)[\(start)..<\(end)]" }
}
