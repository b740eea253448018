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
/// previous and the current step, and allocates six buffers per call, none per step. The sums are
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
        // Units 0 ..< wholeLanes of a row fill whole registers; the other `tail` units of several rows
        // share one register (H = 100: four rows' last 4 units), so no register is mostly empty. Lanes
        // of `packedLanes`: the four gates' projections at 0, 16, 32, 48, their recurrent products at
        // 64 … 112, the previous cells at 128, then the new cells at 144 and states at 160.
        let wholeLanes = hiddenSize / 16 * 16
        let tail = hiddenSize - wholeLanes
        let rowsPerRegister = tail > 0 ? 16 / tail : 1
        let packedLanes = UnsafeMutablePointer<Float>.allocate(capacity: 11 * 16)
        packedLanes.initialize(repeating: 0, count: 11 * 16)
        defer { for buffer in [recurrent, hidden, nextHidden, cells, nextCells, packedLanes] { buffer.deallocate() } }
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
                let target = output + paddedRows[packed] * outputStride
                for offset in stride(from: 0, to: wholeLanes, by: 16) {
                    let (c, h) = update(input: input + offset, product: step > 0 ? recurrent + row * width + offset : nil,
                                        previousCell: cells + row * hiddenSize + offset, gateStride: hiddenSize)
                    SIMDBuffer.store(c, to: nextCells + row * hiddenSize + offset)
                    SIMDBuffer.store(h, to: nextHidden + row * hiddenSize + offset)
                    SIMDBuffer.store(h, to: target + offset)
                }
            }
            // The last `tail` units of `rowsPerRegister` rows side by side in one register each.
            for firstRow in stride(from: 0, to: tail > 0 ? rows : 0, by: rowsPerRegister) {
                let group = min(rowsPerRegister, rows - firstRow)
                for member in 0..<group {
                    let row = firstRow + member
                    let input = projection + projectionRow[paddedRows[first + row]] * projectionStride + wholeLanes
                    for gate in 0..<4 {
                        (packedLanes + gate * 16 + member * tail).update(from: input + gate * hiddenSize, count: tail)
                        if step > 0 {
                            (packedLanes + (4 + gate) * 16 + member * tail)
                                .update(from: recurrent + row * width + gate * hiddenSize + wholeLanes, count: tail)
                        }
                    }
                    if step > 0 {
                        (packedLanes + 128 + member * tail).update(from: cells + row * hiddenSize + wholeLanes, count: tail)
                    }
                }
                let (c, h) = update(input: packedLanes, product: step > 0 ? packedLanes + 64 : nil,
                                    previousCell: packedLanes + 128, gateStride: 16)
                SIMDBuffer.store(c, to: packedLanes + 144)
                SIMDBuffer.store(h, to: packedLanes + 160)
                for member in 0..<group {
                    let row = firstRow + member
                    (nextCells + row * hiddenSize + wholeLanes).update(from: packedLanes + 144 + member * tail, count: tail)
                    (nextHidden + row * hiddenSize + wholeLanes).update(from: packedLanes + 160 + member * tail, count: tail)
                    (output + paddedRows[first + row] * outputStride + wholeLanes)
                        .update(from: packedLanes + 160 + member * tail, count: tail)
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

    /// The cell update for sixteen lanes: gate `k`'s pre-activation is `input[k · gateStride + lane]`
    /// plus, after the first step, `product[k · gateStride + lane]`; the previous cell (read only after
    /// the first step) at `previousCell`. Returns `(c_t, h_t)`.
    @inline(__always)
    private static func update(input: UnsafePointer<Float>, product: UnsafePointer<Float>?,
                               previousCell: UnsafePointer<Float>, gateStride: Int) -> (SIMD16<Float>, SIMD16<Float>) {
        var inputGate = SIMDBuffer.load(input)
        var forgetGate = SIMDBuffer.load(input + gateStride)
        var candidate = SIMDBuffer.load(input + 2 * gateStride)
        var outputGate = SIMDBuffer.load(input + 3 * gateStride)
        let c: SIMD16<Float>
        if let product {
            inputGate += SIMDBuffer.load(product)
            forgetGate += SIMDBuffer.load(product + gateStride)
            candidate += SIMDBuffer.load(product + 2 * gateStride)
            outputGate += SIMDBuffer.load(product + 3 * gateStride)
            c = VectorMath.sigmoid(forgetGate) * SIMDBuffer.load(previousCell)
                + VectorMath.sigmoid(inputGate) * VectorMath.tanh(candidate)
        } else {
            c = VectorMath.sigmoid(inputGate) * VectorMath.tanh(candidate)
        }
        return (c, VectorMath.sigmoid(outputGate) * VectorMath.tanh(c))
    }
}
