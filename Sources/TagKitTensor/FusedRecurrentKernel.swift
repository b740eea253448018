/// One direction of an RNN, GRU or LSTM run over a whole padded batch at once, forward and backward,
/// the way cuDNN and oneDNN fuse it:
/// - the inputs of all real tokens are gathered into the packed layout (`PackedSequenceLayout`) and
///   projected by ONE product `X Wᵀ` `[N, in] · [in, G·H]`;
/// - each step runs one product `h_{t-1} Uᵀ` over the sequences still running (two for the GRU, whose
///   reset gate enters before `U_n`), then the gates point-wise with `VectorMath`;
/// - backward walks the steps in reverse with one product `dĜ_t · U` per step and then accumulates
///   `∂L/∂W = dĜᵀ X`, `∂L/∂U = dĜᵀ H_prev` and `∂L/∂X = dĜ W` with one product each.
///
/// Padded positions (`time ≥ lengths[b]`) are never computed: their outputs are written as zero,
/// the state of a finished sequence is left as it was at its last token, and their input gradient
/// stays zero. A reversed run reads each sequence from its own last token back to its first.
///
/// Padded tensors are row-major `[B, T, features]` with row `b · T + time`; states are `[B, H]` in
/// batch order. All gradients are *added* into the buffers given.
public struct FusedRecurrentKernel: Sendable {
    public let cell: RecurrentCell
    public let inputSize: Int
    public let hiddenSize: Int

    public init(cell: RecurrentCell, inputSize: Int, hiddenSize: Int) {
        precondition(inputSize > 0 && hiddenSize > 0, "recurrent sizes must be positive")
        self.cell = cell
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
    }

    /// Runs the recurrence.
    /// - Parameters:
    ///   - input: `[B, T, inputSize]` (padded rows are ignored).
    ///   - initialHidden, initialCell: `h_0`, `c_0` `[B, H]`, or `nil` for zeros (`initialCell` is read by
    ///     the LSTM only).
    ///   - output: receives `h_t` at row `b · T + time`, `H` floats at `output + row · outputStride`
    ///     (a stride of `2H` with an offset of `H` writes one half of a bidirectional output); padded rows
    ///     get zeros.
    ///   - finalHidden, finalCell: receive the state after each sequence's last token `[B, H]` (the
    ///     initial state for an empty sequence).
    /// - Returns: the trace the backward pass needs.
    @discardableResult
    public func forward(
        layout: PackedSequenceLayout, reversed: Bool,
        input: UnsafePointer<Float>, parameters: RecurrentParameters,
        initialHidden: UnsafePointer<Float>? = nil, initialCell: UnsafePointer<Float>? = nil,
        output: UnsafeMutablePointer<Float>, outputStride: Int,
        finalHidden: UnsafeMutablePointer<Float>? = nil, finalCell: UnsafeMutablePointer<Float>? = nil
    ) -> RecurrentTrace {
        let trace = RecurrentTrace(cell: cell, inputSize: inputSize, hiddenSize: hiddenSize,
                                   layout: layout, reversed: reversed)
        let width = cell.gateCount * hiddenSize
        let tokens = layout.tokenCount
        for (packed, padded) in trace.paddedRows.enumerated() {
            (trace.packedInput + packed * inputSize).update(from: input + padded * inputSize, count: inputSize)
        }
        for (position, sequence) in layout.order.enumerated() {
            if let initialHidden {
                (trace.initialHidden + position * hiddenSize)
                    .update(from: initialHidden + sequence * hiddenSize, count: hiddenSize)
            }
            if cell == .lstm, let initialCell {
                (trace.initialCell + position * hiddenSize)
                    .update(from: initialCell + sequence * hiddenSize, count: hiddenSize)
            }
        }
        Gemm.multiply(m: tokens, n: width, k: inputSize,
                      trace.packedInput, lda: inputSize,
                      parameters.inputWeight, ldb: inputSize, transposeB: true,
                      beta: 0, into: trace.gates, ldc: width)
        for step in 0..<layout.stepCount {
            switch cell {
            case .lstm: LSTMStep.forward(trace, step: step, parameters: parameters)
            case .gru: GRUStep.forward(trace, step: step, parameters: parameters)
            case .rnn: RNNStep.forward(trace, step: step, parameters: parameters)
            }
        }
        for (packed, padded) in trace.paddedRows.enumerated() {
            (output + padded * outputStride).update(from: trace.hidden + packed * hiddenSize, count: hiddenSize)
        }
        for (sequence, length) in layout.lengths.enumerated() where length < layout.paddedLength {
            for time in length..<layout.paddedLength {
                (output + (sequence * layout.paddedLength + time) * outputStride).update(repeating: 0, count: hiddenSize)
            }
        }
        for (position, sequence) in layout.order.enumerated() {
            let length = layout.lengths[sequence]
            if let finalHidden {
                let last = length == 0 ? trace.initialHidden + position * hiddenSize
                    : trace.hidden + (layout.offsets[length - 1] + position) * hiddenSize
                (finalHidden + sequence * hiddenSize).update(from: last, count: hiddenSize)
            }
            if cell == .lstm, let finalCell {
                let last = length == 0 ? trace.initialCell + position * hiddenSize
                    : trace.auxiliary + (layout.offsets[length - 1] + position) * hiddenSize
                (finalCell + sequence * hiddenSize).update(from: last, count: hiddenSize)
            }
        }
        return trace
    }

