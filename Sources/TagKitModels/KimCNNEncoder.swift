import TagKitNN
import TagKitTensor

/// Kim's (2014) sentence CNN: for each width `k` in `widths`, `filterCount` filters over the windows
/// of `k` consecutive word vectors, ReLU, the max over positions; the maxima of all widths
/// concatenated, then dropout.
///
/// - Input: word vectors of size `inputSize`. Output: `[texts, widths.count · filterCount]`.
/// - Parameters: `Conv1d`'s `conv.k.weight` `[filterCount, k · inputSize]` and `conv.k.bias`,
///   initialised as Kim's code does for ReLU filters: weights `U(±0.01)`, biases 0.
/// - Dropout as the model's configuration records it; new models use Kim's (`Dropout.Scaling.atInference`):
///   in training each feature is kept unscaled or zeroed with probability `p`; in inference every
///   feature is multiplied by `1 − p`. The output layer's weights, and so the max-norm limit on them,
///   are then in Kim's units: with inverted dropout a limit `s` would act as Kim's `s / (1 − p)`.
/// - Windows are centred ("same" padding: zeros beyond a text's ends, one window per word), where
///   Kim pads `max(widths) − 1` zero vectors on each side; a one-word text still gets every filter.
final class KimCNNEncoder: TextEncoder {
    let convolution: Conv1d
    let dropout: Dropout

    init(inputSize: Int, widths: [Int], filterCount: Int, dropout: Dropout, generator: inout SeededGenerator) {
        convolution = Conv1d(name: "conv", inputSize: inputSize, filters: filterCount, widths: widths,
                             activation: .relu, initialBound: 0.01, generator: &generator)
        self.dropout = dropout
    }

    var outputSize: Int { convolution.widths.count * convolution.weights[0].value.shape[0] }
    var parameters: [Parameter] { convolution.parameters }

    func encode(_ texts: [[Int]], embed: ([Int]) -> Variable) -> Variable {
        let (vectors, lengths) = paddedVectors(texts, embed: embed)
        return dropout(convolution(vectors, lengths: lengths))
    }
}
