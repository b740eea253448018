/// One step of the fused LSTM (`RecurrentCell.lstm`, blocks `[i, f, g, o]`) over the rows of one
/// packed step: the recurrent product and the point-wise gates, forward and backward.
enum LSTMStep {
    /// Adds `U h_{t-1}` to the step's pre-activations (which already hold `W x_t`), then writes the
    /// gate activations in place and `c_t`, `tanh(c_t)`, `h_t` into the trace.
    static func forward(_ trace: RecurrentTrace, step: Int, parameters: RecurrentParameters) {
        let hiddenSize = trace.hiddenSize
        let width = 4 * hiddenSize
        let rows = trace.layout.batchSizes[step]
        let first = trace.layout.offsets[step]
        let gates = trace.gates + first * width
        Gemm.multiply(m: rows, n: width, k: hiddenSize,
                      trace.previousHidden(step: step), lda: hiddenSize,
                      parameters.recurrentWeight, ldb: hiddenSize, transposeB: true,
                      beta: 1, into: gates, ldc: width)
        let previousCell = trace.previousCell(step: step)
        let bias = parameters.bias
        for row in 0..<rows {
            let gate = gates + row * width
            let state = row * hiddenSize
            let cell = trace.auxiliary + (first + row) * hiddenSize
            let cellTanh = trace.cellTanh + (first + row) * hiddenSize
            let hidden = trace.hidden + (first + row) * hiddenSize
            for offset in stride(from: 0, to: hiddenSize, by: 16) {
                let lanes = hiddenSize - offset
                let input = VectorMath.sigmoid(SIMDBuffer.load(gate + offset, count: lanes)
                    + SIMDBuffer.load(bias + offset, count: lanes))
                let forget = VectorMath.sigmoid(SIMDBuffer.load(gate + hiddenSize + offset, count: lanes)
                    + SIMDBuffer.load(bias + hiddenSize + offset, count: lanes))
                let candidate = VectorMath.tanh(SIMDBuffer.load(gate + 2 * hiddenSize + offset, count: lanes)
                    + SIMDBuffer.load(bias + 2 * hiddenSize + offset, count: lanes))
                let output = VectorMath.sigmoid(SIMDBuffer.load(gate + 3 * hiddenSize + offset, count: lanes)
                    + SIMDBuffer.load(bias + 3 * hiddenSize + offset, count: lanes))
                let c = forget * SIMDBuffer.load(previousCell + state + offset, count: lanes) + input * candidate
                let tanhC = VectorMath.tanh(c)
                SIMDBuffer.store(input, to: gate + offset, count: lanes)
                SIMDBuffer.store(forget, to: gate + hiddenSize + offset, count: lanes)
                SIMDBuffer.store(candidate, to: gate + 2 * hiddenSize + offset, count: lanes)
                SIMDBuffer.store(output, to: gate + 3 * hiddenSize + offset, count: lanes)
                SIMDBuffer.store(c, to: cell + offset, count: lanes)
                SIMDBuffer.store(tanhC, to: cellTanh + offset, count: lanes)
                SIMDBuffer.store(output * tanhC, to: hidden + offset, count: lanes)
            }
        }
    }

    /// Given `∂L/∂h_t` in `hiddenCarry` and `∂L/∂c_t` in `cellCarry` (rows of the step), writes the
    /// pre-activation gradients of the step into `gateGradient` and leaves `∂L/∂h_{t-1}` and
    /// `∂L/∂c_{t-1}` in the carries:
    /// `dc = dc_t + dh ∘ o ∘ (1 - tanh²c)`, `dô = dh ∘ tanh c ∘ o(1-o)`, `dî = dc ∘ g ∘ i(1-i)`,
    /// `df̂ = dc ∘ c_{t-1} ∘ f(1-f)`, `dĝ = dc ∘ i ∘ (1-g²)`; `dc_{t-1} = dc ∘ f`, `dh_{t-1} = dĜ · U`.
    static func backward(_ trace: RecurrentTrace, step: Int, parameters: RecurrentParameters,
                         hiddenCarry: UnsafeMutablePointer<Float>, cellCarry: UnsafeMutablePointer<Float>,
                         gateGradient: UnsafeMutablePointer<Float>) {
        let hiddenSize = trace.hiddenSize
        let width = 4 * hiddenSize
        let rows = trace.layout.batchSizes[step]
        let first = trace.layout.offsets[step]
        let previousCell = trace.previousCell(step: step)
        let one = SIMD16<Float>(repeating: 1)
        for row in 0..<rows {
            let gate = trace.gates + (first + row) * width
            let gradient = gateGradient + (first + row) * width
            let cellTanh = trace.cellTanh + (first + row) * hiddenSize
            let state = row * hiddenSize
            for offset in stride(from: 0, to: hiddenSize, by: 16) {
                let lanes = hiddenSize - offset
                let input = SIMDBuffer.load(gate + offset, count: lanes)
                let forget = SIMDBuffer.load(gate + hiddenSize + offset, count: lanes)
                let candidate = SIMDBuffer.load(gate + 2 * hiddenSize + offset, count: lanes)
                let output = SIMDBuffer.load(gate + 3 * hiddenSize + offset, count: lanes)
                let tanhC = SIMDBuffer.load(cellTanh + offset, count: lanes)
                let dh = SIMDBuffer.load(hiddenCarry + state + offset, count: lanes)
                let dc = SIMDBuffer.load(cellCarry + state + offset, count: lanes)
                    + dh * output * (one - tanhC * tanhC)
                let dOutput = dh * tanhC * output * (one - output)
                let dInput = dc * candidate * input * (one - input)
                let dForget = dc * SIMDBuffer.load(previousCell + state + offset, count: lanes) * forget * (one - forget)
                let dCandidate = dc * input * (one - candidate * candidate)
                SIMDBuffer.store(dInput, to: gradient + offset, count: lanes)
                SIMDBuffer.store(dForget, to: gradient + hiddenSize + offset, count: lanes)
                SIMDBuffer.store(dCandidate, to: gradient + 2 * hiddenSize + offset, count: lanes)
                SIMDBuffer.store(dOutput, to: gradient + 3 * hiddenSize + offset, count: lanes)
                SIMDBuffer.store(dc * forget, to: cellCarry + state + offset, count: lanes)
            }
        }
        Gemm.multiply(m: rows, n: hiddenSize, k: width,
                      gateGradient + first * width, lda: width,
                      parameters.recurrentWeight, ldb: hiddenSize,
                      beta: 0, into: hiddenCarry, ldc: hiddenSize)
    }
}
