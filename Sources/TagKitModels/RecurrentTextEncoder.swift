import TagKitNN
import TagKitTensor

/// A bidirectional LSTM or GRU compressing a text into one vector (the lecture's `h_T`): both
/// directions' final states `[h→_T; h←_1]`, or the coordinate-wise max of the outputs over positions;
/// then dropout.
///
/// - Input: word vectors of size `inputSize`. Output: `[texts, 2 · hiddenSize]`.
/// - Parameters: `Bidirectional`'s `rnn.forward.*` and `rnn.backward.*`.
final class RecurrentTextEncoder: TextEncoder {
    private enum Network {
        case lstm(Bidirectional<LSTM>)
        case gru(Bidirectional<GRU>)
    }

    private let network: Network
    let pooling: TextClassifierConfiguration.RecurrentPooling
    let dropout: Dropout
    let outputSize: Int

    init(inputSize: Int, cell: TextClassifierConfiguration.RecurrentCellKind, hiddenSize: Int,
         pooling: TextClassifierConfiguration.RecurrentPooling, dropout: Dropout, generator: inout SeededGenerator) {
        switch cell {
        case .lstm: network = .lstm(Bidirectional<LSTM>(name: "rnn", inputSize: inputSize, hiddenSize: hiddenSize, generator: &generator))
        case .gru: network = .gru(Bidirectional<GRU>(name: "rnn", inputSize: inputSize, hiddenSize: hiddenSize, generator: &generator))
        }
        self.pooling = pooling
        self.dropout = dropout
        outputSize = 2 * hiddenSize
    }

    var parameters: [Parameter] {
        switch network {
        case .lstm(let layer): layer.parameters
        case .gru(let layer): layer.parameters
        }
    }

    func encode(_ texts: [[Int]], embed: ([Int]) -> Variable) -> Variable {
        let (vectors, lengths) = paddedVectors(texts, embed: embed)
        let (output, finalHidden) = switch network {
        case .lstm(let layer): { let r = layer(vectors, lengths: lengths); return (r.output, r.finalHidden) }()
        case .gru(let layer): { let r = layer(vectors, lengths: lengths); return (r.output, r.finalHidden) }()
        }
        switch pooling {
        case .last:
            return dropout(concatenate(finalHidden))
        case .max:
            return dropout(output.pooled(.max, lengths: lengths))
        }
    }
}
