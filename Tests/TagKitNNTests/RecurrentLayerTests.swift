import Testing
import TagKitTensor
@testable import TagKitNN

/// The fused recurrent layers against central differences and against the same cells composed from
/// the tape's primitive ops.
@Suite struct RecurrentLayerTests {
    init() { Gemm.threadCount = 1 }

    private static let lengths = [4, 2, 0]
    private static let tolerance = 1e-2

    private static func random(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return Tensor.uniform(shape, lower: -scale, upper: scale, using: &generator)
    }

    private static func layer(_ cell: RecurrentCell, inputSize: Int = 3, hiddenSize: Int = 2, seed: UInt64 = 1)
        -> any RecurrentLayer {
        var generator = SeededGenerator(seed: seed)
        let layer: any RecurrentLayer = switch cell {
        case .lstm: LSTM(inputSize: inputSize, hiddenSize: hiddenSize, generator: &generator)
        case .gru: GRU(inputSize: inputSize, hiddenSize: hiddenSize, generator: &generator)
        case .rnn: RNN(inputSize: inputSize, hiddenSize: hiddenSize, generator: &generator)
        }
        // Non-zero biases, so that their gradients are exercised away from the initial values.
        layer.bias.value = random(layer.bias.value.shape, seed: seed + 100, scale: 0.5)
        return layer
    }

    @Test(arguments: RecurrentCell.allCases, [false, true])
    func layerGradientsMatchFiniteDifferences(cell: RecurrentCell, reversed: Bool) {
        let layer = Self.layer(cell)
        let x = Self.random([3, 5, 3], seed: 2)
        let h0 = Self.random([3, 2], seed: 3, scale: 0.5)
        let c0 = Self.random([3, 2], seed: 4, scale: 0.5)
        let outputs = GradientCheck.maximumError(inputs: [x, h0, c0], parameters: layer.parameters) { _, v in
            layer(v[0], lengths: Self.lengths, reversed: reversed, initialHidden: v[1], initialCell: v[2]).output
        }
        #expect(outputs < Self.tolerance)
        let finals = GradientCheck.maximumError(inputs: [x, h0, c0], parameters: layer.parameters) { _, v in
            let result = layer(v[0], lengths: Self.lengths, reversed: reversed, initialHidden: v[1], initialCell: v[2])
            return result.finalCell.map { concatenate([result.finalHidden, $0]) } ?? result.finalHidden
        }
        #expect(finals < Self.tolerance)
    }

    @Test(arguments: RecurrentCell.allCases)
    func bidirectionalAndStackedGradientsMatchFiniteDifferences(cell: RecurrentCell) {
        var generator = SeededGenerator(seed: 5)
        let x = Self.random([3, 5, 3], seed: 6)
        let encoder: any SequenceEncoder = switch cell {
        case .lstm: RecurrentStack.bidirectional(LSTM.self, inputSize: 3, hiddenSize: 2, layerCount: 2, generator: &generator)
        case .gru: RecurrentStack.bidirectional(GRU.self, inputSize: 3, hiddenSize: 2, layerCount: 2, generator: &generator)
        case .rnn: RecurrentStack.bidirectional(RNN.self, inputSize: 3, hiddenSize: 2, layerCount: 2, generator: &generator)
        }
        #expect(encoder.outputSize == 4 && encoder.parameters.count == 12)
        let error = GradientCheck.maximumError(inputs: [x], parameters: encoder.parameters) { _, v in
            encoder.encode(v[0], lengths: Self.lengths)
        }
        #expect(error < Self.tolerance)
    }

    @Test func paddedPositionsGetZeroOutputAndZeroGradient() {
        var generator = SeededGenerator(seed: 7)
        let encoder = Bidirectional<LSTM>(inputSize: 3, hiddenSize: 2, generator: &generator)
        let tape = Tape()
        let x = tape.variable(Self.random([3, 5, 3], seed: 8))
        let output = encoder.encode(x, lengths: Self.lengths)
        tape.backward(output.sum())
        for (sequence, length) in Self.lengths.enumerated() {
            for time in 0..<5 {
                let outputs = (0..<4).map { output.value[sequence, time, $0] }
                let gradients = (0..<3).map { x.gradient![sequence, time, $0] }
                if time < length {
                    #expect(outputs.contains { $0 != 0 } && gradients.contains { $0 != 0 })
                } else {
                    #expect(outputs.allSatisfy { $0 == 0 } && gradients.allSatisfy { $0 == 0 })
                }
            }
        }
    }

