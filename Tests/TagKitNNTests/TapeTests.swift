import Testing
import TagKitTensor
@testable import TagKitNN

@Suite struct TapeTests {
    /// y = x ∘ x recorded from outside the built-in ops, exactly as the `Tape` documentation shows.
    private func square(_ x: Variable) -> Variable {
        let input = x.value
        var output = input
        output.withUnsafeMutableBufferPointer { y in for i in y.indices { y[i] *= y[i] } }
        return x.tape.record(inputs: [x], output: output) { context in
            let dy = context.outputGradient(0)
            context.accumulateGradient(ofInput: 0) { dx in
                input.withUnsafeBufferPointer { x in
                    dy.withUnsafeBufferPointer { dy in
                        for i in dx.indices { dx[i] += 2 * x[i] * dy[i] }
                    }
                }
            }
        }
    }

    @Test func customOpGradient() {
        let x = Tensor(shape: [2, 2], scalars: [1, -2, 0.5, 3])
        #expect(GradientCheck.maximumError(inputs: [x]) { _, v in square(v[0]) } < 1e-3)
        let tape = Tape()
        let v = tape.variable(x)
        tape.backward(square(v).sum())
        #expect(v.gradient == Tensor(shape: [2, 2], scalars: [2, -4, 1, 6]))
    }

    /// The checker itself notices a wrong backward (here off by a factor of 2).
    @Test func gradientCheckCatchesAWrongGradient() {
        let x = Tensor(shape: [3], scalars: [1, -2, 0.5])
        let error = GradientCheck.maximumError(inputs: [x]) { _, v in
            v[0].tape.record(inputs: [v[0]], output: v[0].value) { context in
                context.accumulateGradient(Tensor(shape: [3]) { 2 * context.outputGradient(0).scalars[$0] }, ofInput: 0)
            }
        }
        #expect(error > 0.1)
    }

    /// A two-output op: both outputs' gradients reach the input, and an output nobody used
    /// contributes zeros.
    @Test func multipleOutputs() {
        let x = Tensor(shape: [3], scalars: [1, 2, 3])
        func split(_ v: Variable) -> [Variable] {
            let value = v.value
            let doubled = Tensor(shape: value.shape) { 2 * value.scalars[$0] }
            let negated = Tensor(shape: value.shape) { -value.scalars[$0] }
            return v.tape.record(inputs: [v], outputs: [doubled, negated]) { context in
                let g0 = context.outputGradient(0), g1 = context.outputGradient(1)
                context.accumulateGradient(Tensor(shape: value.shape) { 2 * g0.scalars[$0] - g1.scalars[$0] }, ofInput: 0)
            }
        }
        #expect(GradientCheck.maximumError(inputs: [x]) { _, v in let o = split(v[0]); return o[0] * o[1] } < 1e-3)
        let tape = Tape()
        let v = tape.variable(x)
        tape.backward(split(v)[0].sum())
        #expect(v.gradient == Tensor(shape: [3], repeating: 2))
    }

    /// A node used twice gets the sum of both paths' gradients.
    @Test func gradientsAccumulateOverUses() {
        let tape = Tape()
        let v = tape.variable(Tensor(shape: [2], scalars: [3, 4]))
        tape.backward((v * v + v).sum())
        #expect(v.gradient == Tensor(shape: [2], scalars: [7, 9]))
    }

    @Test func parametersAccumulateAcrossTapesUntilCleared() {
        let p = Parameter(name: "p", value: Tensor(shape: [2], scalars: [1, 2]))
        for _ in 0..<2 {
            let tape = Tape()
            tape.backward((3 * tape.parameter(p)).sum())
        }
        #expect(p.gradient == Tensor(shape: [2], scalars: [6, 6]))
        p.zeroGradient()
        #expect(p.gradient == Tensor.zeros([2]))
    }

    @Test func frozenParametersAndInferenceTapesRecordNothing() {
        let p = Parameter(name: "p", value: Tensor(shape: [2], scalars: [1, 2]), isTrainable: false)
        let tape = Tape()
        let y = (tape.parameter(p) * tape.parameter(p)).sum()
        #expect(!y.requiresGradient)
        #expect(tape.records.isEmpty)
        tape.backward(y)
        #expect(p.gradient == Tensor.zeros([2]))

        let trainable = Parameter(name: "q", value: Tensor(shape: [2], scalars: [1, 2]))
        let inference = Tape(training: false)
        let z = (inference.parameter(trainable) * inference.parameter(trainable)).sum()
        #expect(!z.requiresGradient && inference.records.isEmpty)
        #expect(z.value.scalar == 5)
    }

    @Test func sparseParameterTracksTouchedRows() {
        let table = Parameter(name: "table", value: Tensor(shape: [5, 2], repeating: 1), hasSparseGradient: true)
        let tape = Tape()
        tape.backward(tape.parameter(table).gatherRows([3, 1, 3]).sum())
        #expect(table.updatedRows == .rows([3, 1]))
        #expect(table.gradient.scalars == [0, 0, 1, 1, 0, 0, 2, 2, 0, 0])
        table.zeroGradient()
        #expect(table.updatedRows == .rows([]))
        #expect(table.gradient == Tensor.zeros([5, 2]))
    }
}
