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
        let (vectors, lengths) = paddedVectors(texts, embed: embed)
        let pooled = dropout(vectors.pooled(pooling, lengths: lengths))
        guard let hidden else { return pooled }
        return dropout(hidden(pooled))
    }
}
