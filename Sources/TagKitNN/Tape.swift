import TagKitTensor

/// A reverse-mode gradient tape: a Wengert list of the ops run, in execution order.
///
/// Every value computed on a tape is a node (`Variable`). Leaves are constants, parameters and
/// (for gradient checks) free variables; every other node is an output of an op recorded with
/// `record(inputs:outputs:backward:)`. `backward(_:)` walks the records in reverse, handing each
/// op the gradients of its outputs and letting it add the gradients of its inputs. Gradients of
/// parameter leaves go straight into `Parameter.gradient`.
///
/// A tape lives for one forward/backward pass (one example or one batch); make a new one for the
/// next. `backward` may run once: it releases the backward closures when done. A tape made with `training: false` records no backward closures (parameters become
/// constants) and switches off dropout.
///
/// ## Adding an op from outside TagKitNN
/// Compute the outputs with your own kernel, then record them with a backward closure that reads
/// the output gradients and accumulates the input gradients (never assigns: an input may feed
/// several ops). A fused op with several outputs (an LSTM's `h` and `c`) records them together.
///
/// ```swift
/// /// y = x ∘ x, elementwise.
/// func square(_ x: Variable) -> Variable {
///     let input = x.value
///     var output = input
///     output.withUnsafeMutableBufferPointer { y in for i in y.indices { y[i] *= y[i] } }
///     return x.tape.record(inputs: [x], output: output) { context in
///         let dy = context.outputGradient(0)              // ∂L/∂y, shape of y
///         context.accumulateGradient(ofInput: 0) { dx in  // ∂L/∂x, zero-initialised on first use
///             input.withUnsafeBufferPointer { x in
///                 dy.withUnsafeBufferPointer { dy in
///                     for i in dx.indices { dx[i] += 2 * x[i] * dy[i] }
///                 }
///             }
///         }
///     }
/// }
/// ```
/// Capture tensors (values) in the closure, not `Variable`s (a variable holds its tape, and the
/// tape holds the closure until `backward` has run). Test every new op with
/// `GradientCheck.maximumError`.
public final class Tape {
    /// Whether this pass trains: backward closures are recorded, parameters need gradients,
    /// dropout is active.
    public let isTraining: Bool

    struct Record {
        let inputs: [Int]
        let outputs: [Int]
        let backward: (BackwardContext) -> Void
    }

    /// Node values; a parameter leaf's slot stays empty (its value is read from the parameter), so
    /// the tape holds no reference that would make the optimizer's in-place update copy the weights.
    var values: [Tensor] = []
    var gradients: [Tensor?] = []
    var requiresGradient: [Bool] = []
    /// For each node, the parameter it stands for, if it is a parameter leaf.
    var parameters: [Parameter?] = []
    var records: [Record] = []

    /// An empty tape; `training: false` for inference.
    public init(training: Bool = true) {
        isTraining = training
    }

    /// The value of node `id`: a parameter leaf reads its parameter's current value.
    func value(of id: Int) -> Tensor {
        parameters[id]?.value ?? values[id]
    }

    private func addNode(_ value: Tensor, requiresGradient needs: Bool, parameter: Parameter? = nil) -> Variable {
        values.append(value)
        gradients.append(nil)
        requiresGradient.append(needs)
        parameters.append(parameter)
        return Variable(tape: self, id: values.count - 1)
    }

    /// A leaf that receives no gradient (input data, targets, masks).
    public func constant(_ value: Tensor) -> Variable {
        addNode(value, requiresGradient: false)
    }

    /// A leaf whose gradient is kept on the tape (read it with `Variable.gradient` after `backward`).
    /// Used to differentiate with respect to inputs, e.g. in gradient checks.
    public func variable(_ value: Tensor) -> Variable {
        addNode(value, requiresGradient: isTraining)
    }

    /// A leaf standing for a parameter (its value is the parameter's current value: do not change
    /// the parameter between the forward pass and `backward`); on a training tape its gradient is
    /// added to `parameter.gradient` by `backward` (unless the parameter is frozen).
    public func parameter(_ parameter: Parameter) -> Variable {
        addNode(Tensor.zeros([0]), requiresGradient: isTraining && parameter.isTrainable, parameter: parameter)
    }

    /// Records an op whose `outputs` the caller has computed from `inputs`, and returns them as
    /// nodes. `backward` runs during `Tape.backward` if some output received a gradient; it gets a
    /// `BackwardContext` to read output gradients and accumulate input gradients.
    /// If no input needs a gradient, the closure is dropped and the outputs are constants.
    public func record(inputs: [Variable], outputs: [Tensor],
                       backward: @escaping (BackwardContext) -> Void) -> [Variable] {
        for input in inputs { precondition(input.tape === self, "an op mixes variables of different tapes") }
        let needs = inputs.contains { requiresGradient[$0.id] }
        let nodes = outputs.map { addNode($0, requiresGradient: needs) }
        if needs {
            records.append(Record(inputs: inputs.map(\.id), outputs: nodes.map(\.id), backward: backward))
        }
        return nodes
    }

    /// `record(inputs:outputs:backward:)` for an op with one output.
    public func record(inputs: [Variable], output: Tensor,
                       backward: @escaping (BackwardContext) -> Void) -> Variable {
        record(inputs: inputs, outputs: [output], backward: backward)[0]
    }

