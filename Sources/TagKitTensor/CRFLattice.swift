#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The forward–backward lattice of a linear-chain CRF (see `CRFParameters`) over a padded batch of
/// emissions `[B, T, K]` (row `b · T + t`), all in log space:
///
/// - `α_0[j] = start[j] + E_0[j]`, `α_t[j] = E_t[j] + log Σ_i exp(α_{t-1}[i] + transitions[i, j])`;
/// - `log Z = log Σ_j exp(α_{L-1}[j] + end[j])` (0 for an empty sequence);
/// - `β_{L-1}[i] = end[i]`, `β_t[i] = log Σ_j exp(transitions[i, j] + E_{t+1}[j] + β_{t+1}[j])`.
///
/// Each log-sum-exp subtracts its maximum and runs over sixteen tags at a time with `VectorMath`.
/// Only the real tokens of each sequence (`t < lengths[b]`) are visited. The backward half is
/// computed on first use (marginals, gradients), so one lattice must not be shared between threads.
/// The lattice copies what it reads, so it outlives the buffers it was built from.
public final class CRFLattice {
    /// `K`.
    public let tagCount: Int
    /// Length of each sequence.
    public let lengths: [Int]
    /// `T`, the time dimension of the padded emissions.
    public let paddedLength: Int
    /// `log Z` of each sequence.
    public let logPartition: [Float]

    let emissions: UnsafeMutablePointer<Float>
    let transitions: UnsafeMutablePointer<Float>
    let transposedTransitions: UnsafeMutablePointer<Float>
    let start: UnsafeMutablePointer<Float>
    let end: UnsafeMutablePointer<Float>
    let alpha: UnsafeMutablePointer<Float>
    let beta: UnsafeMutablePointer<Float>
    private var hasBackward = false

    /// Runs the forward algorithm.
    /// - Parameters:
    ///   - emissions: `[B, T, K]`; rows at `t ≥ lengths[b]` are ignored.
    ///   - lengths: `B` lengths in `0...paddedLength`.
    public init(emissions source: UnsafePointer<Float>, lengths: [Int], paddedLength: Int, tagCount: Int,
                parameters: CRFParameters) {
        precondition(tagCount > 0, "a CRF needs at least one tag")
        precondition(lengths.allSatisfy { (0...paddedLength).contains($0) },
                     "sequence lengths must lie in 0...\(paddedLength), got \(lengths)")
        self.tagCount = tagCount
        self.lengths = lengths
        self.paddedLength = paddedLength
        let k = tagCount
        let cells = lengths.count * paddedLength * k
        emissions = Self.copy(source, cells)
        transitions = Self.copy(parameters.transitions, k * k)
        transposedTransitions = Self.copy(parameters.transitions, k * k)
        for i in 0..<k { for j in 0..<k { transposedTransitions[j * k + i] = transitions[i * k + j] } }
        start = Self.copy(parameters.start, k)
        end = Self.copy(parameters.end, k)
        alpha = Self.copy(nil, cells)
        beta = Self.copy(nil, cells)
        let scratch = Self.copy(nil, k)
        defer { scratch.deallocate() }
        var partitions = [Float](repeating: 0, count: lengths.count)
        for (sequence, length) in lengths.enumerated() where length > 0 {
            let base = sequence * paddedLength * k
            for j in 0..<k { alpha[base + j] = start[j] + emissions[base + j] }
            for time in 1..<length {
                let row = base + time * k
                Self.logSumExpProduct(alpha + row - k, transitions, tagCount: k, into: alpha + row)
                VectorMath.add(emissions + row, into: alpha + row, count: k)
            }
            let last = base + (length - 1) * k
            for j in 0..<k { scratch[j] = alpha[last + j] + end[j] }
            partitions[sequence] = Self.logSumExp(scratch, count: k)
        }
        logPartition = partitions
    }

    deinit {
        for buffer in [emissions, transitions, transposedTransitions, start, end, alpha, beta] { buffer.deallocate() }
    }

    /// The number of sequences.
    public var batchSize: Int { lengths.count }

    /// Runs the backward algorithm once.
    func computeBackward() {
        guard !hasBackward else { return }
        hasBackward = true
        let k = tagCount
        let scratch = Self.copy(nil, k)
        defer { scratch.deallocate() }
        for (sequence, length) in lengths.enumerated() where length > 0 {
            let base = sequence * paddedLength * k
            (beta + base + (length - 1) * k).update(from: end, count: k)
            for time in stride(from: length - 2, through: 0, by: -1) {
                let next = base + (time + 1) * k
                for j in 0..<k { scratch[j] = emissions[next + j] + beta[next + j] }
                Self.logSumExpProduct(scratch, transposedTransitions, tagCount: k, into: beta + base + time * k)
            }
        }
    }

