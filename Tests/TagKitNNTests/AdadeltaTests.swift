import Testing
import TagKitTensor
@testable import TagKitNN

@Suite struct AdadeltaTests {
    /// Loss ½‖θ‖² (gradient θ) on one parameter.
    private func accumulateHalfSquaredNorm(_ p: Parameter) {
        let tape = Tape()
        tape.backward(0.5 * tape.parameter(p).squared().sum())
    }

    @Test func followsTheFormula() {
        let start: [Float] = [0.5, -2]
        let p = Parameter(name: "p", value: Tensor(shape: [2], scalars: start))
        let adadelta = Adadelta(parameters: [p], learningRate: 1, rho: 0.95, epsilon: 1e-6)
        var theta = start.map(Double.init), eg = [0.0, 0.0], ed = [0.0, 0.0]
        for _ in 0..<3 {
            accumulateHalfSquaredNorm(p)
            adadelta.step()
            for i in 0..<2 {
                let g = theta[i]
                eg[i] = 0.95 * eg[i] + 0.05 * g * g
                let delta = (ed[i] + 1e-6).squareRoot() / (eg[i] + 1e-6).squareRoot() * g
                ed[i] = 0.95 * ed[i] + 0.05 * delta * delta
                theta[i] -= delta
            }
        }
        for (value, reference) in zip(p.value.scalars, theta) { #expect(abs(Double(value) - reference) < 1e-6) }
        #expect(p.gradient == Tensor.zeros([2]))
    }

    /// The same three steps with `torch.optim.Adadelta(lr=1.0, rho=0.95, eps=1e-6)` in torch 2.13
    /// end at [0.48649853467941284, -1.986447811126709].
    @Test func matchesPyTorch() {
        let p = Parameter(name: "p", value: Tensor(shape: [2], scalars: [0.5, -2]))
        let adadelta = Adadelta(parameters: [p])
        for _ in 0..<3 {
            accumulateHalfSquaredNorm(p)
            adadelta.step()
        }
        #expect(abs(p.value.scalars[0] - 0.48649853467941284) < 1e-6)
        #expect(abs(p.value.scalars[1] - -1.986447811126709) < 1e-6)
    }

    @Test func sparseUpdatesTouchOnlyLookedUpRows() {
        var generator = SeededGenerator(seed: 3)
        let embedding = Embedding(rowCount: 5, dimension: 3, generator: &generator)
        let before = embedding.table.value
        let adadelta = Adadelta(parameters: embedding.parameters)
        let tape = Tape()
        tape.backward(embedding([1, 3, 1], on: tape).squared().sum())
        adadelta.step()
        for row in 0..<5 {
            let changed = embedding.table.value.row(row) != before.row(row)
            #expect(changed == (row == 1 || row == 3))
        }
    }

    @Test func frozenParametersStayPut() {
        let p = Parameter(name: "p", value: Tensor(shape: [2], scalars: [1, 2]), isTrainable: false)
        let adadelta = Adadelta(parameters: [p])
        accumulateHalfSquaredNorm(p)
        adadelta.step()
        #expect(p.value.scalars == [1, 2])
    }
}
