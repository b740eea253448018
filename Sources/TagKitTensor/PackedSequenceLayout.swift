/// How a padded batch of sequences `[batch, time, features]` with per-sequence lengths maps to the
/// packed, time-major layout the fused recurrent kernels step through (the layout of cuDNN's and
/// PyTorch's packed sequences).
///
/// Sequences are ordered by decreasing length (ties keep batch order); step `t` holds the
/// `batchSizes[t]` sequences still running, so the rows of every step are a prefix of the previous
/// step's rows and packed row `offsets[t] + j` is sequence `order[j]` at step `t`. Padded positions
/// never appear. Read `reversed`, step `t` of sequence `b` is its time `lengths[b] - 1 - t`: each
/// sequence runs backwards from its own last token, not from the end of the padding.
public struct PackedSequenceLayout: Sendable, Equatable {
    /// Length of each sequence, in batch order; `0 ≤ lengths[b] ≤ paddedLength`.
    public let lengths: [Int]
    /// The time dimension of the padded tensors.
    public let paddedLength: Int
    /// `order[j]` is the batch row of the `j`-th longest sequence.
    public let order: [Int]
    /// `batchSizes[t]` = number of sequences longer than `t`, for `t` in `0..<maxLength`.
    public let batchSizes: [Int]
    /// `offsets[t]` = first packed row of step `t`; `offsets[maxLength]` = `tokenCount`.
    public let offsets: [Int]

    /// - Precondition: every length lies in `0...paddedLength`.
    public init(lengths: [Int], paddedLength: Int) {
        precondition(lengths.allSatisfy { (0...paddedLength).contains($0) },
                     "sequence lengths must lie in 0...\(paddedLength), got \(lengths)")
        self.lengths = lengths
        self.paddedLength = paddedLength
        order = lengths.indices.sorted { lengths[$0] > lengths[$1] || (lengths[$0] == lengths[$1] && $0 < $1) }
        let longest = lengths.max() ?? 0
        var sizes = [Int](repeating: 0, count: longest)
        for length in lengths where length > 0 { sizes[length - 1] += 1 }
        for step in stride(from: longest - 2, through: 0, by: -1) { sizes[step] += sizes[step + 1] }
        batchSizes = sizes
        var starts = [0]
        for size in sizes { starts.append(starts.last! + size) }
        offsets = starts
    }

    /// The number of sequences in the batch.
    public var batchSize: Int { lengths.count }
    /// The number of recurrent steps (the longest length).
    public var stepCount: Int { batchSizes.count }
    /// The number of real (unpadded) tokens, which is the number of packed rows.
    public var tokenCount: Int { offsets.last! }

    /// `rows[p]` = row `b · paddedLength + time` of the padded tensor held by packed row `p`.
    public func paddedRows(reversed: Bool) -> [Int] {
        var rows = [Int](repeating: 0, count: tokenCount)
        for step in 0..<stepCount {
            for position in 0..<batchSizes[step] {
                let sequence = order[position]
                let time = reversed ? lengths[sequence] - 1 - step : step
                rows[offsets[step] + position] = sequence * paddedLength + time
            }
        }
        return rows
    }
}
