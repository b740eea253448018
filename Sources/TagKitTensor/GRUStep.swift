/// One step of the fused GRU (`RecurrentCell.gru`, blocks `[z, r, n]`, reset before the product)
/// over the rows of one packed step: two recurrent products and the point-wise gates, forward and
/// backward.
enum GRUStep {
    /// Adds `[U_z; U_r] h_{t-1}` to the step's `z, r` pre-activations, forms `r ∘ h_{t-1}` (kept in
    /// the trace's auxiliary buffer), adds `U_n (r ∘ h_{t-1})` to the `n` pre-activations, and writes
    /// the activations and `h_t`.
    static func forward(_ trace: RecurrentTrace, step: Int, parameters: RecurrentParameters) {
        let hiddenSize = trace.hiddenSize
        let width = 3 * hiddenSize
        let rows = trace.layout.batchSizes[step]
        let first = trace.layout.offsets[step]
        let gates = trace.gates + first * width
        let previousHidden = trace.previousHidden(step: step)
        let resetHidden = trace.auxiliary + first * hiddenSize
        let bias = parameters.bias
        Gemm.multiply(m: rows, n: 2 * hiddenSize, k: hiddenSize,
                      previousHidden, lda: hiddenSize,
                      parameters.recurrentWeight, ldb: hiddenSize, transposeB: true,
                      beta: 1, into: gates, ldc: width)
        for row in 0..<rows {
            let gate = gates + row * width
            let state = row * hiddenSize
            for offset in stride(from: 0, to: hiddenSize, by: 16) {
                let lanes = hiddenSize - offset
                let update = VectorMath.sigmoid(SIMDBuffer.load(gate + offset, count: lanes)
                    + SIMDBuffer.load(bias + offset, count: lanes))
                let reset = VectorMath.sigmoid(SIMDBuffer.load(gate + hiddenSize + offset, count: lanes)
                    + SIMDBuffer.load(bias + hiddenSize + offset, count: lanes))
                SIMDBuffer.store(update, to: gate + offset, count: lanes)
                SIMDBuffer.store(reset, to: gate + hiddenSize + offset, count: lanes)
                SIMDBuffer.store(reset * SIMDBuffer.load(previousHidden + state + offset, count: lanes),
                                 to: resetHidden + state + offset, count: lanes)
            }
        }
        Gemm.multiply(m: rows, n: hiddenSize, k: hiddenSize,
                      resetHidden, lda: hiddenSize,
                      parameters.recurrentWeight + 2 * hiddenSize * hiddenSize, ldb: hiddenSize, transposeB: true,
                      beta: 1, into: gates + 2 * hiddenSize, ldc: width)
        let one = SIMD16<Float>(repeating: 1)
        for row in 0..<rows {
            let gate = gates + row * width
            let state = row * hiddenSize
            let hidden = trace.hidden + (first + row) * hiddenSize
            for offset in stride(from: 0, to: hiddenSize, by: 16) {
                let lanes = hiddenSize - offset
                let update = SIMDBuffer.load(gate + offset, count: lanes)
                let candidate = VectorMath.tanh(SIMDBuffer.load(gate + 2 * hiddenSize + offset, count: lanes)
                    + SIMDBuffer.load(bias + 2 * hiddenSize + offset, count: lanes))
                SIMDBuffer.store(candidate, to: gate + 2 * hiddenSize + offset, count: lanes)
                let h = update * SIMDBuffer.load(previousHidden + state + offset, count: lanes)
                    + (one - update) * candidate
                SIMDBuffer.store(h, to: hidden + offset, count: lanes)
            }
        }
    }

    /// Given `∂L/∂h_t` in `hiddenCarry` (rows of the step), writes the step's pre-activation gradients
    /// into `gateGradient` and leaves `∂L/∂h_{t-1}` in `hiddenCarry`:
    /// `dn̂ = dh ∘ (1-z) ∘ (1-n²)`, `dẑ = dh ∘ (h_{t-1} - n) ∘ z(1-z)`, `d(r∘h) = dn̂ · U_n`,
    /// `dr̂ = d(r∘h) ∘ h_{t-1} ∘ r(1-r)`, `dh_{t-1} = dh ∘ z + d(r∘h) ∘ r + [dẑ, dr̂] · [U_z; U_r]`.
    /// `scratch` holds at least `batchSizes[step] · H` floats.
    static func backward(_ trace: RecurrentTrace, step: Int, parameters: RecurrentParameters,
                         hiddenCarry: UnsafeMutablePointer<Float>, gateGradient: UnsafeMutablePointer<Float>,
                         scratch: UnsafeMutablePointer<Float>) {
        let hiddenSize = trace.hiddenSize
        let width = 3 * hiddenSize
        let rows = trace.layout.batchSizes[step]
        let first = trace.layout.offsets[step]
        let previousHidden = trace.previousHidden(step: step)
        let stepGradient = gateGradient + first * width
        let one = SIMD16<Float>(repeating: 1)
        for row in 0..<rows {
            let gate = trace.gates + (first + row) * width
            let gradient = stepGradient + row * width
            let state = row * hiddenSize
            for offset in stride(from: 0, to: hiddenSize, by: 16) {
                let lanes = hiddenSize - offset
                let update = SIMDBuffer.load(gate + offset, count: lanes)
                let candidate = SIMDBuffer.load(gate + 2 * hiddenSize + offset, count: lanes)
                let dh = SIMDBuffer.load(hiddenCarry + state + offset, count: lanes)
                let previous = SIMDBuffer.load(previousHidden + state + offset, count: lanes)
                SIMDBuffer.store(dh * (one - update) * (one - candidate * candidate),
                                 to: gradient + 2 * hiddenSize + offset, count: lanes)
                SIMDBuffer.store(dh * (previous - candidate) * update * (one - update),
                                 to: gradient + offset, count: lanes)
                SIMDBuffer.store(dh * update, to: hiddenCarry + state + offset, count: lanes)
            }
        }
        Gemm.multiply(m: rows, n: hiddenSize, k: hiddenSize,
                      stepGradient + 2 * hiddenSize, lda: width,
                      parameters.recurrentWeight + 2 * hiddenSize * hiddenSize, ldb: hiddenSize,
                      beta: 0, into: scratch, ldc: hiddenSize)
        for row in 0..<rows {
            let gate = trace.gates + (first + row) * width
            let gradient = stepGradient + row * width
            let state = row * hiddenSize
            for offset in stride(from: 0, to: hiddenSize, by: 16) {
                let lanes = hiddenSize - offset
                let reset = SIMDBuffer.load(gate + hiddenSize + offset, count: lanes)
                let dResetHidden = SIMDBuffer.load(scratch + state + offset, count: lanes)
                let previous = SIMDBuffer.load(previousHidden + state + offset, count: lanes)
                SIMDBuffer.store(dResetHidden * previous * reset * (one - reset),
                                 to: gradient + hiddenSize + offset, count: lanes)
                SIMDBuffer.store(SIMDBuffer.load(hiddenCarry + state + offset, count: lanes) + dResetHidden * reset,
                                 to: hiddenCarry + state + offset, count: lanes)
            }
        }
        Gemm.multiply(m: rows, n: hiddenSize, k: 2 * hiddenSize,
                      stepGradient, lda: width,
                      parameters.recurrentWeight, ldb: hiddenSize,
                      beta: 1, into: hiddenCarry, ldc: hiddenSize)
    }
}
