/// Token-level confusion between gold and predicted types: `count(gold, predicted)` is how many
/// tokens have gold label `gold` and predicted label `predicted`.
///
/// A token's label is `O` for an outside tag, else its conlleval type (so `B-LOC` and `I-LOC` are
/// both `LOC`), else the whole tag (bare tags such as `PER`). Labels are ids in `TagTable.types`.
public struct ConfusionMatrix: TagSequenceSink, Sendable {
    private var rows: [[Int]] = []

    public init() {}

    /// Tokens with gold label `gold` and predicted label `predicted`.
    public func count(gold: Int32, predicted: Int32) -> Int {
        let row = Int(gold), column = Int(predicted)
        guard row < rows.count, column < rows[row].count else { return 0 }
        return rows[row][column]
    }

    /// Labels that occur on either side.
    public var labels: [Int32] {
        var seen = Set<Int>()
        for (row, counts) in rows.enumerated() {
            for (column, count) in counts.enumerated() where count > 0 {
                seen.insert(row)
                seen.insert(column)
            }
        }
        return seen.sorted().map(Int32.init)
    }

    public mutating func token(gold: TagInfo, predicted: TagInfo, text: UnsafeBufferPointer<UInt8>) throws(TagError) {
        let row = Int(gold.label), column = Int(predicted.label)
        if row >= rows.count { rows.append(contentsOf: repeatElement([], count: row + 1 - rows.count)) }
        if column >= rows[row].count { rows[row].append(contentsOf: repeatElement(0, count: column + 1 - rows[row].count)) }
        rows[row][column] += 1
    }

    public mutating func sentenceBreak() throws(TagError) {}

    public mutating func finish() throws(TagError) {}

    /// The labels in display order: byte order, with `O` last.
    public func orderedLabels(types: ByteInterner) -> [Int32] {
        labels.sorted { lhs, rhs in
            let left = types.bytes(lhs), right = types.bytes(rhs)
            let leftIsO = left.elementsEqual("O".utf8), rightIsO = right.elementsEqual("O".utf8)
            if leftIsO != rightIsO { return rightIsO }
            return left.lexicographicallyPrecedes(right)
        }
    }

    /// An aligned text table: one row per gold label, one column per predicted label.
    public func render(types: ByteInterner) -> [UInt8] {
        let labels = orderedLabels(types: types)
        let corner = Array("gold \\ predicted".utf8)
        let names = labels.map { Array(types.bytes($0)) }
        let firstWidth = max(corner.count, names.map(\.count).max() ?? 0)
        let widths = labels.indices.map { column in
            max(names[column].count, labels.map { String(count(gold: $0, predicted: labels[column])).utf8.count }.max() ?? 1)
        }
        var out: [UInt8] = Array(corner) + Array(repeating: UInt8(ascii: " "), count: firstWidth - corner.count)
        for (column, name) in names.enumerated() { out += Array("  ".utf8) + CFormat.rightAligned(name, width: widths[column]) }
        out.append(UInt8(ascii: "\n"))
        for (row, gold) in labels.enumerated() {
            out += CFormat.rightAligned(names[row], width: firstWidth)
            for (column, predicted) in labels.enumerated() {
                out += Array("  ".utf8) + CFormat.rightAligned(Array(String(count(gold: gold, predicted: predicted)).utf8), width: widths[column])
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }
}
