import TagKitTensor

/// A layer that maps a padded batch of sequences to one vector per position.
///
/// - Input: `[B, T, inputSize]` and the `B` sequence lengths (`0 ≤ lengths[b] ≤ T`).
/// - Output: `[B, T, outputSize]`, zero at padded positions (`t ≥ lengths[b]`).
public protocol SequenceEncoder: Layer {
    var inputSize: Int { get }
    var outputSize: Int { get }
    func encode(_ x: Variable, lengths: [Int]) -> Variable
}

/// The outputs of a one-direction recurrent layer.
public struct RecurrentResult {
    /// `h_t` for every position, `[B, T, H]`, zero at padded positions.
    public var output: Variable
    /// The state after each sequence's last token (the initial state for an empty sequence), `[B, H]`.
    public var finalHidden: Variable
    /// The LSTM's memory cell after each sequence's last token, `[B, H]`; nil for the RNN and GRU.
    public var finalCell: Variable?
}

/// A one-direction fused recurrent layer (`RNN`, `GRU`, `LSTM`): weights `W [G·H, inputSize]`,
/// `U [G·H, H]`, `b [G·H]` in the gate order of its `RecurrentCell`, run by `FusedRecurrentKernel`.
public protocol RecurrentLayer: SequenceEncoder {
    /// The cell's equations and gate order.
    var cell: RecurrentCell { get }
    /// `H`.
    var hiddenSize: Int { get }
    /// `W [G·H, inputSize]`.
    var inputWeight: Parameter { get }
    /// `U [G·H, H]`.
    var recurrentWeight: Parameter { get }
    /// `b [G·H]`.
    var bias: Parameter { get }
    /// A freshly initialised layer with parameters `name.inputWeight`, `name.recurrentWeight`, `name.bias`.
    init(name: String, inputSize: Int, hiddenSize: Int, generator: inout SeededGenerator)
}

extension RecurrentLayer {
    public var outputSize: Int { hiddenSize }
    public var parameters: [Parameter] { [inputWeight, recurrentWeight, bias] }

    /// Runs the layer over `x` `[B, T, inputSize]`.
    /// - Parameters:
    ///   - reversed: read each sequence from its last real token back to its first (outputs stay at
    ///     their own positions).
    ///   - initialHidden: `h_0` `[B, H]` (zeros if nil); `initialCell`: the LSTM's `c_0` `[B, H]`.
    public func callAsFunction(_ x: Variable, lengths: [Int], reversed: Bool = false,
                               initialHidden: Variable? = nil, initialCell: Variable? = nil) -> RecurrentResult {
        let result = recurrence(x, lengths: lengths, directions: [direction(on: x.tape, reversed: reversed,
                                                                             initialHidden: initialHidden,
                                                                             initialCell: initialCell)])
        return RecurrentResult(output: result.output, finalHidden: result.finalHidden[0],
                               finalCell: result.finalCell.first)
    }

    /// The outputs `[B, T, H]` of a forward run.
    public func encode(_ x: Variable, lengths: [Int]) -> Variable {
        callAsFunction(x, lengths: lengths).output
    }

    func direction(on tape: Tape, reversed: Bool, initialHidden: Variable? = nil,
                   initialCell: Variable? = nil) -> RecurrentDirection {
        RecurrentDirection(kernel: FusedRecurrentKernel(cell: cell, inputSize: inputSize, hiddenSize: hiddenSize),
                           inputWeight: tape.parameter(inputWeight), recurrentWeight: tape.parameter(recurrentWeight),
                           bias: tape.parameter(bias), reversed: reversed,
                           initialHidden: initialHidden, initialCell: initialCell)
    }
}

/// The standard initialisation of a recurrent layer's weights, gate block by gate block:
/// `W` Glorot-uniform per block, `U(±√(6 / (inputSize + H)))`; `U` an orthogonal `[H, H]` matrix per
/// block (Saxe et al., 2014); `b = 0` except the blocks listed in `unitBiasBlocks`, set to 1.
struct RecurrentInitializer {
    var cell: RecurrentCell
    var inputSize: Int
    var hiddenSize: Int

    func parameters(name: String, unitBiasBlocks: [Int] = [], generator: inout SeededGenerator)
        -> (inputWeight: Parameter, recurrentWeight: Parameter, bias: Parameter) {
        precondition(inputSize > 0 && hiddenSize > 0, "recurrent sizes must be positive")
        let rows = cell.gateCount * hiddenSize
        let bound = (6 / Float(inputSize + hiddenSize)).squareRoot()
        let inputWeight = Tensor.uniform([rows, inputSize], lower: -bound, upper: bound, using: &generator)
        var recurrent: [Float] = []
        for _ in 0..<cell.gateCount {
            recurrent += Tensor.orthogonal(rows: hiddenSize, columns: hiddenSize, using: &generator).scalars
        }
        var bias = [Float](repeating: 0, count: rows)
        for block in unitBiasBlocks {
            for unit in 0..<hiddenSize { bias[block * hiddenSize + unit] = 1 }
        }
        return (Parameter(name: "\(name).inputWeight", value: inputWeight),
                Parameter(name: "\(name).recurrentWeight", value: Tensor(shape: [rows, hiddenSize], scalars: recurrent)),
                Parameter(name: "\(name).bias", value: Tensor(shape: [rows], scalars: bias)))
    }
}
