import TagKitTensor

/// Inverted dropout: on a training tape each element is zeroed with probability `rate` and the
/// survivors are scaled by `1 / (1 − rate)`, so the expected value is unchanged and inference
/// (a tape with `training: false`) is the identity.
///
/// - Input and output: any shape, unchanged.
/// - The masks come from the layer's own `SeededGenerator`: the same seed and the same sequence of
///   calls give the same masks. VJP: `dx = dy ∘ mask`.
public final class Dropout {
    /// The probability of zeroing an element, in [0, 1).
    public let rate: Float
    private var generator: SeededGenerator

    /// A layer dropping with probability `rate`, its masks drawn from a generator seeded with `seed`.
    public init(rate: Float, seed: UInt64) {
        precondition(rate >= 0 && rate < 1, "dropout rate \(rate) outside [0, 1)")
        self.rate = rate
        generator = SeededGenerator(seed: seed)
    }

    /// `x ∘ mask` on a training tape, `x` otherwise.
    public func callAsFunction(_ x: Variable) -> Variable {
        guard x.tape.isTraining, rate > 0 else { return x }
        let keep = 1 / (1 - rate)
        let mask = Tensor(shape: x.shape) { _ in generator.nextUnitFloat() < rate ? 0 : keep }
        return x * x.tape.constant(mask)
    }
}
