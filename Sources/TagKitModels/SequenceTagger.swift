import TagKitEmbeddings
import TagKitNN
import TagKitTensor

/// A neural sequence tagger: word embeddings and character features → a bidirectional recurrent
/// encoder → dropout → one linear head per label column → a CRF (or a softmax) per head.
///
/// For a batch of `B` sentences of lengths `L_b` (padded to `T`):
/// - words: `Embedding` → `[B·T, d_w]`;
/// - characters (optional): `Embedding` of each word's characters, then a `Conv1d` of `size` filters of
///   width `width` max-pooled over the word and squashed by tanh, or a character BiLSTM whose two final
///   states are concatenated → `[B·T, d_c]`;
/// - `x = dropout([words; characters])`, reshaped `[B, T, d_w + d_c]`;
/// - `h = dropout(encoder(x))` with a stack of bidirectional LSTM/GRU/RNN layers → `[B, T, 2H]`;
/// - emissions per head `c`: `E_c = h W_cᵀ + b_c` → `[B, T, K_c]`;
/// - loss: `Σ_c mean_b NLL_CRF(E_c, y_c)` (CRF) or `Σ_c (1/B) Σ_{b,t<L_b} −log softmax(E_c)[y]` (softmax).
///
/// Every part is built from its own section of `TaggerConfiguration`; parameter names are stable
/// (`words.weight`, `chars.weight`, `charcnn.3.weight`, `encoder.0.forward.…`, `head0.weight`, `crf0.…`) so
/// model files map them back by name.
public final class SequenceTagger: TrainableModel {
    public typealias Example = EncodedSentence

    public let configuration: TaggerConfiguration
    public let vocabularies: TaggerVocabularies
    let words: Embedding
    let characters: Embedding?
    let characterCNN: Conv1d?
    let characterLSTM: Bidirectional<LSTM>?
    let encoder: RecurrentStack
    let inputDropout: Dropout
    let outputDropout: Dropout
    let heads: [Dense]
    let crfs: [CRF]

    /// A freshly initialised tagger. `pretrained` vectors initialise the rows of words they hold
    /// (found through the exact → lowercase → digits→0 chain); the other rows are `U(±√(3/d))`
    /// and `<pad>` is zero. The same `seed` gives the same parameters.
    public convenience init(configuration: TaggerConfiguration, vocabularies: TaggerVocabularies,
                            pretrained: WordVectors? = nil, seed: UInt64) {
        self.init(configuration: configuration, vocabularies: vocabularies, pretrained: pretrained, wordTable: nil, seed: seed)
    }

