import TagKitTensor

/// Sequence encoders applied one after another (a stacked, "deep" RNN), with optional dropout on the
/// outputs of every layer but the last.
///
/// - Input: `[B, T, layers[0].inputSize]` with `B` lengths.
/// - Output: `[B, T, layers.last.outputSize]`, zero at padded positions.
/// - Parameters: every layer's, in order.
public final class RecurrentStack: SequenceEncoder {
    public let layers: [any SequenceEncoder]
    public let dropout: Dropout?

    /// - Precondition: at least one layer; each layer's `outputSize` equals the next one's `inputSize`.
    public init(layers: [any SequenceEncoder], dropout: Dropout? = nil) {
        precondition(!layers.isEmpty, "a stack needs a layer")
        for (lower, upper) in zip(layers, layers.dropFirst()) {
            precondition(lower.outputSize == upper.inputSize,
                         "stacked layer expects \(upper.inputSize) inputs, the one below gives \(lower.outputSize)")
        }
        self.layers = layers
        self.dropout = dropout
    }

    /// `layerCount` bidirectional layers of `Direction` with `H` hidden units per direction (layer 0 reads
    /// `inputSize` features, the others `2H`), named `name.0`, `name.1`, …
    public static func bidirectional<Direction: RecurrentLayer>(
        _ kind: Direction.Type, name: String = "encoder", inputSize: Int, hiddenSize: Int, layerCount: Int,
        dropout: Dropout? = nil, generator: inout SeededGenerator
    ) -> RecurrentStack {
        precondition(layerCount > 0, "a stack needs a layer")
        var layers: [any SequenceEncoder] = []
        for index in 0..<layerCount {
            layers.append(Bidirectional<Direction>(name: "\(name).\(index)",
                                                   inputSize: index == 0 ? inputSize : 2 * hiddenSize,
                                                   hiddenSize: hiddenSize, generator: &generator))
        }
        return RecurrentStack(layers: layers, dropout: dropout)
    }

    public var inputSize: Int { layers[0].inputSize }
    public var outputSize: Int { layers[layers.count - 1].outputSize }
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    public func encode(_ x: Variable, lengths: [Int]) -> Variable {
        var hidden = layers[0].encode(x, lengths: lengths)
        for layer in layers.dropFirst() {
            if let dropout { hidden = dropout(hidden) }
            hidden = layer.encode(hidden, lengths: lengths)
        }
        return hidden
    }
}
