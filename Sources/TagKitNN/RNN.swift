import TagKitTensor

/// An Elman recurrent layer (the lecture's `h_t = g(U h_{t-1} + V x_t + b)` with `g = tanh`), one
/// direction, fused over the whole padded batch:
/// ```
/// h_t = tanh(W x_t + U h_{t-1} + b)
/// ```
/// - Input: `[B, T, inputSize]` with `B` lengths; optional `h_0` `[B, H]` (zeros by default).
/// - Output: `h_t` `[B, T, H]` (zero at padded positions), final `h` `[B, H]` at each sequence's last token.
///   An output layer `y_t = g₂(W_y h_t + b_y)` is a `Dense` on top.
/// - Parameters: `inputWeight` `W [H, inputSize]`, `recurrentWeight` `U [H, H]`, `bias` `b [H]`.
/// - Initialisation: `W` Glorot-uniform `U(±√(6 / (inputSize + H)))`, `U` orthogonal, `b = 0`.
public final class RNN: RecurrentLayer {
    public let inputSize: Int
    public let hiddenSize: Int
    public let inputWeight: Parameter
    public let recurrentWeight: Parameter
    public let bias: Parameter
    public var cell: RecurrentCell { .rnn }

    /// A freshly initialised layer; parameters are named `name.inputWeight`, `name.recurrentWeight`, `name.bias`.
    public init(name: String = "rnn", inputSize: Int, hiddenSize: Int, generator: inout SeededGenerator) {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        (inputWeight, recurrentWeight, bias) = RecurrentInitializer(cell: .rnn, inputSize: inputSize, hiddenSize: hiddenSize)
            .parameters(name: name, generator: &generator)
    }
}
