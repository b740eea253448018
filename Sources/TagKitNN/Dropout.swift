import TagKitTensor

/// Dropout: on a training tape each element is zeroed with probability `rate`. With `inverted`
/// scaling (the default) the survivors are scaled by `1 / (1 − rate)`, so the expected value is
/// unchanged and inference (a tape with `training: false`) is the identity; with `atInference`
/// (the original formulation, Kim's (2014) code) the survivors are kept as they are and inference
/// multiplies every element by `1 − rate` instead.
///
/// - Input and output: any shape, unchanged.
/// - The masks come from the layer's own `SeededGenerator`: the same seed and the same sequence of
///   calls give the same masks. VJP: `dx = dy ∘ mask`.
public final class Dropout {
    /// Where the factor that keeps expectations equal between training and inference is applied.
    public enum Scaling: Sendable {
        /// Survivors × `1 / (1 − rate)` in training; inference is the identity.
        case inverted
        /// Survivors unscaled in training; inference multiplies by `1 − rate`.
        case atInference
    }

    /// The probability of zeroing an element, in [0, 1).
    public let rate: Float
    public let scaling: Scaling
    private var generator: SeededGenerator

    /// A layer dropping with probability `rate`, its masks drawn from a generator seeded with `seed`.
    public init(rate: Float, seed: UInt64, scaling: Scaling = .inverted) {
        precondition(rate >= 0 && rate < 1, "dropout rate \(rate) outside [0, 1)")
        self.rate = rate
        self.scaling = scaling
        generator = SeededGenerator(seed: seed)
    }

    /// `x ∘ mask` on a training tape; otherwise `x`, or `(1 − rate) · x` with `atInference` scaling.
    ///
    /// One fused op: the mask is drawn straight into a buffer (each 64-bit draw gives two 24-bit
    /// uniforms, compared as integers against `rate · 2²⁴`), and the backward pass is `dx += dy ∘ mask`.
    public func callAsFunction(_ x: Variable) -> Variable {
        guard rate > 0 else { return x }
        guard x.tape.isTraining else { return scaling == .inverted ? x : (1 - rate) * x }
        let keep: Float = scaling == .inverted ? 1 / (1 - rate) : 1
        let threshold = UInt64((Double(rate) * 16_777_216).rounded())
        var mask = Tensor.zeros(x.shape)
        var output = x.value
        mask.withUnsafeMutableBufferPointer { m in
            var i = 0
            while i < m.count {
                let bits = generator.next()
                m[i] = (bits >> 40) < threshold ? 0 : keep
                if i + 1 < m.count { m[i + 1] = ((bits >> 8) & 0xFF_FFFF) < threshold ? 0 : keep }
                i += 2
            }
            output.withUnsafeMutableBufferPointer { y in
                for j in y.indices { y[j] *= m[j] }
            }
        }
        return x.tape.record(inputs: [x], output: output) { [mask] context in
            let dy = context.outputGradient(0)
            context.accumulateGradient(ofInput: 0) { dx in
                mask.withUnsafeBufferPointer { m in
                    dy.withUnsafeBufferPointer { g in
                        for k in dx.indices { dx[k] += m[k] * g[k] }
                    }
                }
            }
        }
    }
}
