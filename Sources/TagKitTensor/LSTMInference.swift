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
/// with `h_0 = c_0 = 0`. It keeps no trace (nothing for a backward pass), only the states of the
/// previous and the current step, and allocates five buffers per call, none per step. The sums are
/// grouped as `(W x + b) + U h` rather than the training kernel's `(W x + U h) + b`, so results agree
/// with `FusedRecurrentKernel.forward` to float rounding, not bit for bit.
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
        let batch = max(1, layout.batchSizes.first ?? 0)
        let paddedRows = layout.paddedRows(reversed: reversed)
        // h and c of the previous and the current step, in packed order (each step's rows are a prefix of the last's).
        let recurrent = UnsafeMutablePointer<Float>.allocate(capacity: batch * width)
        var (hidden, nextHidden) = (UnsafeMutablePointer<Float>.allocate(capacity: batch * hiddenSize),
                                    UnsafeMutablePointer<Float>.allocate(capacity: batch * hiddenSize))
        var (cells, nextCells) = (UnsafeMutablePointer<Float>.allocate(capacity: batch * hiddenSize),
                                  UnsafeMutablePointer<Float>.allocate(capacity: batch * hiddenSize))
        defer { for buffer in [recurrent, hidden, nextHidden, cells, nextCells] { buffer.deallocate() } }
        finalHidden?.update(repeating: 0, count: layout.batchSize * hiddenSize)
        for step in 0..<layout.stepCount {
            let rows = layout.batchSizes[step]
            let first = layout.offsets[step]
            if step > 0 {
                Gemm.multiply(m: rows, n: width, k: hiddenSize,
                              hidden, lda: hiddenSize,
                              recurrentWeight, ldb: hiddenSize, transposeB: true,
                              beta: 0, into: recurrent, ldc: width)
            }
            for row in 0..<rows {
                let packed = first + row
                let input = projection + projectionRow[paddedRows[packed]] * projectionStride
                let product = recurrent + row * width
                let cell = nextCells + row * hiddenSize
                let state = nextHidden + row * hiddenSize
                let target = output + paddedRows[packed] * outputStride
                for offset in stride(from: 0, to: hiddenSize, by: 16) {
                    let lanes = hiddenSize - offset
                    var inputGate = SIMDBuffer.load(input + offset, count: lanes)
                    var forgetGate = SIMDBuffer.load(input + hiddenSize + offset, count: lanes)
                    var candidate = SIMDBuffer.load(input + 2 * hiddenSize + offset, count: lanes)
                    var outputGate = SIMDBuffer.load(input + 3 * hiddenSize + offset, count: lanes)
                    let c: SIMD16<Float>
                    if step > 0 {
                        inputGate += SIMDBuffer.load(product + offset, count: lanes)
                        forgetGate += SIMDBuffer.load(product + hiddenSize + offset, count: lanes)
                        candidate += SIMDBuffer.load(product + 2 * hiddenSize + offset, count: lanes)
                        outputGate += SIMDBuffer.load(product + 3 * hiddenSize + offset, count: lanes)
                        c = VectorMath.sigmoid(forgetGate) * SIMDBuffer.load(cells + row * hiddenSize + offset, count: lanes)
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
            // The sequences at positions rows' ..< rows end here (rows' = the next step's rows).
            if let finalHidden {
                let running = step + 1 < layout.stepCount ? layout.batchSizes[step + 1] : 0
                for position in running..<rows {
                    (finalHidden + layout.order[position] * hiddenSize)
                        .update(from: nextHidden + position * hiddenSize, count: hiddenSize)
                }
            }
            swap(&hidden, &nextHidden)
            swap(&cells, &nextCells)
        }
    }
}
