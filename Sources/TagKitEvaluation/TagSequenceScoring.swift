/// Scores tag sequences held in memory (a tagger's dev predictions), with the same counters that
/// read files, so a dev F1 during training is the number `tagkit eval` prints for the same tags.
public struct TagSequenceScoring {
    /// The interned tags and types of the sequences scored.
    public let table = TagTable()
    /// conlleval counts (phrases per type, tokens).
    public private(set) var counts = SpanCounts()
    /// Token-level type confusion.
    public private(set) var confusion = ConfusionMatrix()

    /// Scores `predicted` against `gold`, sentence by sentence (equal lengths required).
    public init(gold: [[String]], predicted: [[String]]) {
        precondition(gold.count == predicted.count, "one predicted sentence per gold sentence")
        var counter = ConllevalCounter(table: table)
        var empty: [UInt8] = []
        empty.withUnsafeMutableBufferPointer { text in
            for (goldTags, predictedTags) in zip(gold, predicted) {
                precondition(goldTags.count == predictedTags.count, "one predicted tag per gold tag")
                for (g, p) in zip(goldTags, predictedTags) {
                    let goldInfo = table.info(g), predictedInfo = table.info(p)
                    // conlleval mode and the confusion matrix accept every tag.
                    try! counter.token(gold: goldInfo, predicted: predictedInfo, text: UnsafeBufferPointer(text))
                    try! confusion.token(gold: goldInfo, predicted: predictedInfo, text: UnsafeBufferPointer(text))
                }
                try! counter.sentenceBreak()
            }
            try! counter.finish()
        }
        counts = counter.counts
    }

    /// Overall conlleval precision, recall and FB1, in percent.
    public var overall: (precision: Double, recall: Double, f1: Double) {
        row(correct: counts.correctTotal, found: counts.foundTotal, gold: counts.goldTotal)
    }

    /// Per-type rows (byte order of type names): gold, found, correct, and P/R/F1 in percent.
    public var types: [(type: String, gold: Int, found: Int, correct: Int, precision: Double, recall: Double, f1: Double)] {
        counts.typesSeen
            .sorted { table.types.bytes($0).lexicographicallyPrecedes(table.types.bytes($1)) }
            .map { type in
                let scores = row(correct: counts.correct(type), found: counts.found(type), gold: counts.gold(type))
                return (table.types.string(type), counts.gold(type), counts.found(type), counts.correct(type),
                        scores.precision, scores.recall, scores.f1)
            }
    }

    /// Token accuracy in percent (conlleval: same prefix and type).
    public var accuracy: Double {
        counts.tokens > 0 ? 100 * Double(counts.correctTags) / Double(counts.tokens) : 0
    }

    private func row(correct: Int, found: Int, gold: Int) -> (precision: Double, recall: Double, f1: Double) {
        let precision = found > 0 ? 100 * Double(correct) / Double(found) : 0
        let recall = gold > 0 ? 100 * Double(correct) / Double(gold) : 0
        return (precision, recall, ConllevalReport.f1(precision, recall))
    }
}
