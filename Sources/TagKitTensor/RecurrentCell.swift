/// The recurrent cells the fused kernels step, with their equations and gate order.
///
/// `x_t` is the input at step `t`, `h_{t-1}` the previous hidden state, `σ` the logistic sigmoid and
/// `∘` the element-wise product. Every cell has one input weight `W [G·H, inputSize]`, one recurrent
/// weight `U [G·H, H]` and one bias `b [G·H]`, whose `G` blocks of `H` rows are the gates in the order
/// listed (the lecture's equations, seed README items 9–11).
public enum RecurrentCell: Sendable, Hashable, CaseIterable {
    /// Elman RNN, one block: `h_t = tanh(W x_t + U h_{t-1} + b)`.
    case rnn
    /// GRU, blocks `[z, r, n]`, with the reset gate applied before the recurrent product:
    /// `z_t = σ(W_z x_t + U_z h_{t-1} + b_z)`, `r_t = σ(W_r x_t + U_r h_{t-1} + b_r)`,
    /// `n_t = tanh(W_n x_t + U_n (r_t ∘ h_{t-1}) + b_n)`, `h_t = z_t ∘ h_{t-1} + (1 - z_t) ∘ n_t`.
    /// (Because `r_t` enters before `U_n`, a step takes two products: `[U_z; U_r] h` then `U_n (r ∘ h)`.)
    case gru
    /// LSTM, blocks `[i, f, g, o]`: `i_t = σ(W_i x_t + U_i h_{t-1} + b_i)`, `f_t = σ(…_f)`,
    /// `g_t = tanh(…_g)`, `o_t = σ(…_o)`, `c_t = f_t ∘ c_{t-1} + i_t ∘ g_t`, `h_t = o_t ∘ tanh(c_t)`.
    case lstm

    /// The number of `H`-row blocks `G` in the weights.
    public var gateCount: Int {
        switch self {
        case .rnn: 1
        case .gru: 3
        case .lstm: 4
        }
    }

    /// Whether the cell carries a memory cell `c` besides `h`.
    public var hasCellState: Bool { self == .lstm }
}

/// The weights of one recurrent direction, as raw row-major buffers (see `RecurrentCell` for the
/// gate blocks).
public struct RecurrentParameters {
    /// `W [G·H, inputSize]`.
    public var inputWeight: UnsafePointer<Float>
    /// `U [G·H, H]`.
    public var recurrentWeight: UnsafePointer<Float>
    /// `b [G·H]`.
    public var bias: UnsafePointer<Float>

    public init(inputWeight: UnsafePointer<Float>, recurrentWeight: UnsafePointer<Float>, bias: UnsafePointer<Float>) {
        self.inputWeight = inputWeight
        self.recurrentWeight = recurrentWeight
        self.bias = bias
    }
}

/// Gradient buffers shaped like `RecurrentParameters`; the backward pass adds into them.
public struct RecurrentParameterGradients {
    /// `∂L/∂W [G·H, inputSize]`.
    public var inputWeight: UnsafeMutablePointer<Float>
    /// `∂L/∂U [G·H, H]`.
    public var recurrentWeight: UnsafeMutablePointer<Float>
    /// `∂L/∂b [G·H]`.
    public var bias: UnsafeMutablePointer<Float>

    public init(inputWeight: UnsafeMutablePointer<Float>, recurrentWeight: UnsafeMutablePointer<Float>,
                bias: UnsafeMutablePointer<Float>) {
        self.inputWeight = inputWeight
        self.recurrentWeight = recurrentWeight
        self.bias = bias
    }
}