    /// `P(y_t = j)` for every real token: `[B, T, K]`, zero at padded positions; each real row sums to 1.
    public func tokenMarginals() -> [Float] {
        computeBackward()
        let k = tagCount
        var marginals = [Float](repeating: 0, count: batchSize * paddedLength * k)
        marginals.withUnsafeMutableBufferPointer { output in
            for (sequence, length) in lengths.enumerated() {
                for time in 0..<length {
                    let row = (sequence * paddedLength + time) * k
                    for j in 0..<k {
                        output[row + j] = alpha[row + j] + beta[row + j] - logPartition[sequence]
                    }
                    VectorMath.exp(output.baseAddress! + row, into: output.baseAddress! + row, count: k)
                }
            }
        }
        return marginals
    }

    /// The probability that sequence `sequence` carries exactly the tags `tags` at positions
    /// `first ..< first + tags.count` (whatever the tags elsewhere):
    /// `exp(α_first[y_first] + Σ_{t>first} (transitions[y_{t-1}, y_t] + E_t[y_t]) + β_last[y_last] − log Z)`.
    /// With one tag this is the token marginal; for the tags of an entity span it is the span's
    /// confidence. Computed in Double from the Float lattice.
    public func segmentProbability(sequence: Int, first: Int, tags: [Int]) -> Double {
        let length = lengths[sequence]
        precondition(!tags.isEmpty && first >= 0 && first + tags.count <= length,
                     "segment \(first)..<\(first + tags.count) outside a sequence of length \(length)")
        precondition(tags.allSatisfy { (0..<tagCount).contains($0) }, "tag out of range in \(tags)")
        computeBackward()
        let k = tagCount
        let base = sequence * paddedLength * k
        var score = Double(alpha[base + first * k + tags[0]])
        for offset in 1..<tags.count {
            let time = first + offset
            score += Double(transitions[tags[offset - 1] * k + tags[offset]]) + Double(emissions[base + time * k + tags[offset]])
        }
        let last = first + tags.count - 1
        score += Double(beta[base + last * k + tags.last!]) - Double(logPartition[sequence])
        return Swift.min(1, exp(score))
    }

    // MARK: - Log-space helpers

    /// `out[j] = log Σ_i exp(a[i] + m[i · K + j])` for `j` in `0..<K`, sixteen `j` at a time.
    @inline(__always)
    static func logSumExpProduct(_ a: UnsafePointer<Float>, _ m: UnsafePointer<Float>, tagCount k: Int,
                                 into out: UnsafeMutablePointer<Float>) {
        for column in stride(from: 0, to: k, by: 16) {
            let lanes = k - column
            var maximum = SIMD16<Float>(repeating: -.infinity)
            for i in 0..<k {
                let value = SIMD16(repeating: a[i]) + SIMDBuffer.load(m + i * k + column, count: lanes)
                maximum.replace(with: value, where: value .> maximum)
            }
            // An all -inf column stays -inf instead of becoming NaN.
            maximum.replace(with: 0, where: maximum .== -.infinity)
            var sum = SIMD16<Float>()
            for i in 0..<k {
                let value = SIMD16(repeating: a[i]) + SIMDBuffer.load(m + i * k + column, count: lanes)
                sum += VectorMath.exp(value - maximum)
            }
            SIMDBuffer.store(maximum + VectorMath.log(sum), to: out + column, count: lanes)
        }
    }

    /// `log Σ_i exp(x[i])` (−inf for an all −inf or empty input).
    static func logSumExp(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var maximum = -Float.infinity
        for i in 0..<count where x[i] > maximum { maximum = x[i] }
        guard maximum > -.infinity else { return -.infinity }
        var sum: Float = 0
        for i in 0..<count { sum += expf(x[i] - maximum) }
        return maximum + logf(sum)
    }

    /// A copy of `count` floats from `source`, or zeros when `source` is nil (at least one element).
    static func copy(_ source: UnsafePointer<Float>?, _ count: Int) -> UnsafeMutablePointer<Float> {
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        buffer.initialize(repeating: 0, count: max(count, 1))
        if let source { buffer.update(from: source, count: count) }
        return buffer
    }
}