    /// With a thread budget of two the directions run concurrently; the results must not change.
    @Test func concurrentDirectionsMatchSequentialDirections() {
        var generator = SeededGenerator(seed: 15)
        let encoder = Bidirectional<GRU>(inputSize: 3, hiddenSize: 20, generator: &generator)
        let x = Self.random([3, 5, 3], seed: 16)
        func run(threads: Int) -> (Tensor, Tensor, [Tensor]) {
            Gemm.threadCount = threads
            defer { Gemm.threadCount = 1 }
            for parameter in encoder.parameters { parameter.zeroGradient() }
            let tape = Tape()
            let input = tape.variable(x)
            let output = encoder.encode(input, lengths: Self.lengths)
            tape.backward((output * output).sum())
            return (output.value, input.gradient!, encoder.parameters.map(\.gradient))
        }
        let sequential = run(threads: 1)
        let concurrent = run(threads: 2)
        #expect(zip(sequential.0.scalars, concurrent.0.scalars).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(zip(sequential.1.scalars, concurrent.1.scalars).allSatisfy { abs($0 - $1) < 1e-6 })
        for (a, b) in zip(sequential.2, concurrent.2) {
            #expect(zip(a.scalars, b.scalars).allSatisfy { abs($0 - $1) < 1e-5 })
        }
    }

    /// The backward half of a bidirectional output equals the backward layer run alone on each
    /// sequence cut to its own length: padding never enters the reversed state.
    @Test(arguments: RecurrentCell.allCases)
    func reversedDirectionStartsAtEachSequencesOwnEnd(cell: RecurrentCell) {
        var generator = SeededGenerator(seed: 9)
        let x = Self.random([3, 5, 3], seed: 10)
        let lengths = [5, 3, 1]
        let tape = Tape(training: false)
        let both: Tensor
        let backwardLayer: any RecurrentLayer
        switch cell {
        case .lstm:
            let encoder = Bidirectional<LSTM>(inputSize: 3, hiddenSize: 2, generator: &generator)
            both = encoder.encode(tape.constant(x), lengths: lengths).value
            backwardLayer = encoder.backward
        case .gru:
            let encoder = Bidirectional<GRU>(inputSize: 3, hiddenSize: 2, generator: &generator)
            both = encoder.encode(tape.constant(x), lengths: lengths).value
            backwardLayer = encoder.backward
        case .rnn:
            let encoder = Bidirectional<RNN>(inputSize: 3, hiddenSize: 2, generator: &generator)
            both = encoder.encode(tape.constant(x), lengths: lengths).value
            backwardLayer = encoder.backward
        }
        for (sequence, length) in lengths.enumerated() {
            let alone = Tensor(shape: [1, length, 3], scalars: Array(x.scalars[sequence * 15..<sequence * 15 + length * 3]))
            let single = backwardLayer(tape.constant(alone), lengths: [length], reversed: true).output.value
            for time in 0..<length {
                for unit in 0..<2 {
                    #expect(abs(both[sequence, time, 2 + unit] - single[0, time, unit]) < 1e-6)
                }
            }
        }
    }

    /// One step of the cell written with the tape's primitive ops (`linear`, `matmul`, slices,
    /// `sigmoid`, `tanh`, `*`, `+`), from the equations in the layers' documentation.
    private static func composedStep(_ cell: RecurrentCell, x: Variable, hidden: Variable, memory: Variable,
                                     weights: [Variable], hiddenSize h: Int) -> (Variable, Variable) {
        let (w, u, b) = (weights[0], weights[1], weights[2])
        switch cell {
        case .rnn:
            return ((linear(x, weight: w, bias: b) + matmul(hidden, u, transposeB: true)).tanh(), memory)
        case .lstm:
            let pre = linear(x, weight: w, bias: b) + matmul(hidden, u, transposeB: true)
            let input = pre.slice(columns: 0..<h).sigmoid()
            let forget = pre.slice(columns: h..<2 * h).sigmoid()
            let candidate = pre.slice(columns: 2 * h..<3 * h).tanh()
            let output = pre.slice(columns: 3 * h..<4 * h).sigmoid()
            let newMemory = forget * memory + input * candidate
            return (output * newMemory.tanh(), newMemory)
        case .gru:
            let projected = linear(x, weight: w, bias: b)
            let recurrentGates = matmul(hidden, u.gatherRows(Array(0..<2 * h)), transposeB: true)
            let update = (projected.slice(columns: 0..<h) + recurrentGates.slice(columns: 0..<h)).sigmoid()
            let reset = (projected.slice(columns: h..<2 * h) + recurrentGates.slice(columns: h..<2 * h)).sigmoid()
            let candidate = (projected.slice(columns: 2 * h..<3 * h)
                + matmul(reset * hidden, u.gatherRows(Array(2 * h..<3 * h)), transposeB: true)).tanh()
            return (update * hidden + (1 - update) * candidate, memory)
        }
    }

