import TagKitTensor

/// Two recurrent layers of the same kind read each sequence in opposite directions, their outputs
/// side by side: the contextual vector per position used for sequence labelling.
///
/// - Input: `[B, T, inputSize]` with `B` lengths.
/// - Output: `[B, T, 2H]`, columns `0..<H` from `forward` (reading `x_0 … x_{L-1}`) and `H..<2H`
///   from `backward` (reading `x_{L-1} … x_0`, each sequence from its own last token, so padding
///   never enters its state); zero at padded positions. Final states per direction `[B, H]`.
/// - Parameters: the two layers' (`name.forward.*`, `name.backward.*`), forward first.
/// - Initialisation: each direction as its layer type documents.
///
/// Both directions run in one fused tape op writing one output tensor.
public final class Bidirectional<Direction: RecurrentLayer>: SequenceEncoder {
    public let forward: Direction
    public let backward: Direction

    /// The pair of existing layers (same input and hidden sizes).
    public init(forward: Direction, backward: Direction) {
        precondition(forward.inputSize == backward.inputSize && forward.hiddenSize == backward.hiddenSize,
                     "the two directions of a bidirectional layer must have equal sizes")
        self.forward = forward
        self.backward = backward
    }

    /// Two freshly initialised directions named `name.forward` and `name.backward`.
    public convenience init(name: String = "bidirectional", inputSize: Int, hiddenSize: Int,
                            generator: inout SeededGenerator) {
        self.init(forward: Direction(name: "\(name).forward", inputSize: inputSize, hiddenSize: hiddenSize,
                                     generator: &generator),
                  backward: Direction(name: "\(name).backward", inputSize: inputSize, hiddenSize: hiddenSize,
                                      generator: &generator))
    }

    public var inputSize: Int { forward.inputSize }
    /// `2H`.
    public var outputSize: Int { 2 * forward.hiddenSize }
    public var parameters: [Parameter] { forward.parameters + backward.parameters }

    /// The outputs `[B, T, 2H]` and the final states `[forward, backward]` (each `[B, H]`; `finalCell`
    /// empty unless LSTM).
    public func callAsFunction(_ x: Variable, lengths: [Int]) -> (output: Variable, finalHidden: [Variable], finalCell: [Variable]) {
        let result = recurrence(x, lengths: lengths, directions: [
            forward.direction(on: x.tape, reversed: false),
            backward.direction(on: x.tape, reversed: true),
        ])
        return (result.output, result.finalHidden, result.finalCell)
    }

    /// The outputs `[B, T, 2H]`.
    public func encode(_ x: Variable, lengths: [Int]) -> Variable {
        callAsFunction(x, lengths: lengths).output
    }
}
