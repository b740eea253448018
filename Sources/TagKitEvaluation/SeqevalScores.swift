/// Precision, recall and F1 as seqeval 1.2.2's `classification_report` computes them, as fractions:
/// P = correct/found, R = correct/gold (0 when the divisor is 0), F1 = 2·P·R/(P+R) (0 when P+R = 0);
/// averages as numpy computes them (pairwise summation), so the values agree to the last bit.
public struct SeqevalScores: Sendable, Equatable {
    /// One row of the report.
    public struct Row: Sendable, Equatable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Gold phrases.
        public var support: Int
    }

    /// Per type, in `types` order (byte order of the names).
    public var types: [(type: Int32, row: Row)]
    /// Totals over all phrases (micro average; also seqeval's `precision_score` etc.).
    public var micro: Row
    /// Unweighted mean of the per-type rows; NaN when there are no types (numpy's mean of nothing).
    public var macro: Row
    /// Mean of the per-type rows weighted by support; 0 when the support is 0.
    public var weighted: Row

    public static func == (lhs: SeqevalScores, rhs: SeqevalScores) -> Bool {
        lhs.types.map(\.type) == rhs.types.map(\.type) && lhs.types.map(\.row) == rhs.types.map(\.row)
            && lhs.micro == rhs.micro && lhs.macro == rhs.macro && lhs.weighted == rhs.weighted
    }

    public init(_ counts: SpanCounts, types names: ByteInterner) {
        let ordered = counts.typesSeen.sorted { names.bytes($0).lexicographicallyPrecedes(names.bytes($1)) }
        types = ordered.map { ($0, Self.row(correct: counts.correct($0), found: counts.found($0), gold: counts.gold($0))) }
        micro = Self.row(correct: counts.correctTotal, found: counts.foundTotal, gold: counts.goldTotal)
        let rows = types.map(\.row)
        let support = rows.reduce(0) { $0 + $1.support }
        let count = Double(rows.count)
        macro = Row(precision: Self.pairwiseSum(rows.map(\.precision)) / count,
                    recall: Self.pairwiseSum(rows.map(\.recall)) / count,
                    f1: Self.pairwiseSum(rows.map(\.f1)) / count, support: support)
        if support == 0 {
            weighted = Row(precision: 0, recall: 0, f1: 0, support: 0)
        } else {
            let weights = rows.map { Double($0.support) }
            let total = Self.pairwiseSum(weights)
            func mean(_ values: [Double]) -> Double {
                Self.pairwiseSum(zip(values, weights).map { $0 * $1 }) / total
            }
            weighted = Row(precision: mean(rows.map(\.precision)), recall: mean(rows.map(\.recall)),
                           f1: mean(rows.map(\.f1)), support: support)
        }
    }

    static func row(correct: Int, found: Int, gold: Int) -> Row {
        let precision = found > 0 ? Double(correct) / Double(found) : 0
        let recall = gold > 0 ? Double(correct) / Double(gold) : 0
        let denominator = precision + recall
        let f1 = 2 * precision * recall / (denominator == 0 ? 1 : denominator)
        return Row(precision: precision, recall: recall, f1: f1, support: gold)
    }

    /// numpy's `pairwise_sum` for float64: plain below 8 values, 8 accumulators up to 128, halves above.
    static func pairwiseSum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwiseSum($0[...]) }
    }

    private static func pairwiseSum(_ values: Slice<UnsafeBufferPointer<Double>>) -> Double {
        let n = values.count
        let base = values.startIndex
        if n < 8 {
            var sum = 0.0
            for index in values.indices { sum += values[index] }
            return sum
        }
        if n <= 128 {
            var partial = (0 ..< 8).map { values[base + $0] }
            var index = 8
            while index < n - n % 8 {
                for lane in 0 ..< 8 { partial[lane] += values[base + index + lane] }
                index += 8
            }
            var sum = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + ((partial[4] + partial[5]) + (partial[6] + partial[7]))
            while index < n {
                sum += values[base + index]
                index += 1
            }
            return sum
        }
        var half = n / 2
        half -= half % 8
        return pairwiseSum(values[base ..< base + half]) + pairwiseSum(values[(base + half)...])
    }
}
