import TagKitTensor

/// A gated recurrent unit layer, one direction, fused over the whole padded batch, with the
/// lecture's equations (the reset gate applies to `h_{t-1}` before the recurrent product, as in
/// Cho et al., 2014):
/// ```
/// z_t = σ(W_z x_t + U_z h_{t-1} + b_z)              update gate
/// r_t = σ(W_r x_t + U_r h_{t-1} + b_r)              reset gate
/// n_t = tanh(W_n x_t + U_n (r_t ∘ h_{t-1}) + b_n)   candidate
/// h_t = z_t ∘ h_{t-1} + (1 - z_t) ∘ n_t
/// ```
/// - Input: `[B, T, inputSize]` with `B` lengths; optional `h_0` `[B, H]` (zeros by default).
/// - Output: `h_t` `[B, T, H]` (zero at padded positions), final `h` `[B, H]` at each sequence's last token.
/// - Parameters: `inputWeight` `W [3H, inputSize]`, `recurrentWeight` `U [3H, H]`, `bias` `b [3H]`,
///   gate blocks in the order `[z, r, n]`.
/// - Initialisation: `W` Glorot-uniform per gate, `U(±√(6 / (inputSize + H)))`; each gate's `U` block
///   orthogonal; `b = 0`.
///
/// Because `r_t` enters before `U_n`, a step runs two products (`[U_z; U_r] h` then `U_n (r ∘ h)`).
public final class GRU: RecurrentLayer {
    public let inputSize: Int
    public let hiddenSize: Int
    public let inputWeight: Parameter
    public let recurrentWeight: Parameter
    public let bias: Parameter
    public var cell: RecurrentCell { .gru }

    /// A freshly initialised layer; parameters are named `name.inputWeight`, `name.recurrentWeight`, `name.bias`.
    public init(name: String = "gru", inputSize: Int, hiddenSize: Int, generator: inout SeededGenerator) {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        (inputWeight, recurrentWeight, bias) = RecurrentInitializer(cell: .gru, inputSize: inputSize, hiddenSize: hiddenSize)
            .parameters(name: name, generator: &generator)
    }
}