    /// A tagger whose word table is `wordTable` when given (a model file's, so loading never builds a
    /// random table of the same size first); the other parameters are initialised from `seed`.
    init(configuration: TaggerConfiguration, vocabularies: TaggerVocabularies,
         pretrained: WordVectors?, wordTable: Tensor?, seed: UInt64) {
        var configuration = configuration
        if let pretrained { configuration.words.dimension = pretrained.dimension }
        self.configuration = configuration
        self.vocabularies = vocabularies
        var generator = SeededGenerator(seed: seed)
        let wordDimension = configuration.words.dimension
        var table = wordTable ?? Tensor.uniform([vocabularies.words.count, wordDimension],
                                                lower: -(3 / Float(wordDimension)).squareRoot(),
                                                upper: (3 / Float(wordDimension)).squareRoot(), using: &generator)
        if wordTable == nil, let pretrained {
            table.withUnsafeMutableBufferPointer { rows in
                for (id, word) in vocabularies.words.entries.enumerated().dropFirst(2) {
                    guard let match = pretrained.find(word) else { continue }
                    for (j, value) in pretrained.vector(at: match.row).enumerated() { rows[id * wordDimension + j] = value }
                }
            }
        }
        if wordTable == nil { table.withUnsafeMutableBufferPointer { rows in for j in 0..<wordDimension { rows[j] = 0 } } }
        words = Embedding(name: "words", weights: table, trainable: pretrained == nil || configuration.words.fineTune)

        let features = configuration.characters
        var characterSize = 0
        if features.kind != .none {
            characters = Embedding(name: "chars", rowCount: vocabularies.characters.count, dimension: features.dimension,
                                   generator: &generator)
        } else {
            characters = nil
        }
        switch features.kind {
        case .cnn:
            characterCNN = Conv1d(name: "charcnn", inputSize: features.dimension, filters: features.size,
                                  widths: [features.width], activation: .identity, generator: &generator)
            characterLSTM = nil
            characterSize = features.size
        case .lstm:
            characterCNN = nil
            characterLSTM = Bidirectional<LSTM>(name: "charlstm", inputSize: features.dimension, hiddenSize: features.size,
                                                generator: &generator)
            characterSize = 2 * features.size
        case .none:
            characterCNN = nil
            characterLSTM = nil
        }

        let inputSize = wordDimension + characterSize
        let hidden = configuration.encoder.hidden
        let layerDropout = Dropout(rate: configuration.dropout, seed: seed &+ 3)
        switch configuration.encoder.cell {
        case .lstm:
            encoder = .bidirectional(LSTM.self, inputSize: inputSize, hiddenSize: hidden,
                                     layerCount: configuration.encoder.layers, dropout: layerDropout, generator: &generator)
        case .gru:
            encoder = .bidirectional(GRU.self, inputSize: inputSize, hiddenSize: hidden,
                                     layerCount: configuration.encoder.layers, dropout: layerDropout, generator: &generator)
        case .rnn:
            encoder = .bidirectional(RNN.self, inputSize: inputSize, hiddenSize: hidden,
                                     layerCount: configuration.encoder.layers, dropout: layerDropout, generator: &generator)
        }
        inputDropout = Dropout(rate: configuration.dropout, seed: seed &+ 1)
        outputDropout = Dropout(rate: configuration.dropout, seed: seed &+ 2)
        heads = vocabularies.labels.enumerated().map { index, labels in
            Dense(name: "head\(index)", inputSize: 2 * hidden, outputSize: labels.count, generator: &generator)
        }
        crfs = configuration.output == .crf
            ? vocabularies.labels.enumerated().map { index, labels in CRF(name: "crf\(index)", tagCount: labels.count, generator: &generator) }
            : []
    }

    public var parameters: [Parameter] {
        var all = words.parameters
        if let characters { all += characters.parameters }
        if let characterCNN { all += characterCNN.parameters }
        if let characterLSTM { all += characterLSTM.parameters }
        all += encoder.parameters
        for head in heads { all += head.parameters }
        for crf in crfs { all += crf.parameters }
        return all
    }

    public func tokenCount(_ example: EncodedSentence) -> Int { example.count }

    /// The emissions of every head, `[B, T, K_c]`, on `tape`.
    func emissions(_ batch: [EncodedSentence], on tape: Tape) -> [Variable] {
        let lengths = batch.map(\.count)
        let time = max(1, lengths.max() ?? 1)
        var wordIDs = [Int](repeating: 0, count: batch.count * time)
        for (b, sentence) in batch.enumerated() {
            for (t, id) in sentence.words.enumerated() { wordIDs[b * time + t] = id }
        }
        var input = words(wordIDs, on: tape)
        if let characters {
            let characterFeatures = characterFeatures(batch, time: time, embedding: characters, on: tape)
            input = concatenate([input, characterFeatures])
        }
        input = inputDropout(input).reshaped([batch.count, time, input.shape[1]])
        let encoded = outputDropout(encoder.encode(input, lengths: lengths))
        let flat = encoded.reshaped([batch.count * time, encoded.shape[2]])
        return heads.map { head in
            let scores = head(flat)
            return scores.reshaped([batch.count, time, scores.shape[1]])
        }
    }

