/// What a fused recurrent forward pass keeps for its backward pass, all in the packed layout
/// (`N` = `layout.tokenCount` rows, see `PackedSequenceLayout`; `B` = batch size, `H` = hidden size).
///
/// The buffers are owned by the trace and freed with it. It is immutable after the forward pass,
/// so one trace may be read by several backward passes.
public final class RecurrentTrace: @unchecked Sendable {
    /// The cell that produced the trace.
    public let cell: RecurrentCell
    /// Input features per step.
    public let inputSize: Int
    /// `H`.
    public let hiddenSize: Int
    /// The batch's lengths and packing.
    public let layout: PackedSequenceLayout
    /// Whether each sequence was read from its last token back to its first.
    public let reversed: Bool
    /// `paddedRows[p]` = the padded row (`b · T + time`) of packed row `p`.
    public let paddedRows: [Int]
    /// The inputs, gathered: `[N, inputSize]`.
    let packedInput: UnsafeMutablePointer<Float>
    /// Gate activations `[N, G·H]` in the cell's block order (after σ / tanh).
    let gates: UnsafeMutablePointer<Float>
    /// `h_t` for every packed row: `[N, H]`.
    let hidden: UnsafeMutablePointer<Float>
    /// `h_0` in packed (length-sorted) order: `[B, H]`.
    let initialHidden: UnsafeMutablePointer<Float>
    /// LSTM: `c_t` `[N, H]`; GRU: `r_t ∘ h_{t-1}` `[N, H]`; RNN: unused (empty).
    let auxiliary: UnsafeMutablePointer<Float>
    /// LSTM: `tanh(c_t)` `[N, H]`; otherwise unused (empty).
    let cellTanh: UnsafeMutablePointer<Float>
    /// LSTM: `c_0` in packed order `[B, H]`; otherwise unused (empty).
    let initialCell: UnsafeMutablePointer<Float>

    init(cell: RecurrentCell, inputSize: Int, hiddenSize: Int, layout: PackedSequenceLayout, reversed: Bool) {
        self.cell = cell
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.layout = layout
        self.reversed = reversed
        paddedRows = layout.paddedRows(reversed: reversed)
        let tokens = layout.tokenCount
        let batch = layout.batchSize
        // The packed buffers are written in full by the forward pass; only the initial states start at zero.
        packedInput = Self.allocate(tokens * inputSize, zeroed: false)
        gates = Self.allocate(tokens * cell.gateCount * hiddenSize, zeroed: false)
        hidden = Self.allocate(tokens * hiddenSize, zeroed: false)
        initialHidden = Self.allocate(batch * hiddenSize, zeroed: true)
        auxiliary = Self.allocate(cell == .rnn ? 0 : tokens * hiddenSize, zeroed: false)
        cellTanh = Self.allocate(cell == .lstm ? tokens * hiddenSize : 0, zeroed: false)
        initialCell = Self.allocate(cell == .lstm ? batch * hiddenSize : 0, zeroed: true)
    }

    deinit {
        for buffer in [packedInput, gates, hidden, initialHidden, auxiliary, cellTanh, initialCell] {
            buffer.deallocate()
        }
    }

    /// A buffer of `count` floats (at least one element, so that every pointer is valid), zero-filled
    /// if asked; otherwise its contents are undefined until written.
    private static func allocate(_ count: Int, zeroed: Bool) -> UnsafeMutablePointer<Float> {
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        if zeroed { buffer.initialize(repeating: 0, count: max(count, 1)) }
        return buffer
    }

    /// `h_{t-1}` for the rows of step `t`: `[batchSizes[t], H]`, contiguous (the first rows of step
    /// `t - 1`, or of `h_0`).
    func previousHidden(step: Int) -> UnsafeMutablePointer<Float> {
        step == 0 ? initialHidden : hidden + layout.offsets[step - 1] * hiddenSize
    }

    /// LSTM: `c_{t-1}` for the rows of step `t`, laid out like `previousHidden(step:)`.
    func previousCell(step: Int) -> UnsafeMutablePointer<Float> {
        step == 0 ? initialCell : auxiliary + layout.offsets[step - 1] * hiddenSize
    }
}
