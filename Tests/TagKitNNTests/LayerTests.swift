import Testing
import TagKitTensor
@testable import TagKitNN

/// Every layer against central differences, w.r.t. inputs and parameters, on tiny shapes.
@Suite struct LayerTests {
    private static func random(_ shape: [Int], seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return Tensor.normal(shape, using: &generator)
    }
    private let tolerance = 1e-2

    @Test(arguments: Activation.allCases)
    func denseGradients(activation: Activation) {
        var generator = SeededGenerator(seed: 1)
        let dense = Dense(inputSize: 4, outputSize: 3, activation: activation, generator: &generator)
        dense.bias.value = Self.random([3], seed: 2)
        let x = Self.random([2, 4], seed: 3)
        #expect(GradientCheck.maximumError(inputs: [x], parameters: dense.parameters) { _, v in dense(v[0]) } < tolerance)
    }

    @Test func denseComputesTheFormula() {
        let dense = Dense(weight: Tensor(shape: [2, 3], scalars: [1, 0, -1, 2, 1, 0]),
                          bias: Tensor(shape: [2], scalars: [0.5, -10]), activation: .relu)
        let tape = Tape()
        let y = dense(tape.constant(Tensor(shape: [1, 3], scalars: [1, 2, 3])))
        #expect(y.value.scalars == [0, 0])  // relu(1 - 3 + 0.5) = 0, relu(2 + 2 - 10) = 0
        let z = dense(tape.constant(Tensor(shape: [1, 3], scalars: [4, 2, 1])))
        #expect(z.value.scalars == [3.5, 0])
        #expect(dense.inputSize == 3 && dense.outputSize == 2)
    }

    @Test func glorotRangeForDense() {
        var generator = SeededGenerator(seed: 9)
        let dense = Dense(inputSize: 40, outputSize: 10, generator: &generator)
        let bound = (6 / Float(50)).squareRoot()
        #expect(dense.weight.value.shape == [10, 40])
        #expect(dense.weight.value.scalars.allSatisfy { abs($0) <= bound })
        #expect(dense.bias.value == Tensor.zeros([10]))
    }

    @Test func convolutionWeightsWithinTheGivenBound() {
        var generator = SeededGenerator(seed: 9)
        let conv = Conv1d(inputSize: 50, filters: 20, widths: [3, 4], initialBound: 0.01, generator: &generator)
        for (k, weight) in zip([3, 4], conv.weights) {
            #expect(weight.value.shape == [20, k * 50])
            #expect(weight.value.scalars.allSatisfy { abs($0) <= 0.01 })
            // Spread over the range, not collapsed near zero: the Glorot bound would be 10× larger.
            #expect(weight.value.scalars.contains { abs($0) > 0.009 })
        }
        #expect(conv.biases.allSatisfy { $0.value == Tensor.zeros([20]) })
    }

    @Test func dropoutIsInvertedSeededAndOffAtInference() {
        let x = Tensor(shape: [1000], repeating: 1)
        let dropout = Dropout(rate: 0.25, seed: 5)
        let tape = Tape()
        let y = dropout(tape.constant(x)).value.scalars
        #expect(Set(y) == [0, Float(4) / 3])
        let kept = y.filter { $0 != 0 }.count
        #expect(kept > 700 && kept < 800)
        let again = Dropout(rate: 0.25, seed: 5)
        #expect(again(Tape().constant(x)).value.scalars == y)
        #expect(dropout(Tape(training: false).constant(x)).value == x)
        // The gradient passes exactly where the mask kept the value, scaled the same way.
        let check = Tape()
        let v = check.variable(Tensor(shape: [8], repeating: 2))
        let out = Dropout(rate: 0.5, seed: 3)(v)
        check.backward(out.sum())
        #expect(v.gradient!.scalars == out.value.scalars.map { $0 / 2 })
    }

    /// The original formulation: the same masks as inverted dropout with the same seed, survivors
    /// unscaled, and inference multiplies by the keep probability.
    @Test func dropoutScaledAtInference() {
        let x = Tensor(shape: [1000], repeating: 3)
        let original = Dropout(rate: 0.25, seed: 5, scaling: .atInference)
        let y = original(Tape().constant(x)).value.scalars
        let inverted = Dropout(rate: 0.25, seed: 5)(Tape().constant(x)).value.scalars
        #expect(Set(y) == [0, 3])
        #expect(y.map { $0 == 0 } == inverted.map { $0 == 0 })
        #expect(original(Tape(training: false).constant(x)).value.scalars.allSatisfy { $0 == 2.25 })
        let check = Tape()
        let v = check.variable(x)
        check.backward(Dropout(rate: 0.5, seed: 3, scaling: .atInference)(v).sum())
        let out = Dropout(rate: 0.5, seed: 3, scaling: .atInference)(Tape().constant(x)).value.scalars
        #expect(v.gradient!.scalars == out.map { $0 / 3 })
    }

