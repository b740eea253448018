import Foundation
import Testing
import TagKitTensor
@testable import TagKitNN

@Suite struct OptimizerTests {
    /// Loss ½‖θ‖² (gradient θ) on one parameter.
    private func accumulateHalfSquaredNorm(_ p: Parameter) {
        let tape = Tape()
        tape.backward(0.5 * tape.parameter(p).squared().sum())
    }

    @Test func sgdFollowsTheFormula() {
        let p = Parameter(name: "p", value: Tensor(shape: [2], scalars: [1, -2]))
        let sgd = SGD(parameters: [p], learningRate: 0.1, weightDecay: 0.5)
        accumulateHalfSquaredNorm(p)
        sgd.step()
        // θ − η(θ + λθ) = θ(1 − 0.15)
        let expected: [Float] = [1 - 0.1 * 1.5, -2 + 0.1 * 3]
        #expect(p.value.scalars == expected)
        #expect(p.gradient == Tensor.zeros([2]))
    }

    @Test func momentumAccumulatesVelocity() {
        let p = Parameter(name: "p", value: Tensor(shape: [1], scalars: [1]))
        let sgd = SGD(parameters: [p], learningRate: 0.1, momentum: 0.9)
        var theta: Float = 1, velocity: Float = 0
        for _ in 0..<3 {
            accumulateHalfSquaredNorm(p)
            sgd.step()
            velocity = 0.9 * velocity + theta
            theta -= 0.1 * velocity
        }
        #expect(p.value.scalars == [theta])
    }

    @Test func adamFollowsTheFormula() {
        let p = Parameter(name: "p", value: Tensor(shape: [1], scalars: [0.5]))
        let adam = Adam(parameters: [p], learningRate: 0.01)
        var theta = 0.5, m = 0.0, v = 0.0
        for t in 1...3 {
            accumulateHalfSquaredNorm(p)
            adam.step()
            m = 0.9 * m + 0.1 * theta
            v = 0.999 * v + 0.001 * theta * theta
            let mHat = m / (1 - pow(0.9, Double(t))), vHat = v / (1 - pow(0.999, Double(t)))
            theta -= 0.01 * mHat / (vHat.squareRoot() + 1e-8)
        }
        #expect(abs(Double(p.value.scalar) - theta) < 1e-6)
        #expect(adam.stepCount == 3)
    }

    /// One batch step on the mean loss equals accumulating per-example gradients scaled by 1/N:
    /// per-batch and per-example SGD share one mechanism.
    @Test func perBatchEqualsAccumulatedPerExample() {
        var generator = SeededGenerator(seed: 4)
        let x = Tensor.normal([3, 2], using: &generator)
        let target = Tensor.normal([3, 1], using: &generator)
        func model() -> Dense {
            Dense(weight: Tensor(shape: [1, 2], scalars: [0.3, -0.7]), bias: Tensor(shape: [1], scalars: [0.1]))
        }
        let batched = model()
        let tape = Tape()
        tape.backward(meanSquaredError(batched(tape.constant(x)), target: target))
        SGD(parameters: batched.parameters, learningRate: 0.5).step()

        let single = model()
        for row in 0..<3 {
            let tape = Tape()
            let xi = Tensor(shape: [1, 2], scalars: Array(x.row(row)))
            let ti = Tensor(shape: [1, 1], scalars: Array(target.row(row)))
            tape.backward((1.0 / 3) * meanSquaredError(single(tape.constant(xi)), target: ti))
        }
        SGD(parameters: single.parameters, learningRate: 0.5).step()
        for (a, b) in zip(batched.parameters, single.parameters) {
            for (u, w) in zip(a.value.scalars, b.value.scalars) { #expect(abs(u - w) < 1e-6) }
        }
    }

    @Test func sparseUpdatesTouchOnlyLookedUpRows() {
        let embedding = Embedding(weights: Tensor(shape: [4, 2], repeating: 1), trainable: true)
        for optimizer: Optimizer in [SGD(parameters: embedding.parameters, learningRate: 0.1, momentum: 0.5, weightDecay: 0.1),
                                     Adam(parameters: embedding.parameters, weightDecay: 0.1)] {
            let before = embedding.table.value
            let tape = Tape()
            tape.backward(embedding([1, 3], on: tape).sum())
            optimizer.step()
            let after = embedding.table.value
            #expect(after.row(0) == before.row(0) && after.row(2) == before.row(2))
            #expect(after.row(1) != before.row(1) && after.row(3) != before.row(3))
        }
    }

    @Test func clippingScalesToTheGlobalNorm() {
        let a = Parameter(name: "a", value: Tensor.zeros([2]))
        let b = Parameter(name: "b", value: Tensor.zeros([1]))
        let tape = Tape()
        tape.backward(3 * tape.parameter(a).slice(columns: 0..<1).sum() + (4 * tape.parameter(b).sum()))
        let norm = clipGradientNorm([a, b], maximumNorm: 1)
        #expect(norm == 5)
        #expect(a.gradient.scalars == [0.6, 0] && b.gradient.scalars == [0.8])
        #expect(clipGradientNorm([a, b], maximumNorm: 2) == 1)
        #expect(b.gradient.scalars == [0.8])
    }

    @Test func inverseTimeDecay() {
        let schedule = InverseTimeDecay(initialLearningRate: 0.015, decay: 0.05)
        #expect(schedule.learningRate(epoch: 0) == 0.015)
        #expect(abs(schedule.learningRate(epoch: 10) - 0.01) < 1e-9)
    }

    /// Same seed, same data, same steps: bit-identical parameters; another seed differs.
    @Test func trainingIsDeterministic() {
        func train(seed: UInt64) -> [[Float]] {
            var generator = SeededGenerator(seed: seed)
            let hidden = Dense(inputSize: 3, outputSize: 8, activation: .tanh, generator: &generator)
            let output = Dense(inputSize: 8, outputSize: 2, generator: &generator)
            let dropout = Dropout(rate: 0.2, seed: seed)
            let parameters = hidden.parameters + output.parameters
            let adam = Adam(parameters: parameters, learningRate: 0.01)
            let x = Tensor.normal([5, 3], using: &generator)
            for _ in 0..<20 {
                let tape = Tape()
                let loss = crossEntropy(logits: output(dropout(hidden(tape.constant(x)))), labels: [0, 1, 1, 0, 1])
                tape.backward(loss)
                clipGradientNorm(parameters, maximumNorm: 1)
                adam.step()
            }
            return parameters.map(\.value.scalars)
        }
        #expect(train(seed: 11) == train(seed: 11))
        #expect(train(seed: 11) != train(seed: 12))
    }
}
