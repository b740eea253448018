import TagKitTensor

/// Compares the tape's gradients with central differences, for testing ops and layers.
///
/// ```swift
/// #expect(GradientCheck.maximumError(inputs: [x]) { _, v in v[0].tanh() } < 1e-2)
/// #expect(GradientCheck.maximumError(inputs: [x], parameters: dense.parameters) { _, v in dense(v[0]) } < 1e-2)
/// ```
public enum GradientCheck {
    /// The largest error between the analytic and the numerical gradient of
    /// `L = Σ_j r_j · f(inputs, parameters)_j`, over every element of every input and parameter.
    ///
    /// `r` is a fixed random tensor (from `seed`) so that every output element matters. The
    /// numerical gradient is `(L(θ + ε) − L(θ − ε)) / 2ε` per element, with `L` summed in Double.
    /// The error of one element is `|analytic − numerical| / max(1, |analytic| + |numerical|)`
    /// (absolute for small gradients, relative for large ones). `function` receives a training
    /// tape and the inputs as variables; it must be deterministic. The parameters' gradients are
    /// cleared first and hold the analytic gradient afterwards.
    public static func maximumError(
        inputs: [Tensor], parameters: [Parameter] = [], epsilon: Float = 1e-3, seed: UInt64 = 17,
        _ function: (Tape, [Variable]) -> Variable
    ) -> Double {
        for parameter in parameters { parameter.zeroGradient() }
        let tape = Tape()
        let variables = inputs.map { tape.variable($0) }
        let output = function(tape, variables)
        var generator = SeededGenerator(seed: seed)
        let weights = Tensor.normal(output.shape, using: &generator)
        tape.backward(output, seed: weights)
        let inputGradients = variables.map { $0.gradient ?? Tensor.zeros($0.shape) }

        func objective(_ inputs: [Tensor]) -> Double {
            let tape = Tape()
            let y = function(tape, inputs.map { tape.variable($0) }).value
            var total = 0.0
            for (value, weight) in zip(y.scalars, weights.scalars) { total += Double(value) * Double(weight) }
            return total
        }
        func error(_ analytic: Float, _ numerical: Double) -> Double {
            let a = Double(analytic)
            return Swift.abs(a - numerical) / max(1, Swift.abs(a) + Swift.abs(numerical))
        }

        var worst = 0.0
        var perturbed = inputs
        for (k, input) in inputs.enumerated() {
            for i in 0..<input.count {
                let original = input.scalars[i]
                perturbed[k] = input.replacing(at: i, with: original + epsilon)
                let plus = objective(perturbed)
                perturbed[k] = input.replacing(at: i, with: original - epsilon)
                let minus = objective(perturbed)
                perturbed[k] = input
                let numerical = (plus - minus) / (2 * Double(epsilon))
                worst = max(worst, error(inputGradients[k].scalars[i], numerical))
            }
        }
        for parameter in parameters {
            let value = parameter.value
            let analytic = parameter.gradient
            for i in 0..<value.count {
                parameter.value = value.replacing(at: i, with: value.scalars[i] + epsilon)
                let plus = objective(inputs)
                parameter.value = value.replacing(at: i, with: value.scalars[i] - epsilon)
                let minus = objective(inputs)
                parameter.value = value
                let numerical = (plus - minus) / (2 * Double(epsilon))
                worst = max(worst, error(analytic.scalars[i], numerical))
            }
        }
        return worst
    }
}

extension Tensor {
    /// A copy with the element at flat offset `index` set to `value`.
    func replacing(at index: Int, with value: Float) -> Tensor {
        var copy = self
        copy.withUnsafeMutableBufferPointer { $0[index] = value }
        return copy
    }
}
