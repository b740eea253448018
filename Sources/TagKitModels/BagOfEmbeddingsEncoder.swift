import TagKitNN
import TagKitTensor

/// The lecture's base scheme: a text's word vectors pooled coordinate-wise (sum, mean or max),
/// then dropout and optionally one hidden layer `relu(W_h s + b_h)` followed by dropout again.
///
/// - Input: word vectors `x_t` of size `inputSize`. Output: `[texts, hiddenSize]` with a hidden layer,
///   else `[texts, inputSize]`.
/// - Parameters (with a hidden layer): `hidden.weight` `[hiddenSize, inputSize]`, `hidden.bias`.
final class BagOfEmbeddingsEncoder: TextEncoder {
    let pooling: SequencePooling
    let hidden: Dense?
    let dropout: Dropout
    let outputSize: Int

    init(inputSize: Int, pooling: SequencePooling, hiddenSize: Int, dropout: Dropout, generator: inout SeededGenerator) {
        self.pooling = pooling
        self.dropout = dropout
        hidden = hiddenSize > 0
            ? Dense(name: "hidden", inputSize: inputSize, outputSize: hiddenSize, activation: .relu, generator: &generator)
            : nil
        outputSize = hiddenSize > 0 ? hiddenSize : inputSize
    }

    var parameters: [Parameter] { hidden?.parameters ?? [] }

    func encode(_ texts: [[Int]], embed: ([Int]) -> Variable) -> Variable {
        // Padded [B, T, d]: pooling reads only each text's own positions.
        let lengths = texts.map(\.count)
        let time = max(1, lengths.max() ?? 1)
        var ids = [Int](repeating: 0, count: texts.count * time)
        for (b, text) in texts.enumerated() { for (t, id) in text.enumerated() { ids[b * time + t] = id } }
        let rows = embed(ids)
        let pooled = dropout(rows.reshaped([texts.count, time, rows.shape[1]]).pooled(pooling, lengths: lengths))
        guard let hidden else { return pooled }
        return dropout(hidden(pooled))
    }
}
