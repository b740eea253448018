/// conlleval.pl (2004-01-26) phrase counting, reproduced exactly, quirks included.
///
/// A phrase starts or ends by the 2004 rules (`startsPhrase`, `endsPhrase`); `gold` and
/// `found` count phrase starts per side. `correct` comes from the script's `inCorrect` flag:
/// set when both sides start a phrase of the same type, counted when both end one together with
/// the same type, cleared when only one side ends or the current types differ, and counted
/// without any end check if still set at end of input. A sentence break reads as `O` on both sides
/// and is not a token. Accuracy counts tokens whose prefix and type agree.
public struct ConllevalCounter: TagSequenceSink {
    private var lastGold: (prefix: ConllevalPrefix, type: Int32)
    private var lastPredicted: (prefix: ConllevalPrefix, type: Int32)
    private var inCorrect = false
    private let breakTag: TagInfo
    /// The counts so far (complete after `finish()`).
    public private(set) var counts = SpanCounts()

    public init(table: TagTable) {
        breakTag = table.outside
        lastGold = (.outside, table.emptyType)
        lastPredicted = lastGold
    }

    @inline(__always)
    public mutating func token(gold: TagInfo, predicted: TagInfo, text: UnsafeBufferPointer<UInt8>) throws(TagError) {
        step(gold: gold, predicted: predicted)
        counts.tokens += 1
        if gold.prefixID == predicted.prefixID, gold.type == predicted.type { counts.correctTags += 1 }
    }

    public mutating func sentenceBreak() throws(TagError) {
        step(gold: breakTag, predicted: breakTag)
    }

    public mutating func finish() throws(TagError) {
        if inCorrect {
            counts.addCorrect(lastGold.type)
            inCorrect = false
        }
    }

    @inline(__always)
    private mutating func step(gold: TagInfo, predicted: TagInfo) {
        let goldEnds = Self.endsPhrase(previous: lastGold.prefix, current: gold.prefix,
                                       sameType: lastGold.type == gold.type)
        let predictedEnds = Self.endsPhrase(previous: lastPredicted.prefix, current: predicted.prefix,
                                            sameType: lastPredicted.type == predicted.type)
        if inCorrect {
            if goldEnds, predictedEnds, lastPredicted.type == lastGold.type {
                inCorrect = false
                counts.addCorrect(lastGold.type)
            } else if goldEnds != predictedEnds || predicted.type != gold.type {
                inCorrect = false
            }
        }
        let goldStarts = Self.startsPhrase(previous: lastGold.prefix, current: gold.prefix,
                                           sameType: lastGold.type == gold.type)
        let predictedStarts = Self.startsPhrase(previous: lastPredicted.prefix, current: predicted.prefix,
                                                sameType: lastPredicted.type == predicted.type)
        if goldStarts, predictedStarts, predicted.type == gold.type { inCorrect = true }
        if goldStarts { counts.addGold(gold.type) }
        if predictedStarts { counts.addFound(predicted.type) }
        lastGold = (gold.prefix, gold.type)
        lastPredicted = (predicted.prefix, predicted.type)
    }

    /// conlleval's `endOfChunk`: does a phrase end between the previous and the current token?
    @inline(__always)
    public static func endsPhrase(previous: ConllevalPrefix, current: ConllevalPrefix, sameType: Bool) -> Bool {
        switch previous {
        case .begin, .inside:
            if current == .begin || current == .outside { return true }
        case .end:
            if current == .end || current == .inside || current == .outside { return true }
        case .openBracket, .closeBracket:
            return true
        case .outside, .dot:
            return false
        case .other:
            break
        }
        return !sameType
    }

    /// conlleval's `startOfChunk`: does a phrase start at the current token?
    @inline(__always)
    public static func startsPhrase(previous: ConllevalPrefix, current: ConllevalPrefix, sameType: Bool) -> Bool {
        switch current {
        case .begin:
            if previous == .begin || previous == .inside || previous == .outside { return true }
        case .inside, .end:
            if previous == .outside || previous == .end { return true }
        case .openBracket, .closeBracket:
            return true
        case .outside, .dot:
            return false
        case .other:
            break
        }
        return !sameType
    }
}