    /// Back-propagates from `root` (once per tape): its gradient is `seed` (ones of its shape by default, i.e.
    /// ∂root/∂root for a scalar loss), then every recorded op, last first, adds its inputs'
    /// gradients. Parameter gradients accumulate into `Parameter.gradient`.
    public func backward(_ root: Variable, seed: Tensor? = nil) {
        precondition(root.tape === self, "backward from a variable of another tape")
        guard requiresGradient[root.id] else { return }
        let start = seed ?? Tensor(shape: value(of: root.id).shape, repeating: 1)
        precondition(start.shape == value(of: root.id).shape,
                     "seed of shape \(start.shape) for a node of shape \(value(of: root.id).shape)")
        accumulate(start, into: root.id)
        for index in records.indices.reversed() {
            let record = records[index]
            guard record.outputs.contains(where: { gradients[$0] != nil }) else { continue }
            record.backward(BackwardContext(tape: self, record: record))
        }
        records.removeAll()
    }

    /// Adds `gradient` to node `id`'s gradient.
    func accumulate(_ gradient: Tensor, into id: Int) {
        gradient.withUnsafeBufferPointer { source in
            withGradient(of: id) { target in
                VectorMath.add(source.baseAddress!, into: target.baseAddress!, count: source.count)
            }
        }
    }

    /// Calls `body` with node `id`'s gradient buffer (zero-initialised on first use); for a
    /// parameter leaf, the parameter's own gradient.
    func withGradient(of id: Int, _ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        guard requiresGradient[id] else { return }
        if let parameter = parameters[id] {
            parameter.accumulateGradient(body)
            return
        }
        if gradients[id] == nil { gradients[id] = Tensor.zeros(value(of: id).shape) }
        gradients[id]!.withUnsafeMutableBufferPointer(body)
    }

    /// Adds row `k` of `source` to row `rows[k]` of node `id`'s gradient (read as `[rows, columns]`).
    func accumulateRows(_ rows: [Int], from source: Tensor, into id: Int) {
        guard requiresGradient[id] else { return }
        source.withUnsafeBufferPointer { s in
            if let parameter = parameters[id] {
                parameter.accumulateGradientRows(rows, from: s)
            } else {
                let columns = value(of: id).columnCount
                withGradient(of: id) { t in addRows(rows, columns: columns, from: s, into: t) }
            }
        }
    }
}

/// What an op's backward closure sees: its inputs' and outputs' values, the gradients flowing
/// into its outputs, and a way to add to its inputs' gradients. Indices are positions in the
/// `inputs` / `outputs` arrays given to `Tape.record`.
public struct BackwardContext {
    unowned let tape: Tape
    let record: Tape.Record

    /// ∂L/∂output[i], or zeros of the output's shape if no gradient reached that output.
    public func outputGradient(_ i: Int) -> Tensor {
        let id = record.outputs[i]
        return tape.gradients[id] ?? Tensor.zeros(tape.value(of: id).shape)
    }

    /// Whether input `i` wants a gradient (false for constants and frozen parameters); skip the
    /// work for it when false.
    public func needsGradient(ofInput i: Int) -> Bool {
        tape.requiresGradient[record.inputs[i]]
    }

    /// The value of input `i`.
    public func inputValue(_ i: Int) -> Tensor { tape.value(of: record.inputs[i]) }

    /// The value of output `i`.
    public func outputValue(_ i: Int) -> Tensor { tape.value(of: record.outputs[i]) }

    /// Calls `body` with input `i`'s gradient buffer (shape of the input, zero-initialised on first
    /// use) to **add** this op's contribution. Not called if the input needs no gradient.
    public func accumulateGradient(ofInput i: Int, _ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        tape.withGradient(of: record.inputs[i], body)
    }

    /// Adds `gradient` (shape of input `i`) to input `i`'s gradient.
    public func accumulateGradient(_ gradient: Tensor, ofInput i: Int) {
        let id = record.inputs[i]
        precondition(gradient.count == tape.value(of: id).count,
                     "gradient of shape \(gradient.shape) for an input of shape \(tape.value(of: id).shape)")
        tape.accumulate(gradient, into: id)
    }

    /// Adds row `k` of `gradient` (`[rows.count, columns]`) to row `rows[k]` of input `i`'s gradient
    /// (input `i` read as `[rowCount, columns]`). For a sparse parameter only these rows are marked
    /// as updated, so the optimizer touches nothing else.
    public func accumulateGradientRows(_ rows: [Int], from gradient: Tensor, ofInput i: Int) {
        let id = record.inputs[i]
        precondition(gradient.count == rows.count * tape.value(of: id).columnCount,
                     "\(rows.count) gradient rows of shape \(gradient.shape) for an input of shape \(tape.value(of: id).shape)")
        tape.accumulateRows(rows, from: gradient, into: id)
    }
}

/// A node on a `Tape`: a handle to a value computed there, through which ops are chained
/// (`x.relu()`, `a + b`, `linear(x, weight: w, bias: b)`).
public struct Variable {
    /// The tape the node lives on (kept alive by its variables).
    public let tape: Tape
    /// The node's position on its tape.
    public let id: Int

    /// The node's value.
    public var value: Tensor { tape.value(of: id) }
    /// The shape of the value.
    public var shape: [Int] { tape.value(of: id).shape }
    /// ∂root/∂self after `tape.backward(root)`, for leaves made with `Tape.variable` and for op
    /// outputs; `nil` if no gradient reached the node (parameter gradients live on the `Parameter`).
    public var gradient: Tensor? { tape.gradients[id] }
    /// Whether gradients flow through this node.
    public var requiresGradient: Bool { tape.requiresGradient[id] }
}
