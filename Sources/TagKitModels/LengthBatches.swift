import TagKitTensor

/// Splits examples into batches of similar length, in a seeded random order.
///
/// Examples are shuffled, cut into pools of `poolFactor × batchSize`, each pool sorted by length
/// and cut into batches, and the batches shuffled again: padding stays small while the order still
/// changes every epoch. The same seed gives the same batches.
public struct LengthBatches: Sendable {
    public var batchSize: Int
    /// How many batches' worth of examples are sorted together.
    public var poolFactor: Int

    public init(batchSize: Int, poolFactor: Int = 50) {
        precondition(batchSize >= 1 && poolFactor >= 1)
        self.batchSize = batchSize
        self.poolFactor = poolFactor
    }

    /// Batches of indices into `lengths`; every index appears exactly once.
    public func batches(lengths: [Int], generator: inout SeededGenerator) -> [[Int]] {
        var order = Array(lengths.indices)
        shuffle(&order, &generator)
        var batches: [[Int]] = []
        let pool = batchSize * poolFactor
        for start in stride(from: 0, to: order.count, by: pool) {
            let sorted = order[start..<min(start + pool, order.count)].sorted { (lengths[$0], $0) < (lengths[$1], $1) }
            for batchStart in stride(from: 0, to: sorted.count, by: batchSize) {
                batches.append(Array(sorted[batchStart..<min(batchStart + batchSize, sorted.count)]))
            }
        }
        shuffle(&batches, &generator)
        return batches
    }

    /// Consecutive batches in input order, for prediction (output keeps the input's order).
    public func sequentialBatches(count: Int) -> [[Int]] {
        stride(from: 0, to: count, by: batchSize).map { Array($0..<min($0 + batchSize, count)) }
    }

    /// Fisher–Yates with TagKit's generator (the standard library's algorithm may change between releases).
    private func shuffle<T>(_ items: inout [T], _ generator: inout SeededGenerator) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = Int(generator.next() % UInt64(i + 1))
            items.swapAt(i, j)
        }
    }
}
