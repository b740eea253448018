import TagKitTensor

/// One direction of a fused recurrent op: the kernel, its weights as tape nodes, and its options.
struct RecurrentDirection {
    var kernel: FusedRecurrentKernel
    var inputWeight: Variable
    var recurrentWeight: Variable
    var bias: Variable
    var reversed: Bool
    var initialHidden: Variable?
    var initialCell: Variable?
}

/// What a fused recurrent op returns: the outputs of all directions side by side and each direction's
/// final state.
struct RecurrentOutputs {
    /// `[B, T, D·H]`: direction `d` in columns `d·H ..< (d+1)·H`; zero at padded positions.
    var output: Variable
    /// `[B, H]` per direction.
    var finalHidden: [Variable]
    /// `[B, H]` per direction (LSTM only; empty otherwise).
    var finalCell: [Variable]
}

/// Runs `directions` (1 or 2) of a fused RNN/GRU/LSTM over `x` `[B, T, inputSize]` with `lengths`, and
/// records ONE tape op whose backward is the kernels' hand-written BPTT (`FusedRecurrentKernel`).
func recurrence(_ x: Variable, lengths: [Int], directions: [RecurrentDirection]) -> RecurrentOutputs {
    precondition(!directions.isEmpty, "a recurrent op needs a direction")
    let kernel = directions[0].kernel
    let hiddenSize = kernel.hiddenSize
    let cell = kernel.cell
    precondition(directions.allSatisfy { $0.kernel.hiddenSize == hiddenSize && $0.kernel.cell == cell
        && $0.kernel.inputSize == kernel.inputSize }, "the directions of a recurrent op must have equal shapes")
    precondition(x.shape.count == 3 && x.shape[2] == kernel.inputSize,
                 "recurrent input must be [batch, time, \(kernel.inputSize)], got \(x.shape)")
    let (batch, time) = (x.shape[0], x.shape[1])
    precondition(lengths.count == batch, "\(lengths.count) lengths for a batch of \(batch)")
    let layout = PackedSequenceLayout(lengths: lengths, paddedLength: time)
    let width = directions.count * hiddenSize
    let input = x.value

    // Tape inputs: x, then per direction W, U, b and the initial states it has.
    var inputs = [x]
    var slots: [(weight: Int, recurrent: Int, bias: Int, hidden: Int?, cell: Int?)] = []
    for direction in directions {
        let first = inputs.count
        inputs += [direction.inputWeight, direction.recurrentWeight, direction.bias]
        var hiddenSlot: Int?, cellSlot: Int?
        if let h0 = direction.initialHidden {
            precondition(h0.shape == [batch, hiddenSize], "initial hidden state must be [\(batch), \(hiddenSize)]")
            hiddenSlot = inputs.count
            inputs.append(h0)
        }
        if cell == .lstm, let c0 = direction.initialCell {
            precondition(c0.shape == [batch, hiddenSize], "initial cell state must be [\(batch), \(hiddenSize)]")
            cellSlot = inputs.count
            inputs.append(c0)
        }
        slots.append((first, first + 1, first + 2, hiddenSlot, cellSlot))
    }

    var output = Tensor.zeros([batch, time, width])
    var finalHidden = directions.map { _ in Tensor.zeros([batch, hiddenSize]) }
    var finalCell: [Tensor] = []
    var traces: [RecurrentTrace] = []
    let weights = directions.map { [$0.inputWeight.value, $0.recurrentWeight.value, $0.bias.value] }
    for (index, direction) in directions.enumerated() {
        var finalCellTensor = Tensor.zeros(cell == .lstm ? [batch, hiddenSize] : [0])
        let trace = withRecurrentParameters(weights[index]) { parameters in
            input.withUnsafeBufferPointer { x in
                withOptionalPointer(direction.initialHidden?.value) { h0 in
                    withOptionalPointer(direction.initialCell?.value) { c0 in
                        output.withUnsafeMutableBufferPointer { out in
                            finalHidden[index].withUnsafeMutableBufferPointer { hT in
                                finalCellTensor.withUnsafeMutableBufferPointer { cT in
                                    direction.kernel.forward(
                                        layout: layout, reversed: direction.reversed, input: x.baseAddress!,
                                        parameters: parameters, initialHidden: h0, initialCell: c0,
                                        output: out.baseAddress! + index * hiddenSize, outputStride: width,
                                        finalHidden: hT.baseAddress!, finalCell: cell == .lstm ? cT.baseAddress! : nil)
                                }
                            }
                        }
                    }
                }
            }
        }
        if cell == .lstm { finalCell.append(finalCellTensor) }
        traces.append(trace)
    }

    let nodes = x.tape.record(inputs: inputs, outputs: [output] + finalHidden + finalCell) { context in
        let outputGradient = context.outputGradient(0)
        var inputGradient = context.needsGradient(ofInput: 0) ? Tensor.zeros(input.shape) : nil
        for (index, direction) in directions.enumerated() {
            let slot = slots[index]
            let finalHiddenGradient = context.outputGradient(1 + index)
            let finalCellGradient = cell == .lstm ? context.outputGradient(1 + directions.count + index) : nil
            var parameterGradients = weights[index].map { Tensor.zeros($0.shape) }
            var initialHiddenGradient = slot.hidden.map { _ in Tensor.zeros([batch, hiddenSize]) }
            var initialCellGradient = slot.cell.map { _ in Tensor.zeros([batch, hiddenSize]) }
            withRecurrentParameters(weights[index]) { parameters in
                outputGradient.withUnsafeBufferPointer { dOut in
                    withOptionalPointer(finalHiddenGradient) { dhT in
                        withOptionalPointer(finalCellGradient) { dcT in
                            withRecurrentGradients(&parameterGradients) { gradients in
                                withOptionalMutablePointer(&inputGradient) { dx in
                                    withOptionalMutablePointer(&initialHiddenGradient) { dh0 in
                                        withOptionalMutablePointer(&initialCellGradient) { dc0 in
                                            direction.kernel.backward(
                                                traces[index], parameters: parameters,
                                                outputGradient: dOut.baseAddress! + index * hiddenSize,
                                                outputGradientStride: width,
                                                finalHiddenGradient: dhT, finalCellGradient: dcT,
                                                parameterGradients: gradients, inputGradient: dx,
                                                initialHiddenGradient: dh0, initialCellGradient: dc0)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for (offset, gradient) in parameterGradients.enumerated() where context.needsGradient(ofInput: slot.weight + offset) {
                context.accumulateGradient(gradient, ofInput: slot.weight + offset)
            }
            if let hiddenSlot = slot.hidden, let gradient = initialHiddenGradient, context.needsGradient(ofInput: hiddenSlot) {
                context.accumulateGradient(gradient, ofInput: hiddenSlot)
            }
            if let cellSlot = slot.cell, let gradient = initialCellGradient, context.needsGradient(ofInput: cellSlot) {
                context.accumulateGradient(gradient, ofInput: cellSlot)
            }
        }
        if let inputGradient { context.accumulateGradient(inputGradient, ofInput: 0) }
    }
    let count = directions.count
    return RecurrentOutputs(output: nodes[0], finalHidden: Array(nodes[1..<1 + count]),
                            finalCell: cell == .lstm ? Array(nodes[1 + count..<1 + 2 * count]) : [])
}

/// Calls `body` with `RecurrentParameters` pointing into `[W, U, b]`.
private func withRecurrentParameters<R>(_ tensors: [Tensor], _ body: (RecurrentParameters) -> R) -> R {
    tensors[0].withUnsafeBufferPointer { w in
        tensors[1].withUnsafeBufferPointer { u in
            tensors[2].withUnsafeBufferPointer { b in
                body(RecurrentParameters(inputWeight: w.baseAddress!, recurrentWeight: u.baseAddress!, bias: b.baseAddress!))
            }
        }
    }
}

/// Calls `body` with `RecurrentParameterGradients` pointing into `[dW, dU, db]`.
private func withRecurrentGradients<R>(_ tensors: inout [Tensor], _ body: (RecurrentParameterGradients) -> R) -> R {
    // Moved out of the array first, so that writing them does not copy their storage.
    var (w, u, b) = (tensors[0], tensors[1], tensors[2])
    tensors = []
    defer { tensors = [w, u, b] }
    return w.withUnsafeMutableBufferPointer { w in
        u.withUnsafeMutableBufferPointer { u in
            b.withUnsafeMutableBufferPointer { b in
                body(RecurrentParameterGradients(inputWeight: w.baseAddress!, recurrentWeight: u.baseAddress!,
                                                 bias: b.baseAddress!))
            }
        }
    }
}

/// Calls `body` with a pointer to the values of `tensor`, or nil.
func withOptionalPointer<R>(_ tensor: Tensor?, _ body: (UnsafePointer<Float>?) -> R) -> R {
    guard let tensor else { return body(nil) }
    return tensor.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// Calls `body` with a mutable pointer to the values of `tensor`, or nil.
func withOptionalMutablePointer<R>(_ tensor: inout Tensor?, _ body: (UnsafeMutablePointer<Float>?) -> R) -> R {
    guard var value = tensor else { return body(nil) }
    tensor = nil  // `value` now holds the only reference: writing it copies nothing
    defer { tensor = value }
    return value.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
}
