/// The scores of a linear-chain CRF over `K` tags, as raw row-major buffers.
///
/// The score of a tag path `y_0 … y_{L-1}` for emissions `E [L, K]` is
/// `s(y) = start[y_0] + Σ_t E[t, y_t] + Σ_{t≥1} transitions[y_{t-1}, y_t] + end[y_{L-1}]`,
/// and `P(y) = exp(s(y)) / Z` with `Z = Σ_y' exp(s(y'))`.
public struct CRFParameters {
    /// `transitions[i · K + j]`: the score of tag `j` following tag `i`, `[K, K]`.
    public var transitions: UnsafePointer<Float>
    /// The score of starting with each tag, `[K]`.
    public var start: UnsafePointer<Float>
    /// The score of ending with each tag, `[K]`.
    public var end: UnsafePointer<Float>

    public init(transitions: UnsafePointer<Float>, start: UnsafePointer<Float>, end: UnsafePointer<Float>) {
        self.transitions = transitions
        self.start = start
        self.end = end
    }
}

/// Gradient buffers shaped like `CRFParameters`; the backward pass adds into them.
public struct CRFParameterGradients {
    /// `∂L/∂transitions`, `[K, K]`.
    public var transitions: UnsafeMutablePointer<Float>
    /// `∂L/∂start`, `[K]`.
    public var start: UnsafeMutablePointer<Float>
    /// `∂L/∂end`, `[K]`.
    public var end: UnsafeMutablePointer<Float>

    public init(transitions: UnsafeMutablePointer<Float>, start: UnsafeMutablePointer<Float>,
                end: UnsafeMutablePointer<Float>) {
        self.transitions = transitions
        self.start = start
        self.end = end
    }
}
