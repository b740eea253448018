import TagKitNN
import TagKitTensor

/// A text classifier: word vectors → a text vector (bag of embeddings, Kim CNN or bidirectional
/// RNN, see `TextClassifierConfiguration`) → `softmax(W s + b)` over the labels.
///
/// - Input: texts as word ids (`EncodedText`). Output: logits `[texts, labels]`.
/// - Parameters, in order: `embedding.weight` `[words, d]` (trainable unless `static`), for
///   `multichannel` also `embedding_static.weight` (frozen); the encoder's; `output.weight`
///   `[labels, s]` and `output.bias`.
/// - Initialisation: embeddings from the given table (pretrained rows, `U(−0.25, 0.25)` for the
///   rest, `<pad>` zero), the encoder as its layers document, the output layer Glorot-uniform, or
///   zero for `cnn` as Kim's code (the filters' random weights already break the symmetry).
public final class TextClassifier: TrainableModel {
    public let configuration: TextClassifierConfiguration
    public let vocabularies: TextClassifierVocabularies
    /// The word vectors: one table, or for `multichannel` the tuned one then the frozen one.
    let embeddings: [Embedding]
    let encoder: any TextEncoder
    let output: Dense

    /// A fresh model; `table` `[vocabularies.words.count, d]` holds the initial word vectors
    /// (`TextClassifier.initialTable`). The same seed gives the same model, bit for bit.
    public init(configuration: TextClassifierConfiguration, vocabularies: TextClassifierVocabularies,
                table: Tensor, seed: UInt64) {
        precondition(table.rank == 2 && table.shape[0] == vocabularies.words.count,
                     "embedding table of shape \(table.shape) for \(vocabularies.words.count) words")
        precondition(vocabularies.labels.count >= 1, "a classifier needs at least one label")
        var configuration = configuration
        configuration.dropoutScaling = configuration.dropoutScaling ?? (configuration.modelType == .cnn ? .atInference : .inverted)
        self.configuration = configuration
        self.vocabularies = vocabularies
        var generator = SeededGenerator(seed: seed)
        switch configuration.embeddingMode {
        case .rand, .nonStatic:
            embeddings = [Embedding(name: "embedding", weights: table, trainable: true)]
        case .static:
            embeddings = [Embedding(name: "embedding", weights: table, trainable: false)]
        case .multichannel:
            embeddings = [Embedding(name: "embedding", weights: table, trainable: true),
                          Embedding(name: "embedding_static", weights: table, trainable: false)]
        }
        let inputSize = embeddings.count * table.shape[1]
        let dropout = Dropout(rate: configuration.dropout, seed: seed ^ 0x6472_6F70_6F75_7421,
                              scaling: configuration.dropoutScaling == .atInference ? .atInference : .inverted)
        switch configuration.modelType {
        case .bag:
            encoder = BagOfEmbeddingsEncoder(inputSize: inputSize, pooling: configuration.pooling,
                                             hiddenSize: configuration.hiddenSize, dropout: dropout, generator: &generator)
        case .cnn:
            encoder = KimCNNEncoder(inputSize: inputSize, widths: configuration.widths,
                                    filterCount: configuration.filterCount, dropout: dropout, generator: &generator)
        case .rnn:
            encoder = RecurrentTextEncoder(inputSize: inputSize, cell: configuration.recurrentCell,
                                           hiddenSize: configuration.recurrentHiddenSize,
                                           pooling: configuration.recurrentPooling, dropout: dropout, generator: &generator)
        }
        let labelCount = vocabularies.labels.count
        output = configuration.modelType == .cnn
            ? Dense(name: "output", weight: .zeros([labelCount, encoder.outputSize]), bias: .zeros([labelCount]))
            : Dense(name: "output", inputSize: encoder.outputSize, outputSize: labelCount, generator: &generator)
    }

    /// The word-vector size of one channel.
    public var embeddingDimension: Int { embeddings[0].dimension }

    public var parameters: [Parameter] {
        embeddings.flatMap(\.parameters) + encoder.parameters + output.parameters
    }

    /// The logits `[texts.count, labels]` on `tape` (dropout on when the tape trains).
    public func logits(_ texts: [[Int]], on tape: Tape) -> Variable {
        let vectors = encoder.encode(texts) { ids in
            let channels = embeddings.map { $0(ids, on: tape) }
            return channels.count == 1 ? channels[0] : concatenate(channels)
        }
        return output(vectors)
    }

    /// The mean cross-entropy of the batch's labels (examples with label -1 are skipped).
    public func loss(_ batch: [EncodedText], on tape: Tape) -> Variable {
        crossEntropy(logits: logits(batch.map(\.words), on: tape), labels: batch.map(\.label))
    }

    public func tokenCount(_ example: EncodedText) -> Int { example.words.count }

    /// Kim's max-norm constraint: every row of the output weights rescaled to an L2 norm of at most
    /// `maximumOutputRowNorm`.
    public func didUpdateParameters() {
        let limit = configuration.maximumOutputRowNorm
        guard limit > 0 else { return }
        let (rows, columns) = (output.weight.value.rowCount, output.weight.value.columnCount)
        output.weight.value.withUnsafeMutableBufferPointer { w in
            for row in 0..<rows {
                let start = w.baseAddress! + row * columns
                let norm = VectorMath.dot(start, start, count: columns).squareRoot()
                guard norm > limit else { continue }
                let scale = limit / norm
                for j in 0..<columns { start[j] *= scale }
            }
        }
    }
}