    /// Back-propagates through a forward pass of this kernel.
    /// - Parameters:
    ///   - trace: what `forward` returned.
    ///   - parameters: the same weights as in `forward`.
    ///   - outputGradient: `∂L/∂output`, laid out like `forward`'s output (`nil` = zero); padded rows are
    ///     ignored.
    ///   - finalHiddenGradient, finalCellGradient: `∂L/∂h_final`, `∂L/∂c_final` `[B, H]` or `nil`.
    ///   - parameterGradients: `∂L/∂W`, `∂L/∂U`, `∂L/∂b` are added here.
    ///   - inputGradient: `∂L/∂input` `[B, T, inputSize]` is added here (padded rows get nothing).
    ///   - initialHiddenGradient, initialCellGradient: `∂L/∂h_0`, `∂L/∂c_0` `[B, H]` are added here.
    public func backward(
        _ trace: RecurrentTrace, parameters: RecurrentParameters,
        outputGradient: UnsafePointer<Float>?, outputGradientStride: Int,
        finalHiddenGradient: UnsafePointer<Float>? = nil, finalCellGradient: UnsafePointer<Float>? = nil,
        parameterGradients: RecurrentParameterGradients,
        inputGradient: UnsafeMutablePointer<Float>?,
        initialHiddenGradient: UnsafeMutablePointer<Float>? = nil,
        initialCellGradient: UnsafeMutablePointer<Float>? = nil
    ) {
        precondition(trace.cell == cell && trace.inputSize == inputSize && trace.hiddenSize == hiddenSize,
                     "the trace comes from a different kernel")
        let layout = trace.layout
        let width = cell.gateCount * hiddenSize
        let tokens = layout.tokenCount
        let batch = layout.batchSize
        let gateGradient = Self.uninitialized(tokens * width)  // every row is written by its step
        let hiddenCarry = Self.zeros(batch * hiddenSize)
        let cellCarry = Self.zeros(cell == .lstm ? batch * hiddenSize : 0)
        let scratch = Self.uninitialized(cell == .gru ? batch * hiddenSize : 0)
        defer { for buffer in [gateGradient, hiddenCarry, cellCarry, scratch] { buffer.deallocate() } }
        // A sequence's carry is first read at its last step, so the final-state gradients can be put in
        // place for every sequence before the loop.
        for (position, sequence) in layout.order.enumerated() {
            if let finalHiddenGradient {
                (hiddenCarry + position * hiddenSize).update(from: finalHiddenGradient + sequence * hiddenSize,
                                                             count: hiddenSize)
            }
            if cell == .lstm, let finalCellGradient {
                (cellCarry + position * hiddenSize).update(from: finalCellGradient + sequence * hiddenSize,
                                                           count: hiddenSize)
            }
        }
        for step in stride(from: layout.stepCount - 1, through: 0, by: -1) {
            let first = layout.offsets[step]
            if let outputGradient {
                for position in 0..<layout.batchSizes[step] {
                    VectorMath.add(outputGradient + trace.paddedRows[first + position] * outputGradientStride,
                             into: hiddenCarry + position * hiddenSize, count: hiddenSize)
                }
            }
            switch cell {
            case .lstm:
                LSTMStep.backward(trace, step: step, parameters: parameters, hiddenCarry: hiddenCarry,
                                  cellCarry: cellCarry, gateGradient: gateGradient)
            case .gru:
                GRUStep.backward(trace, step: step, parameters: parameters, hiddenCarry: hiddenCarry,
                                 gateGradient: gateGradient, scratch: scratch)
            case .rnn:
                RNNStep.backward(trace, step: step, parameters: parameters, hiddenCarry: hiddenCarry,
                                 gateGradient: gateGradient)
            }
        }
        for (position, sequence) in layout.order.enumerated() {
            if let initialHiddenGradient {
                VectorMath.add(hiddenCarry + position * hiddenSize, into: initialHiddenGradient + sequence * hiddenSize,
                         count: hiddenSize)
            }
            if cell == .lstm, let initialCellGradient {
                VectorMath.add(cellCarry + position * hiddenSize, into: initialCellGradient + sequence * hiddenSize,
                         count: hiddenSize)
            }
        }
        accumulateParameterGradients(trace, gateGradient: gateGradient, into: parameterGradients)
        if let inputGradient {
            let packedGradient = Self.uninitialized(tokens * inputSize)
            defer { packedGradient.deallocate() }
            Gemm.multiply(m: tokens, n: inputSize, k: width,
                          gateGradient, lda: width,
                          parameters.inputWeight, ldb: inputSize,
                          beta: 0, into: packedGradient, ldc: inputSize)
            for (packed, padded) in trace.paddedRows.enumerated() {
                VectorMath.add(packedGradient + packed * inputSize, into: inputGradient + padded * inputSize, count: inputSize)
            }
        }
    }

