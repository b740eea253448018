/// A phrase found by an evaluation mode: tokens `start ..< end` of a sentence (or of the whole
/// input, for modes that number tokens globally), and its type id in `TagTable.types`.
public struct PhraseSpan: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var type: Int32

    public init(start: Int, end: Int, type: Int32) {
        self.start = start
        self.end = end
        self.type = type
    }
}
