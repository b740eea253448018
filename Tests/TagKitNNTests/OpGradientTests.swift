import Foundation
import Testing
import TagKitTensor
@testable import TagKitNN

/// Every primitive and composite op against central differences, on tiny shapes.
@Suite struct OpGradientTests {
    private static func random(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return Tensor.normal(shape, standardDeviation: scale, using: &generator)
    }
    private let a = random([3, 4], seed: 1)
    private let b = random([3, 4], seed: 2)
    private let tolerance = 1e-2

    @Test func elementwise() {
        #expect(GradientCheck.maximumError(inputs: [a, b]) { _, v in v[0] + v[1] } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a, b]) { _, v in v[0] - v[1] } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a, b]) { _, v in v[0] * v[1] } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in 2.5 * v[0] } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in v[0] + 3 } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in 1 - v[0] } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in v[0].exp() } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in v[0].squared() } < tolerance)
        let positive = Tensor(shape: a.shape) { 0.5 + abs(a.scalars[$0]) }
        #expect(GradientCheck.maximumError(inputs: [positive]) { _, v in v[0].log() } < tolerance)
    }

    @Test func activations() {
        for activation in Activation.allCases {
            #expect(GradientCheck.maximumError(inputs: [a]) { _, v in activation(v[0]) } < tolerance,
                    "\(activation)")
        }
    }

    /// The lecture's definitions: σ(x) = eˣ/(eˣ + 1), tanh x = 2σ(2x) − 1, ReLU = max(x, 0),
    /// softmax rows are positive and sum to 1, and log-softmax is its logarithm.
    @Test func activationsMatchTheLectureFormulas() {
        let tape = Tape(training: false)
        let x = tape.constant(Tensor(shape: [2, 5], scalars: [-30, -2, -0.5, 0, 0.25, 1, 3, 10, 40, -7]))
        let sigmoid = x.sigmoid().value.scalars, tanh = x.tanh().value.scalars, relu = x.relu().value.scalars
        let twiceSigmoid = (2 * x).sigmoid().value.scalars
        for (i, v) in x.value.scalars.enumerated() {
            let e = Foundation.exp(Double(v))
            #expect(abs(Double(sigmoid[i]) - e / (e + 1)) < 1e-6)
            #expect(abs(tanh[i] - (2 * twiceSigmoid[i] - 1)) < 1e-6)
            #expect(relu[i] == Swift.max(v, 0))
        }
        let softmax = x.softmax().value, logSoftmax = x.logSoftmax().value
        for row in 0..<2 {
            #expect(abs(softmax.row(row).reduce(0, +) - 1) < 1e-6)
            #expect(softmax.row(row).allSatisfy { $0 >= 0 })
        }
        for (p, lp) in zip(softmax.scalars, logSoftmax.scalars) where p > 1e-30 {
            #expect(abs(Foundation.log(p) - lp) < 1e-4)
        }
    }

    @Test func softmaxAndLogSoftmax() {
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in v[0].softmax() } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in v[0].logSoftmax() } < tolerance)
    }

    @Test func matrixProducts() {
        let w = Self.random([5, 4], seed: 3)
        let c = Self.random([4, 5], seed: 4)
        let bias = Self.random([5], seed: 5)
        #expect(GradientCheck.maximumError(inputs: [a, w]) { _, v in matmul(v[0], v[1], transposeB: true) } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a, c]) { _, v in matmul(v[0], v[1]) } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a, w, bias]) { _, v in linear(v[0], weight: v[1], bias: v[2]) } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a, Self.random([4], seed: 7)]) { _, v in addBias(v[0], v[1]) } < tolerance)
        let batch = Self.random([2, 3, 4], seed: 6)
        #expect(GradientCheck.maximumError(inputs: [batch, w]) { _, v in matmul(v[0], v[1], transposeB: true) } < tolerance)
    }

    @Test func shapes() {
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in v[0].reshaped([4, 3]) } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in v[0].slice(columns: 1..<3) } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in v[0].gatherRows([2, 0, 2]) } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a, b]) { _, v in concatenate([v[0], v[1].slice(columns: 0..<1)]) } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in v[0].sum() } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in v[0].mean() } < tolerance)
    }

    @Test(arguments: SequencePooling.allCases)
    func pooling(mode: SequencePooling) {
        let x = Self.random([3, 4, 2], seed: 9)
        #expect(GradientCheck.maximumError(inputs: [x]) { _, v in v[0].pooled(mode, lengths: [4, 1, 2]) } < tolerance)
        let tape = Tape()
        let input = tape.variable(x)
        let pooled = input.pooled(mode, lengths: [4, 0, 2])
        tape.backward(pooled.sum())
        #expect(pooled.value.row(1).allSatisfy { $0 == 0 })
        let gradient = input.gradient!.scalars
        #expect(gradient[8..<16].allSatisfy { $0 == 0 } && gradient[20..<24].allSatisfy { $0 == 0 })
        // Sequence 2's first two positions, by the definition.
        let (u, w) = (Array(x.scalars[16..<18]), Array(x.scalars[18..<20]))
        let expected: [Float] = switch mode {
        case .sum: [u[0] + w[0], u[1] + w[1]]
        case .mean: [(u[0] + w[0]) / 2, (u[1] + w[1]) / 2]
        case .max: [Swift.max(u[0], w[0]), Swift.max(u[1], w[1])]
        }
        #expect(Array(pooled.value.row(2)) == expected)
    }

    @Test func losses() {
        let probabilities = Tensor(shape: a.shape) { 0.1 + 0.8 / (1 + exp(-a.scalars[$0])) }
        let targets = Tensor(shape: a.shape) { Float($0 % 2) }
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in meanSquaredError(v[0], target: b) } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [probabilities]) { _, v in
            binaryCrossEntropy(probabilities: v[0], targets: targets) } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in binaryCrossEntropy(logits: v[0], targets: targets) } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in crossEntropy(logits: v[0], labels: [3, 0, 1]) } < tolerance)
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in negativeLogLikelihood(v[0], labels: [1, -1, 2]) } < tolerance)
        let distributions = Tensor(shape: a.shape) { Float($0 % 4) / 6 }
        #expect(GradientCheck.maximumError(inputs: [a]) { _, v in
            crossEntropy(logits: v[0], targetDistributions: distributions) } < tolerance)
    }

    @Test func paddedLabelsGetZeroGradient() {
        let tape = Tape()
        let logits = tape.variable(a)
        tape.backward(crossEntropy(logits: logits, labels: [2, -1, 0]))
        let gradient = logits.gradient!
        #expect(gradient.row(1).allSatisfy { $0 == 0 })
        #expect(gradient.row(0).contains { $0 != 0 })
    }

    @Test func lossValuesMatchTheFormulas() {
        let tape = Tape()
        let x = tape.constant(Tensor(shape: [1, 3], scalars: [1, 2, 3]))
        let expected = -log(exp(2.0) / (exp(1.0) + exp(2.0) + exp(3.0)))
        #expect(abs(Double(crossEntropy(logits: x, labels: [1]).value.scalar) - expected) < 1e-6)
        let big = tape.constant(Tensor(shape: [1, 2], scalars: [1000, 0]))
        #expect(crossEntropy(logits: big, labels: [0]).value.scalar == 0)
        #expect(crossEntropy(logits: big, labels: [1]).value.scalar == 1000)
        let logit = tape.constant(Tensor(shape: [2], scalars: [0, 200]))
        let bce = binaryCrossEntropy(logits: logit, targets: Tensor(shape: [2], scalars: [1, 0])).value.scalar
        #expect(abs(bce - (Float(log(2.0)) + 200) / 2) < 1e-4)
        let mse = meanSquaredError(x, target: Tensor(shape: [1, 3], scalars: [0, 2, 5])).value.scalar
        #expect(abs(mse - 5.0 / 3) < 1e-6)
    }
}
