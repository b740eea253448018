/// Phrase counts per type, and token counts: what every span-F1 report is computed from.
///
/// Arrays are indexed by type id (`TagTable.types`) and grow as types appear.
public struct SpanCounts: Sendable, Equatable {
    /// Gold phrases per type.
    public private(set) var gold: [Int] = []
    /// Predicted ("found", "guessed") phrases per type.
    public private(set) var found: [Int] = []
    /// Correct phrases per type.
    public private(set) var correct: [Int] = []
    /// Tokens read (sentence breaks excluded).
    public internal(set) var tokens = 0
    /// Tokens whose gold and predicted tag agree (conlleval: same prefix and type).
    public internal(set) var correctTags = 0

    public init() {}

    /// Gold phrases of all types.
    public var goldTotal: Int { gold.reduce(0, +) }
    /// Predicted phrases of all types.
    public var foundTotal: Int { found.reduce(0, +) }
    /// Correct phrases of all types.
    public var correctTotal: Int { correct.reduce(0, +) }

    /// Types with at least one gold or predicted phrase.
    public var typesSeen: [Int32] {
        (0 ..< max(gold.count, found.count)).filter { count(gold, $0) > 0 || count(found, $0) > 0 }.map(Int32.init)
    }

    /// Gold phrases of `type`.
    public func gold(_ type: Int32) -> Int { count(gold, Int(type)) }
    /// Predicted phrases of `type`.
    public func found(_ type: Int32) -> Int { count(found, Int(type)) }
    /// Correct phrases of `type`.
    public func correct(_ type: Int32) -> Int { count(correct, Int(type)) }

    @inline(__always) mutating func addGold(_ type: Int32) { Self.bump(&gold, Int(type)) }
    @inline(__always) mutating func addFound(_ type: Int32) { Self.bump(&found, Int(type)) }
    @inline(__always) mutating func addCorrect(_ type: Int32) { Self.bump(&correct, Int(type)) }

    private func count(_ counts: [Int], _ index: Int) -> Int { index < counts.count ? counts[index] : 0 }

    @inline(__always)
    private static func bump(_ counts: inout [Int], _ index: Int) {
        if index >= counts.count { counts.append(contentsOf: repeatElement(0, count: index + 1 - counts.count)) }
        counts[index] += 1
    }
}