    /// A fresh layer with the same seed draws the same mask on every evaluation, so central
    /// differences see one fixed function.
    @Test func dropoutGradient() {
        let x = Self.random([3, 5], seed: 7)
        #expect(GradientCheck.maximumError(inputs: [x]) { _, v in Dropout(rate: 0.4, seed: 3)(v[0]) } < tolerance)
    }

    @Test func embeddingLooksUpRowsAndUpdatesOnlyThoseRows() {
        let table = Tensor(shape: [4, 3], generating: { Float($0) })
        let embedding = Embedding(weights: table, trainable: true)
        let tape = Tape()
        let vectors = embedding([2, 0, 2], on: tape)
        #expect(vectors.value.scalars == [6, 7, 8, 0, 1, 2, 6, 7, 8])
        #expect(GradientCheck.maximumError(inputs: [], parameters: embedding.parameters) { tape, _ in
            embedding([2, 0, 2], on: tape).tanh() } < tolerance)
        embedding.table.zeroGradient()
        tape.backward(vectors.sum())
        #expect(embedding.table.updatedRows == .rows([2, 0]))
        #expect(embedding.table.gradient.scalars == [1, 1, 1, 0, 0, 0, 2, 2, 2, 0, 0, 0])
    }

    @Test func frozenEmbeddingGetsNoGradient() {
        let embedding = Embedding(weights: Tensor(shape: [3, 2], repeating: 1), trainable: false)
        let tape = Tape()
        tape.backward(embedding([1], on: tape).sum())
        #expect(embedding.table.gradient == Tensor.zeros([3, 2]))
        var generator = SeededGenerator(seed: 1)
        let random = Embedding(rowCount: 10, dimension: 12, generator: &generator)
        #expect(random.table.value.scalars.allSatisfy { abs($0) <= 0.5 })
        #expect(random.table.isTrainable && random.table.hasSparseGradient)
    }

    @Test(arguments: [1, 2, 3])
    func convolutionGradients(width: Int) {
        var generator = SeededGenerator(seed: UInt64(width))
        let conv = Conv1d(inputSize: 3, filters: 2, widths: [width], activation: .tanh, generator: &generator)
        conv.biases[0].value = Self.random([2], seed: 4)
        let x = Self.random([2, 4, 3], seed: 5)
        #expect(GradientCheck.maximumError(inputs: [x], parameters: conv.parameters) { _, v in
            conv(v[0], lengths: [4, 3]) } < tolerance)
    }

    /// Random shapes, lengths and widths over many seeds: the fused op always matches central
    /// differences, and positions past each length always get exactly zero gradient.
    @Test func convolutionPropertyOverSeeds() {
        for seed in 0..<8 as Range<UInt64> {
            var generator = SeededGenerator(seed: 100 + seed)
            let (batch, time, features) = (1 + generator.nextIndex(below: 3), 1 + generator.nextIndex(below: 5), 1 + generator.nextIndex(below: 3))
            let widths = Array(Set((0..<2).map { _ in 1 + generator.nextIndex(below: 4) })).sorted()
            let lengths = (0..<batch).map { _ in generator.nextIndex(below: time + 1) }
            let conv = Conv1d(inputSize: features, filters: 2, widths: widths, activation: .tanh, generator: &generator)
            let x = Tensor.normal([batch, time, features], using: &generator)
            let error = GradientCheck.maximumError(inputs: [x], parameters: conv.parameters, seed: seed) { _, v in
                conv(v[0], lengths: lengths)
            }
            #expect(error < tolerance, "seed \(seed): widths \(widths), lengths \(lengths), time \(time)")
            let tape = Tape()
            let input = tape.variable(x)
            tape.backward(conv(input, lengths: lengths).sum())
            for (s, length) in lengths.enumerated() where length < time {
                let padding = input.gradient!.scalars[(s * time + length) * features ..< (s + 1) * time * features]
                #expect(padding.allSatisfy { $0 == 0 }, "seed \(seed)")
            }
        }
    }

    @Test func convolutionBankGradientsWithAnEmptySequence() {
        var generator = SeededGenerator(seed: 12)
        let conv = Conv1d(inputSize: 2, filters: 2, widths: [2, 3], activation: .sigmoid, generator: &generator)
        let x = Self.random([3, 4, 2], seed: 13)
        #expect(GradientCheck.maximumError(inputs: [x], parameters: conv.parameters) { _, v in
            conv(v[0], lengths: [4, 0, 2]) } < tolerance)
        let tape = Tape()
        let input = tape.variable(x)
        let y = conv(input, lengths: [4, 0, 2])
        #expect(y.value.row(1).allSatisfy { $0 == 0 })
        tape.backward(y.sum())
        #expect(input.gradient!.scalars[8..<16].allSatisfy { $0 == 0 })
    }

    @Test func convolutionIgnoresPadding() {
        var generator = SeededGenerator(seed: 8)
        let conv = Conv1d(inputSize: 2, filters: 3, widths: [2, 3], generator: &generator)
        var x = Self.random([2, 5, 2], seed: 6)
        let tape = Tape()
        let input = tape.variable(x)
        let y = conv(input, lengths: [5, 2])
        #expect(y.shape == [2, 6])
        tape.backward(y, seed: Tensor(shape: [2, 6], repeating: 1))
        let gradient = input.gradient!
        for t in 2..<5 { #expect(gradient[1, t, 0] == 0 && gradient[1, t, 1] == 0) }
        // Changing the padding changes nothing.
        for t in 2..<5 { x[1, t, 0] = 100; x[1, t, 1] = -100 }
        #expect(conv(Tape().constant(x), lengths: [5, 2]).value == y.value)
        // A sequence alone in its batch gives the same features as inside a padded batch.
        let alone = Tensor(shape: [1, 2, 2], scalars: Array(x.scalars[10..<14]))
        #expect(Array(conv(Tape().constant(alone), lengths: [2]).value.scalars) == Array(y.value.row(1)))
    }

    @Test func convolutionMatchesTheDefinition() {
        // One filter of width 3 over one feature: z = max_t relu(w·[x_{t-1}, x_t, x_{t+1}] + b).
        let conv = Conv1d(inputSize: 1, filters: 1, widths: [3], generator: &Self.unused)
        conv.weights[0].value = Tensor(shape: [1, 3], scalars: [1, -2, 3])
        conv.biases[0].value = Tensor(shape: [1], scalars: [0.5])
        let x: [Float] = [1, 2, -1, 4]
        let windows = (0..<4).map { t in (-1...1).map { j in (0..<4).contains(t + j) ? x[t + j] : 0 } }
        let expected = windows.map { max(1 * $0[0] - 2 * $0[1] + 3 * $0[2] + 0.5, 0) }.max()!
        let y = conv(Tape().constant(Tensor(shape: [1, 4, 1], scalars: x)), lengths: [4])
        #expect(y.value.scalars == [expected])
    }
    nonisolated(unsafe) private static var unused = SeededGenerator(seed: 0)
}

