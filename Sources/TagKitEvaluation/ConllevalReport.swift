import TagKitText

/// The text report of conlleval.pl, byte for byte:
///
/// ```
/// processed 51533 tokens with 3559 phrases; found: 3903 phrases; correct: 2880.
/// accuracy:  96.57%; precision:  73.79%; recall:  80.92%; FB1:  77.19
///               LOC: precision:  78.95%; recall:  82.01%; FB1:  80.45  1126
/// ```
///
/// Line 2 only when tokens > 0. P = 100·correct/found, R = 100·correct/gold (0 when the divisor
/// is 0), FB1 = 2·P·R/(P+R) from the percentages (0 when P+R = 0), accuracy = 100·correctTags/tokens,
/// all `%6.2f`. Per-type lines: the name right-aligned in 17 bytes, types in byte order, the
/// final number the found count; the empty type prints twice when both gold and found have it
/// (Perl's duplicate filter treats `""` as false).
public enum ConllevalReport {
    /// The report for `counts`, whose type ids name entries of `types`.
    public static func render(_ counts: SpanCounts, types: ByteInterner) -> [UInt8] {
        var out: [UInt8] = []
        let gold = counts.goldTotal, found = counts.foundTotal, correct = counts.correctTotal
        out += Array("processed \(counts.tokens) tokens with \(gold) phrases; found: \(found) phrases; correct: \(correct).\n".utf8)
        if counts.tokens > 0 {
            let precision = found > 0 ? 100 * Double(correct) / Double(found) : 0
            let recall = gold > 0 ? 100 * Double(correct) / Double(gold) : 0
            let accuracy = 100 * Double(counts.correctTags) / Double(counts.tokens)
            out += Array(("accuracy: \(printfFixed(accuracy, width: 6))%; precision: \(printfFixed(precision, width: 6))%; "
                + "recall: \(printfFixed(recall, width: 6))%; FB1: \(printfFixed(f1(precision, recall), width: 6))\n").utf8)
        }
        for type in reportedTypes(counts, types: types) {
            let typeFound = counts.found(type), typeGold = counts.gold(type), typeCorrect = counts.correct(type)
            let precision = typeFound > 0 ? 100 * Double(typeCorrect) / Double(typeFound) : 0
            let recall = typeGold > 0 ? 100 * Double(typeCorrect) / Double(typeGold) : 0
            out += CFormat.rightAligned(types.bytes(type), width: 17)
            out += Array((": precision: \(printfFixed(precision, width: 6))%; recall: \(printfFixed(recall, width: 6))%; "
                + "FB1: \(printfFixed(f1(precision, recall), width: 6))  \(typeFound)\n").utf8)
        }
        return out
    }

    /// conlleval's FB1 from percentages: 2·P·R/(P+R), or 0.
    public static func f1(_ precision: Double, _ recall: Double) -> Double {
        precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    /// The types in report order: byte order, the empty type listed once per side that has it.
    public static func reportedTypes(_ counts: SpanCounts, types: ByteInterner) -> [Int32] {
        var listed: [Int32] = []
        for type in counts.typesSeen.sorted(by: { types.bytes($0).lexicographicallyPrecedes(types.bytes($1)) }) {
            listed.append(type)
            if types.bytes(type).isEmpty, counts.gold(type) > 0, counts.found(type) > 0 { listed.append(type) }
        }
        return listed
    }
}
