import TagKitNN

/// The architecture of a `TextClassifier`, stored in its model file.
///
/// Every model reads a text as word vectors `x_1 … x_T` (from one or two embedding tables) and turns
/// them into one vector `s`, then `p = softmax(W s + b)`:
/// - `bag`: `s` = coordinate-wise sum, mean or max of the `x_t`, optionally followed by one ReLU
///   hidden layer (the lecture's base scheme);
/// - `cnn`: Kim (2014): filters of each width in `widths` × `filterCount`, ReLU, max over positions,
///   concatenated;
/// - `rnn`: a bidirectional LSTM or GRU; `s` is both directions' last state or the max over positions.
/// Dropout (rate `dropout`) applies to `s` (and to the hidden layer's output).
public struct TextClassifierConfiguration: Codable, Equatable, Sendable {
    public enum ModelType: String, Codable, CaseIterable, Sendable { case bag, cnn, rnn }

    /// Where the word vectors come from and whether training changes them (Kim's four variants).
    public enum EmbeddingMode: String, Codable, CaseIterable, Sendable {
        /// Random `U(−0.25, 0.25)` vectors, trained.
        case rand
        /// Pretrained vectors, frozen.
        case `static`
        /// Pretrained vectors, fine-tuned.
        case nonStatic = "non-static"
        /// Two channels, one frozen and one fine-tuned, both from the pretrained vectors; their
        /// vectors are concatenated, so each filter (or the pooled vector) sees both.
        case multichannel

        /// Whether the mode needs a pretrained vector file.
        public var needsPretrainedVectors: Bool { self != .rand }
    }

    /// How a text line becomes words.
    public enum Tokenization: String, Codable, CaseIterable, Sendable {
        /// TagKit's rule-based English tokenizer.
        case tagkit
        /// Split on single spaces (files that are already tokenized, like the shared MR and TREC).
        case whitespace
    }

    /// How the recurrent encoder's states become one vector.
    public enum RecurrentPooling: String, Codable, CaseIterable, Sendable {
        /// Each direction's state after its last token, concatenated (`[h→_T; h←_1]`).
        case last
        /// The coordinate-wise max of the outputs over positions.
        case max
    }

    public enum RecurrentCellKind: String, Codable, CaseIterable, Sendable { case lstm, gru }

    /// Where dropout's factor that keeps expectations equal between training and inference goes.
    public enum DropoutScaling: String, Codable, CaseIterable, Sendable {
        /// Kept features × `1 / (1 − p)` in training; inference is the identity.
        case inverted
        /// Kim's code: kept features unscaled in training; inference multiplies every feature by `1 − p`.
        case atInference = "at-inference"
    }

    public var modelType: ModelType = .cnn
    public var embeddingMode: EmbeddingMode = .rand
    /// The vector size for `rand` (pretrained modes take the file's dimension).
    public var embeddingDimension: Int = 300
    public var tokenization: Tokenization = .tagkit
    /// Bag of embeddings: the pooling of the word vectors.
    public var pooling: SequencePooling = .mean
    /// Bag of embeddings: size of the ReLU hidden layer after pooling; 0 for none.
    public var hiddenSize: Int = 0
    /// CNN: the filter widths (n-gram sizes).
    public var widths: [Int] = [3, 4, 5]
    /// CNN: filters per width.
    public var filterCount: Int = 100
    /// RNN: the cell of both directions.
    public var recurrentCell: RecurrentCellKind = .lstm
    /// RNN: hidden size per direction.
    public var recurrentHiddenSize: Int = 100
    public var recurrentPooling: RecurrentPooling = .max
    /// Dropout rate on the text vector, in [0, 1).
    public var dropout: Float = 0.5
    /// The dropout's scaling. `nil` asks a new model for its type's own: `atInference` for `cnn`
    /// (as Kim's code, so `maximumOutputRowNorm` bounds the same weights as his), `inverted` for the
    /// others; the model records the one it used. A file without it predates the choice, when every
    /// model used `inverted`, and loads that way (`TextClassifier.load`).
    public var dropoutScaling: DropoutScaling?
    /// Kim's constraint: after each update every row of the output weight matrix is rescaled to an L2
    /// norm of at most this; 0 turns it off.
    public var maximumOutputRowNorm: Float = 3

    public init() {}

    /// A one-line description such as `cnn (widths 3,4,5 × 100), non-static 50d, dropout 0.5`.
    public func summary(dimension: Int) -> String {
        let shape = switch modelType {
        case .bag: "bag (\(pooling.rawValue)\(hiddenSize > 0 ? ", hidden \(hiddenSize)" : ""))"
        case .cnn: "cnn (widths \(widths.map(String.init).joined(separator: ",")) × \(filterCount))"
        case .rnn: "rnn (bi-\(recurrentCell.rawValue) \(recurrentHiddenSize), \(recurrentPooling.rawValue))"
        }
        return "\(shape), \(embeddingMode.rawValue) \(dimension)d, dropout \(dropout)"
    }
}
