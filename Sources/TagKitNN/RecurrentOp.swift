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
/// The directions run concurrently when `Gemm.threadCount > 1` (`ParallelJobs`).
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
    let count = directions.count
    let width = count * hiddenSize
    let state = batch * hiddenSize
    let input = x.value
    let kernels = directions.map(\.kernel)
    let reversed = directions.map(\.reversed)
    let weights = directions.map { [$0.inputWeight.value, $0.recurrentWeight.value, $0.bias.value] }
    let initialHidden = directions.map { $0.initialHidden?.value }
    let initialCell = directions.map { cell == .lstm ? $0.initialCell?.value : nil }

    // Tape inputs: x, then per direction W, U, b and the initial states it has.
    var inputs = [x]
    var slots: [(weight: Int, hidden: Int?, cell: Int?)] = []
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
        slots.append((first, hiddenSlot, cellSlot))
    }

    // Forward: the directions write disjoint columns of one output, concurrently when threads allow.
    var output = Tensor.zeros([batch, time, width])
    let finalStates = FloatBuffers(Array(repeating: state, count: 2 * count))  // h then c per direction
    let traces = TraceSlots(count: count)
    input.withUnsafeBufferPointer { xBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
            nonisolated(unsafe) let x = xBuffer.baseAddress!, out = outBuffer.baseAddress!
            ParallelJobs.run(count) { index in
                let trace = withRecurrentParameters(weights[index]) { parameters in
                    withOptionalPointer(initialHidden[index]) { h0 in
                        withOptionalPointer(initialCell[index]) { c0 in
                            kernels[index].forward(
                                layout: layout, reversed: reversed[index], input: x,
                                parameters: parameters, initialHidden: h0, initialCell: c0,
                                output: out + index * hiddenSize, outputStride: width,
                                finalHidden: finalStates[2 * index], finalCell: finalStates[2 * index + 1])
                        }
                    }
                }
                traces.store(trace, at: index)
            }
        }
    }
    let finalHidden = (0..<count).map { finalStates.tensor(2 * $0, shape: [batch, hiddenSize]) }
    let finalCell = cell == .lstm ? (0..<count).map { finalStates.tensor(2 * $0 + 1, shape: [batch, hiddenSize]) } : []

    let nodes = x.tape.record(inputs: inputs, outputs: [output] + finalHidden + finalCell) { context in
        let outputGradient = context.outputGradient(0)
        let finalHiddenGradients = (0..<count).map { context.outputGradient(1 + $0) }
        let finalCellGradients = (0..<count).map { cell == .lstm ? context.outputGradient(1 + count + $0) : nil }
        let needsInput = context.needsGradient(ofInput: 0)
        // Per direction: dW, dU, db, dx, dh0, dc0 (each direction its own, summed below).
        let sizes = weights.flatMap { $0.map(\.count) + [input.count, state, state] }
        let gradients = FloatBuffers(sizes)
        outputGradient.withUnsafeBufferPointer { dOutBuffer in
            nonisolated(unsafe) let dOut = dOutBuffer.baseAddress!
            ParallelJobs.run(count) { index in
                let base = 6 * index
                withRecurrentParameters(weights[index]) { parameters in
                    withOptionalPointer(finalHiddenGradients[index]) { dhT in
                        withOptionalPointer(finalCellGradients[index]) { dcT in
                            kernels[index].backward(
                                traces[index], parameters: parameters,
                                outputGradient: dOut + index * hiddenSize, outputGradientStride: width,
                                finalHiddenGradient: dhT, finalCellGradient: dcT,
                                parameterGradients: RecurrentParameterGradients(
                                    inputWeight: gradients[base], recurrentWeight: gradients[base + 1],
                                    bias: gradients[base + 2]),
                                inputGradient: needsInput ? gradients[base + 3] : nil,
                                initialHiddenGradient: gradients[base + 4], initialCellGradient: gradients[base + 5])
                        }
                    }
                }
            }
        }
        for (index, slot) in slots.enumerated() {
            let base = 6 * index
            var targets = [(slot.weight, base), (slot.weight + 1, base + 1), (slot.weight + 2, base + 2)]
            if needsInput { targets.append((0, base + 3)) }
            if let hiddenSlot = slot.hidden { targets.append((hiddenSlot, base + 4)) }
            if let cellSlot = slot.cell { targets.append((cellSlot, base + 5)) }
            for (input, buffer) in targets where context.needsGradient(ofInput: input) {
                context.accumulateGradient(ofInput: input) { target in
                    VectorMath.add(gradients[buffer], into: target.baseAddress!, count: target.count)
                }
            }
        }
    }
    return RecurrentOutputs(output: nodes[0], finalHidden: Array(nodes[1..<1 + count]),
                            finalCell: cell == .lstm ? Array(nodes[1 + count..<1 + 2 * count]) : [])
}

/// Zero-filled float buffers of given sizes, owned together and freed together; shared by the
/// concurrent direction jobs, each writing its own buffers only.
private final class FloatBuffers: @unchecked Sendable {
    private let buffers: [UnsafeMutablePointer<Float>]
    private let sizes: [Int]

    init(_ sizes: [Int]) {
        self.sizes = sizes
        buffers = sizes.map { size in
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: max(size, 1))
            buffer.initialize(repeating: 0, count: max(size, 1))
            return buffer
        }
    }

    deinit { for buffer in buffers { buffer.deallocate() } }

    subscript(index: Int) -> UnsafeMutablePointer<Float> { buffers[index] }

    func tensor(_ index: Int, shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: Array(UnsafeBufferPointer(start: buffers[index], count: sizes[index])))
    }
}

/// One trace per direction, filled by the concurrent forward jobs (each its own slot).
private final class TraceSlots: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<RecurrentTrace?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ trace: RecurrentTrace, at index: Int) { slots[index] = trace }

    subscript(index: Int) -> RecurrentTrace { slots[index]! }
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