    /// Character features of every position (zeros at padding), `[B·T, d_c]`.
    ///
    /// Computed once per distinct word of the batch (row 0 is the empty word, whose features are
    /// zero, for padding) and gathered to the positions: a batch repeats most of its words, and
    /// padding every position to the longest word would cost memory in proportion to
    /// positions × longest word.
    private func characterFeatures(_ batch: [EncodedSentence], time: Int, embedding: Embedding, on tape: Tape) -> Variable {
        var distinct: [[Int]: Int] = [[]: 0]
        var words: [[Int]] = [[]]
        var rowOfPosition = [Int](repeating: 0, count: batch.count * time)
        for (b, sentence) in batch.enumerated() {
            for (t, characters) in sentence.characters.enumerated() {
                if let row = distinct[characters] {
                    rowOfPosition[b * time + t] = row
                } else {
                    distinct[characters] = words.count
                    rowOfPosition[b * time + t] = words.count
                    words.append(characters)
                }
            }
        }
        return characterFeatures(of: words, embedding: embedding, on: tape).gatherRows(rowOfPosition)
    }

    /// The character features of each of `words` (character ids; an empty word gets zeros), `[words.count, d_c]`.
    func characterFeatures(of words: [[Int]], embedding: Embedding, on tape: Tape) -> Variable {
        let wordLengths = words.map(\.count)
        let width = max(1, wordLengths.max() ?? 1)
        var ids = [Int](repeating: 0, count: words.count * width)
        for (w, characters) in words.enumerated() {
            for (c, id) in characters.enumerated() { ids[w * width + c] = id }
        }
        let embedded = embedding(ids, on: tape).reshaped([words.count, width, embedding.dimension])
        if let characterCNN {
            return characterCNN(embedded, lengths: wordLengths).tanh()
        }
        return concatenate(characterLSTM!(embedded, lengths: wordLengths).finalHidden)
    }

    /// The batch's loss: the sum over heads of the mean sentence NLL (CRF) or of the summed token
    /// cross-entropy divided by the number of sentences (softmax).
    public func loss(_ batch: [EncodedSentence], on tape: Tape) -> Variable {
        let lengths = batch.map(\.count)
        let scores = emissions(batch, on: tape)
        let time = scores[0].shape[1]
        var total: Variable?
        for (head, emission) in scores.enumerated() {
            var gold = [Int](repeating: -1, count: batch.count * time)
            for (b, sentence) in batch.enumerated() {
                for (t, label) in sentence.labels[head].enumerated() { gold[b * time + t] = label }
            }
            let headLoss: Variable
            if crfs.isEmpty {
                let flat = emission.reshaped([batch.count * time, emission.shape[2]])
                let tokens = Float(lengths.reduce(0, +))
                headLoss = (tokens / Float(batch.count)) * crossEntropy(logits: flat, labels: gold)
            } else {
                let padded = gold.map { max($0, 0) }
                headLoss = crfs[head].negativeLogLikelihood(emission, tags: padded, lengths: lengths).mean()
            }
            total = total.map { $0 + headLoss } ?? headLoss
        }
        return total!
    }

    /// The predicted label ids of each sentence, `[sentence][head][word]` (Viterbi for a CRF head,
    /// the argmax per word for a softmax head). Dropout is off.
    public func predict(_ batch: [EncodedSentence]) -> [[[Int]]] {
        guard !batch.isEmpty else { return [] }
        let scores = inferenceEmissions(batch) ?? emissions(batch, on: Tape(training: false)).map(\.value)
        return labelIDs(scores, lengths: batch.map(\.count))
    }

    /// The label ids `[sentence][head][word]` that the emissions of every head `[B, T, K_c]` give
    /// sentences of `lengths`: Viterbi for a CRF head, the argmax per word for a softmax head.
    func labelIDs(_ scores: [Tensor], lengths: [Int]) -> [[[Int]]] {
        var result = lengths.map { _ in [[Int]]() }
        for (head, values) in scores.enumerated() {
            if crfs.isEmpty {
                let (time, tags) = (values.shape[1], values.shape[2])
                values.withUnsafeBufferPointer { e in
                    for (b, length) in lengths.enumerated() {
                        result[b].append((0..<length).map { t in
                            let row = (b * time + t) * tags
                            var best = 0
                            for k in 1..<tags where e[row + k] > e[row + best] { best = k }
                            return best
                        })
                    }
                }
            } else {
                for (b, path) in crfs[head].decode(values, lengths: lengths).enumerated() { result[b].append(path.tags) }
            }
        }
        return result
    }
}
