import TagKitTensor

/// A long short-term memory layer, one direction, fused over the whole padded batch.
///
/// For each sequence and step (`σ` the logistic sigmoid, `∘` the element-wise product):
/// ```
/// i_t = σ(W_i x_t + U_i h_{t-1} + b_i)      input gate
/// f_t = σ(W_f x_t + U_f h_{t-1} + b_f)      forget gate
/// g_t = tanh(W_g x_t + U_g h_{t-1} + b_g)   candidate
/// o_t = σ(W_o x_t + U_o h_{t-1} + b_o)      output gate
/// c_t = f_t ∘ c_{t-1} + i_t ∘ g_t
/// h_t = o_t ∘ tanh(c_t)
/// ```
/// - Input: `[B, T, inputSize]` with `B` lengths; optional `h_0`, `c_0` `[B, H]` (zeros by default).
/// - Output: `h_t` `[B, T, H]` (zero at padded positions), final `h` and `c` `[B, H]` taken at each
///   sequence's own last token.
/// - Parameters: `inputWeight` `W [4H, inputSize]`, `recurrentWeight` `U [4H, H]`, `bias` `b [4H]`,
///   gate blocks in the order `[i, f, g, o]` (PyTorch's order; one bias, not two).
/// - Initialisation: `W` Glorot-uniform per gate, `U(±√(6 / (inputSize + H)))`; each gate's `U` block
///   orthogonal; `b = 0` except the forget gate's `b_f = 1` (Jozefowicz et al., 2015).
///
/// The input projection of all steps is one `sgemm`, each step one more, and the backward pass is
/// hand-written BPTT (`FusedRecurrentKernel`).
public final class LSTM: RecurrentLayer {
    public let inputSize: Int
    public let hiddenSize: Int
    public let inputWeight: Parameter
    public let recurrentWeight: Parameter
    public let bias: Parameter
    public var cell: RecurrentCell { .lstm }

    /// A freshly initialised layer; parameters are named `name.inputWeight`, `name.recurrentWeight`, `name.bias`.
    public init(name: String = "lstm", inputSize: Int, hiddenSize: Int, generator: inout SeededGenerator) {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        (inputWeight, recurrentWeight, bias) = RecurrentInitializer(cell: .lstm, inputSize: inputSize, hiddenSize: hiddenSize)
            .parameters(name: name, unitBiasBlocks: [1], generator: &generator)
    }
}