/// Empty batches and empty sequences flow through every op and layer without special cases.
@Suite struct EmptyInputTests {
    @Test func emptyBatchForwardAndBackward() {
        var generator = SeededGenerator(seed: 1)
        let dense = Dense(inputSize: 3, outputSize: 2, activation: .tanh, generator: &generator)
        let conv = Conv1d(inputSize: 3, filters: 2, widths: [1, 2], generator: &generator)
        let embedding = Embedding(rowCount: 4, dimension: 3, generator: &generator)
        let tape = Tape()
        let rows = embedding([], on: tape)
        #expect(rows.shape == [0, 3])
        let logits = dense(rows)
        let loss = crossEntropy(logits: logits.softmax().log(), labels: [])
        #expect(loss.value.scalar == 0)
        let pooled = conv(tape.variable(Tensor.zeros([0, 5, 3])), lengths: [])
        #expect(pooled.shape == [0, 4])
        let empty = conv(tape.variable(Tensor.zeros([2, 0, 3])), lengths: [0, 0])
        #expect(empty.value == Tensor.zeros([2, 4]))
        tape.backward(loss + concatenate([pooled.slice(columns: 0..<1), pooled]).sum() + empty.sum())
        #expect(dense.weight.gradient == Tensor.zeros([2, 3]))
        #expect(embedding.table.updatedRows == .rows([]))
    }
}
