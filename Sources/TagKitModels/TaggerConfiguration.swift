import TagKitText

/// Everything that defines a sequence tagger's architecture and data, as one `Codable` value stored
/// in the model file. Each layer is built from its own part only.
///
/// The defaults are the "R1" tagger (Ma & Hovy 2016 style) of the PyTorch peer: 50-d words,
/// a character CNN of 30 filters of width 3 over 25-d characters, one BiLSTM layer of 100 units per
/// direction, dropout 0.5, a CRF output layer.
public struct TaggerConfiguration: Codable, Equatable, Sendable {
    /// What the tagger predicts.
    public enum Task: String, Codable, CaseIterable, Sendable {
        /// Named entities: one tag column in a span scheme.
        case ner
        /// Morphology from CoNLL-U: UPOS and FEATS (and XPOS if asked), one head each.
        case morph
    }

    /// The input corpus format.
    public var format: CorpusFormat
    public var task: Task
    /// Which columns hold the words and the labels.
    public var columns: TaggingColumns
    /// NER only: the scheme tags are learned in (read and written as IOB2); `nil` learns the tags as read.
    public var trainingScheme: TagScheme?
    public var words: WordFeatures
    public var characters: CharacterFeatures
    public var encoder: Encoder
    /// Dropout rate before and after the encoder (inverted dropout, off at inference).
    public var dropout: Float
    public var output: Output

    /// Word embeddings.
    public struct WordFeatures: Codable, Equatable, Sendable {
        /// Embedding width.
        public var dimension: Int = 50
        /// Whether pretrained vectors are trained further (`false`: frozen).
        public var fineTune: Bool = true
        /// Words of the training data seen fewer times than this become `<unk>` (unless pretrained).
        public var minimumCount: Int = 1
        public init() {}
    }

    /// Character-level word features.
    public struct CharacterFeatures: Codable, Equatable, Sendable {
        public enum Kind: String, Codable, CaseIterable, Sendable { case cnn, lstm, none }
        public var kind: Kind = .cnn
        /// Character embedding width.
        public var dimension: Int = 25
        /// CNN: number of filters (the feature width); LSTM: hidden units per direction.
        public var size: Int = 30
        /// CNN filter width in characters.
        public var width: Int = 3
        public init() {}
    }

    /// The recurrent encoder over the words.
    public struct Encoder: Codable, Equatable, Sendable {
        public enum Cell: String, Codable, CaseIterable, Sendable { case lstm, gru, rnn }
        public var cell: Cell = .lstm
        /// Hidden units per direction.
        public var hidden: Int = 100
        /// Stacked bidirectional layers.
        public var layers: Int = 1
        public init() {}
    }

    /// The output layer.
    public enum Output: String, Codable, CaseIterable, Sendable {
        /// A linear-chain CRF over the emissions (Viterbi decoding).
        case crf
        /// An independent softmax per word.
        case softmax
    }

    public init(format: CorpusFormat, task: Task, columns: TaggingColumns, trainingScheme: TagScheme? = nil,
                words: WordFeatures = .init(), characters: CharacterFeatures = .init(), encoder: Encoder = .init(),
                dropout: Float = 0.5, output: Output = .crf) {
        self.format = format
        self.task = task
        self.columns = columns
        self.trainingScheme = trainingScheme
        self.words = words
        self.characters = characters
        self.encoder = encoder
        self.dropout = dropout
        self.output = output
    }
}
