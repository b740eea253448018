/// One direction of an LSTM (`RecurrentCell.lstm`, blocks `[i, f, g, o]`) run forward only, for
/// tagging, when the input projection `W x + b` of every position is already known.
///
/// A tagger's first layer sees one input vector per *word*, and a batch repeats most of its words:
/// the caller projects each distinct input row once (one `sgemm`, both directions side by side) and
/// hands the rows here with `projectionRow`. Each step then runs one product `h_{t-1} Uᵀ` over the
/// sequences still running (`PackedSequenceLayout`) and the gates point-wise:
/// ```
/// [î f̂ ĝ ô] = P[row(b, t)] + U h_{t-1}
/// c_t = σ(f̂) ∘ c_{t-1} + σ(î) ∘ tanh(ĝ),   h_t = σ(ô) ∘ tanh(c_t)
/// ```
/// with `h_0 = c_0 = 0`. It keeps no trace (nothing for a backward pass) and allocates three buffers
/// per call, none per step. The sums are grouped as `(W x + b) + U h` rather than the training
/// kernel's `(W x + U h) + b`, so results agree with `FusedRecurrentKernel.forward` to float
/// rounding, not bit for bit.
public enum LSTMInference {
    /// Runs the recurrence and writes `h_t` of every real position.
    /// - Parameters:
    ///   - hiddenSize: `H`.
    ///   - layout: the batch's lengths and packing; `reversed` reads each sequence from its last token.
    ///   - projection: row `r` (`4H` floats at `projection + r · projectionStride`) holds `W x + b`.
    ///   - projectionRow: for padded row `b · T + time`, the projection row of that position.
    ///   - recurrentWeight: `U`, `[4H, H]` row-major.
    ///   - output: receives `h_t` (`H` floats) at `output + (b · T + time) · outputStride`; padded rows
    ///     are not written.
    ///   - finalHidden: if given, receives the state after each sequence's last token, `[B, H]`
    ///     (zeros for an empty sequence).
    public static func run(
        hiddenSize: Int, layout: PackedSequenceLayout, reversed: Bool,
        projection: UnsafePointer<Float>, projectionStride: Int, projectionRow: [Int],
        recurrentWeight: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>, outputStride: Int,
        finalHidden: UnsafeMutablePointer<Float>? = nil
    ) {
        precondition(projectionRow.count >= layout.batchSize * layout.paddedLength,
                     "one projection row per padded position")
        let width = 4 * hiddenSize
        let tokens = layout.tokenCount
        let paddedRows = layout.paddedRows(reversed: reversed)
        let recurrent = UnsafeMutablePointer<Float>.allocate(capacity: max(1, (layout.batchSizes.first ?? 0) * width))
        let hidden = UnsafeMutablePointer<Float>.allocate(capacity: max(1, tokens * hiddenSize))
        let cells = UnsafeMutablePointer<Float>.allocate(capacity: max(1, tokens * hiddenSize))
        defer { for buffer in [recurrent, hidden, cells] { buffer.deallocate() } }
        for step in 0..<layout.stepCount {
            let rows = layout.batchSizes[step]
            let first = layout.offsets[step]
            let previous = step == 0 ? nil : layout.offsets[step - 1]
            if let previous {
                Gemm.multiply(m: rows, n: width, k: hiddenSize,
                              hidden + previous * hiddenSize, lda: hiddenSize,
                              recurrentWeight, ldb: hiddenSize, transposeB: true,
                              beta: 0, into: recurrent, ldc: width)
            }
            for row in 0..<rows {
                let packed = first + row
                let input = projection + projectionRow[paddedRows[packed]] * projectionStride
                let product = recurrent + row * width
                let cell = cells + packed * hiddenSize
                let state = hidden + packed * hiddenSize
                let target = output + paddedRows[packed] * outputStride
                for offset in stride(from: 0, to: hiddenSize, by: 16) {
                    let lanes = hiddenSize - offset
                    var inputGate = SIMDBuffer.load(input + offset, count: lanes)
                    var forgetGate = SIMDBuffer.load(input + hiddenSize + offset, count: lanes)
                    var candidate = SIMDBuffer.load(input + 2 * hiddenSize + offset, count: lanes)
                    var outputGate = SIMDBuffer.load(input + 3 * hiddenSize + offset, count: lanes)
                    let c: SIMD16<Float>
                    if let previous {
                        inputGate += SIMDBuffer.load(product + offset, count: lanes)
                        forgetGate += SIMDBuffer.load(product + hiddenSize + offset, count: lanes)
                        candidate += SIMDBuffer.load(product + 2 * hiddenSize + offset, count: lanes)
                        outputGate += SIMDBuffer.load(product + 3 * hiddenSize + offset, count: lanes)
                        c = VectorMath.sigmoid(forgetGate) * SIMDBuffer.load(cells + (previous + row) * hiddenSize + offset, count: lanes)
                            + VectorMath.sigmoid(inputGate) * VectorMath.tanh(candidate)
                    } else {
                        c = VectorMath.sigmoid(inputGate) * VectorMath.tanh(candidate)
                    }
                    let h = VectorMath.sigmoid(outputGate) * VectorMath.tanh(c)
                    SIMDBuffer.store(c, to: cell + offset, count: lanes)
                    SIMDBuffer.store(h, to: state + offset, count: lanes)
                    SIMDBuffer.store(h, to: target + offset, count: lanes)
                }
            }
        }
        guard let finalHidden else { return }
        for (position, sequence) in layout.order.enumerated() {
            let length = layout.lengths[sequence]
            let target = finalHidden + sequence * hiddenSize
            if length == 0 {
                target.update(repeating: 0, count: hiddenSize)
            } else {
                target.update(from: hidden + (layout.offsets[length - 1] + position) * hiddenSize, count: hiddenSize)
            }
        }
    }
}