    /// `∂L/∂W += dĜᵀ X`, `∂L/∂U += dĜᵀ H_prev` (the GRU's `U_n` block takes `(r ∘ h)` instead of
    /// `H_prev`), `∂L/∂b += Σ_rows dĜ`.
    private func accumulateParameterGradients(_ trace: RecurrentTrace, gateGradient: UnsafeMutablePointer<Float>,
                                              into gradients: RecurrentParameterGradients) {
        let layout = trace.layout
        let width = cell.gateCount * hiddenSize
        let tokens = layout.tokenCount
        Gemm.multiply(m: width, n: inputSize, k: tokens,
                      gateGradient, lda: width, transposeA: true,
                      trace.packedInput, ldb: inputSize,
                      beta: 1, into: gradients.inputWeight, ldc: inputSize)
        // H_prev in the packed layout: row (t, j) holds h_{t-1} of the sequence at position j.
        let previousHidden = Self.uninitialized(tokens * hiddenSize)
        defer { previousHidden.deallocate() }
        for step in 0..<layout.stepCount {
            (previousHidden + layout.offsets[step] * hiddenSize)
                .update(from: trace.previousHidden(step: step), count: layout.batchSizes[step] * hiddenSize)
        }
        let recurrentRows = cell == .gru ? 2 * hiddenSize : width
        Gemm.multiply(m: recurrentRows, n: hiddenSize, k: tokens,
                      gateGradient, lda: width, transposeA: true,
                      previousHidden, ldb: hiddenSize,
                      beta: 1, into: gradients.recurrentWeight, ldc: hiddenSize)
        if cell == .gru {
            Gemm.multiply(m: hiddenSize, n: hiddenSize, k: tokens,
                          gateGradient + 2 * hiddenSize, lda: width, transposeA: true,
                          trace.auxiliary, ldb: hiddenSize,
                          beta: 1, into: gradients.recurrentWeight + 2 * hiddenSize * hiddenSize, ldc: hiddenSize)
        }
        for row in 0..<tokens {
            VectorMath.add(gateGradient + row * width, into: gradients.bias, count: width)
        }
    }

    /// A buffer of `count` floats (at least one) to be written before it is read.
    static func uninitialized(_ count: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
    }

    /// A zero-filled buffer of `count` floats (at least one).
    static func zeros(_ count: Int) -> UnsafeMutablePointer<Float> {
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        buffer.initialize(repeating: 0, count: max(count, 1))
        return buffer
    }
}