    @Test(arguments: RecurrentCell.allCases, [false, true])
    func fusedLayerEqualsTheCellComposedFromPrimitives(cell: RecurrentCell, reversed: Bool) {
        let hiddenSize = 3
        let layer = Self.layer(cell, hiddenSize: hiddenSize, seed: 11)
        let (batch, time) = (3, 5)
        let x = Self.random([batch, time, 3], seed: 12)
        let readout = Self.random([batch, time, hiddenSize], seed: 13)

        // Fused: L = Σ output ∘ R.
        for parameter in layer.parameters { parameter.zeroGradient() }
        let fusedTape = Tape()
        let fusedInput = fusedTape.variable(x)
        let fusedLoss = (layer(fusedInput, lengths: Self.lengths, reversed: reversed).output
            * fusedTape.constant(readout)).sum()
        fusedTape.backward(fusedLoss)
        let fusedGradients = layer.parameters.map(\.gradient)

        // Composed, sequence by sequence and step by step.
        for parameter in layer.parameters { parameter.zeroGradient() }
        let tape = Tape()
        let input = tape.variable(x)
        let rows = input.reshaped([batch * time, 3])
        let readoutRows = tape.constant(readout.reshaped([batch * time, hiddenSize]))
        let weights = layer.parameters.map { tape.parameter($0) }
        var loss = tape.constant(Tensor(scalar: 0))
        for (sequence, length) in Self.lengths.enumerated() {
            var hidden = tape.constant(Tensor.zeros([1, hiddenSize]))
            var memory = tape.constant(Tensor.zeros([1, hiddenSize]))
            for step in 0..<length {
                let row = sequence * time + (reversed ? length - 1 - step : step)
                (hidden, memory) = Self.composedStep(cell, x: rows.gatherRows([row]), hidden: hidden, memory: memory,
                                                     weights: weights, hiddenSize: hiddenSize)
                loss = loss + (hidden * readoutRows.gatherRows([row])).sum()
            }
        }
        tape.backward(loss)

        #expect(abs(fusedLoss.value.scalar - loss.value.scalar) < 1e-4)
        #expect(zip(fusedInput.gradient!.scalars, input.gradient!.scalars).allSatisfy { abs($0 - $1) < 1e-4 })
        for (fused, parameter) in zip(fusedGradients, layer.parameters) {
            #expect(zip(fused.scalars, parameter.gradient.scalars).allSatisfy { abs($0 - $1) < 1e-4 })
        }
    }

    @Test func emptyBatchesAndEmptySentencesWork() {
        var generator = SeededGenerator(seed: 17)
        let encoder = Bidirectional<LSTM>(inputSize: 3, hiddenSize: 2, generator: &generator)
        let crf = CRF(tagCount: 3, generator: &generator)
        for (shape, lengths) in [([2, 0, 3], [0, 0]), ([0, 4, 3], []), ([1, 1, 3], [1])] {
            let tape = Tape()
            let x = tape.variable(Tensor(shape: shape, repeating: 0.5))
            let output = encoder.encode(x, lengths: lengths)
            #expect(output.shape == [shape[0], shape[1], 4])
            let emissions = Dense(inputSize: 4, outputSize: 3, generator: &generator)(output)
            let tags = [Int](repeating: 1, count: shape[0] * shape[1])
            let loss = crf.negativeLogLikelihood(emissions, tags: tags, lengths: lengths).sum()
            tape.backward(loss)
            #expect(x.gradient.map { $0.shape == shape } ?? true)
            #expect(crf.decode(emissions.value, lengths: lengths).map(\.tags.count) == lengths)
            #expect(loss.value.scalar >= 0)
        }
    }

    @Test func initialisationFollowsTheDocumentation() {
        var generator = SeededGenerator(seed: 14)
        let lstm = LSTM(inputSize: 5, hiddenSize: 4, generator: &generator)
        #expect(lstm.inputWeight.value.shape == [16, 5] && lstm.recurrentWeight.value.shape == [16, 4])
        #expect(lstm.bias.value.scalars == [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0])
        let bound = (6 / Float(9)).squareRoot()
        #expect(lstm.inputWeight.value.scalars.allSatisfy { abs($0) <= bound })
        // Each gate's recurrent block is orthogonal: UᵀU = I.
        let u = lstm.recurrentWeight.value
        for block in 0..<4 {
            for i in 0..<4 {
                for j in 0..<4 {
                    var dot: Float = 0
                    for r in 0..<4 { dot += u[block * 4 + r, i] * u[block * 4 + r, j] }
                    #expect(abs(dot - (i == j ? 1 : 0)) < 1e-5)
                }
            }
        }
        #expect(lstm.parameters.map(\.name) == ["lstm.inputWeight", "lstm.recurrentWeight", "lstm.bias"])
    }
}
