/// Random initial values. Every initializer draws from a `SeededGenerator` in row-major order,
/// so a seed fixes the tensor bit for bit.
extension Tensor {
    /// Values drawn uniformly from `[lower, upper)`.
    public static func uniform(_ shape: [Int], lower: Float, upper: Float,
                               using generator: inout SeededGenerator) -> Tensor {
        let width = upper - lower
        return Tensor(shape: shape) { _ in lower + width * generator.nextUnitFloat() }
    }

    /// Values drawn from a normal distribution `N(mean, standardDeviation²)`.
    public static func normal(_ shape: [Int], mean: Float = 0, standardDeviation: Float = 1,
                              using generator: inout SeededGenerator) -> Tensor {
        Tensor(shape: shape) { _ in mean + standardDeviation * Float(generator.nextNormal()) }
    }

    /// Glorot/Xavier uniform for a weight matrix `[out, in]` (or `[out, in·k]` for a convolution):
    /// `U(-a, a)` with `a = gain · √(6 / (fanIn + fanOut))`, where `fanOut = shape[0]` and
    /// `fanIn` is the product of the other dimensions.
    public static func glorotUniform(_ shape: [Int], gain: Float = 1,
                                     using generator: inout SeededGenerator) -> Tensor {
        precondition(shape.count >= 2, "Glorot initialisation needs a matrix, got shape \(shape)")
        let fanOut = shape[0]
        let fanIn = shape.dropFirst().reduce(1, *)
        let bound = gain * (6 / Float(fanIn + fanOut)).squareRoot()
        return uniform(shape, lower: -bound, upper: bound, using: &generator)
    }

    /// A (semi-)orthogonal matrix `[rows, columns]` scaled by `gain`, for recurrent weights
    /// (Saxe et al., 2014): the rows are orthonormal when `rows ≤ columns`, else the columns are.
    ///
    /// Draws a `max × min` matrix from `N(0, 1)`, orthonormalises its columns by modified
    /// Gram–Schmidt in Double (the Q of a QR decomposition, with the sign of R's diagonal made
    /// positive), and transposes it when `rows < columns`.
    public static func orthogonal(rows: Int, columns: Int, gain: Float = 1,
                                  using generator: inout SeededGenerator) -> Tensor {
        let tall = max(rows, columns), narrow = min(rows, columns)
        // q holds `narrow` column vectors of length `tall`, one after another.
        var q = (0..<tall * narrow).map { _ in generator.nextNormal() }
        for j in 0..<narrow {
            for previous in 0..<j {
                var dot = 0.0
                for i in 0..<tall { dot += q[previous * tall + i] * q[j * tall + i] }
                for i in 0..<tall { q[j * tall + i] -= dot * q[previous * tall + i] }
            }
            var norm = 0.0
            for i in 0..<tall { norm += q[j * tall + i] * q[j * tall + i] }
            norm = norm.squareRoot()
            for i in 0..<tall { q[j * tall + i] /= norm }
        }
        return Tensor(shape: [rows, columns]) { flat in
            let (r, c) = (flat / columns, flat % columns)
            // rows ≥ columns: column c of Q is vector c; otherwise row r of the result is vector r.
            let value = rows >= columns ? q[c * tall + r] : q[r * tall + c]
            return gain * Float(value)
        }
    }
}
