/// One step of the fused Elman RNN (`RecurrentCell.rnn`, `h_t = tanh(W x_t + U h_{t-1} + b)`) over
/// the rows of one packed step, forward and backward.
enum RNNStep {
    /// Adds `U h_{t-1}` to the step's pre-activations and writes `h_t` (as the gate activation and as
    /// the hidden state).
    static func forward(_ trace: RecurrentTrace, step: Int, parameters: RecurrentParameters) {
        let hiddenSize = trace.hiddenSize
        let rows = trace.layout.batchSizes[step]
        let first = trace.layout.offsets[step]
        let gates = trace.gates + first * hiddenSize
        Gemm.multiply(m: rows, n: hiddenSize, k: hiddenSize,
                      trace.previousHidden(step: step), lda: hiddenSize,
                      parameters.recurrentWeight, ldb: hiddenSize, transposeB: true,
                      beta: 1, into: gates, ldc: hiddenSize)
        let bias = parameters.bias
        for row in 0..<rows {
            let gate = gates + row * hiddenSize
            let hidden = trace.hidden + (first + row) * hiddenSize
            for offset in stride(from: 0, to: hiddenSize, by: 16) {
                let lanes = hiddenSize - offset
                let h = VectorMath.tanh(SIMDBuffer.load(gate + offset, count: lanes)
                    + SIMDBuffer.load(bias + offset, count: lanes))
                SIMDBuffer.store(h, to: gate + offset, count: lanes)
                SIMDBuffer.store(h, to: hidden + offset, count: lanes)
            }
        }
    }

    /// Given `∂L/∂h_t` in `hiddenCarry`, writes `dĥ = dh ∘ (1 - h²)` into `gateGradient` and leaves
    /// `∂L/∂h_{t-1} = dĥ · U` in `hiddenCarry`.
    static func backward(_ trace: RecurrentTrace, step: Int, parameters: RecurrentParameters,
                         hiddenCarry: UnsafeMutablePointer<Float>, gateGradient: UnsafeMutablePointer<Float>) {
        let hiddenSize = trace.hiddenSize
        let rows = trace.layout.batchSizes[step]
        let first = trace.layout.offsets[step]
        let one = SIMD16<Float>(repeating: 1)
        for row in 0..<rows {
            let gate = trace.gates + (first + row) * hiddenSize
            let gradient = gateGradient + (first + row) * hiddenSize
            let state = row * hiddenSize
            for offset in stride(from: 0, to: hiddenSize, by: 16) {
                let lanes = hiddenSize - offset
                let h = SIMDBuffer.load(gate + offset, count: lanes)
                SIMDBuffer.store(SIMDBuffer.load(hiddenCarry + state + offset, count: lanes) * (one - h * h),
                                 to: gradient + offset, count: lanes)
            }
        }
        Gemm.multiply(m: rows, n: hiddenSize, k: hiddenSize,
                      gateGradient + first * hiddenSize, lda: hiddenSize,
                      parameters.recurrentWeight, ldb: hiddenSize,
                      beta: 0, into: hiddenCarry, ldc: hiddenSize)
    }
}
