import TagKitEmbeddings
import TagKitText

/// The frozen vocabularies of a `TextClassifier`: words (`<pad>` = 0, `<unk>` = 1) and labels.
public struct TextClassifierVocabularies: Codable, Equatable, Sendable {
    public var words: Vocabulary
    /// Labels in sorted order; a label's id is its output row.
    public var labels: Vocabulary

    public init(words: Vocabulary, labels: Vocabulary) {
        self.words = words
        self.labels = labels
    }

    /// Words of `training` (most frequent first), then `extraWords` not already held; the labels seen
    /// in `training`, sorted.
    public init(training: [TokenizedExample], extraWords: some Sequence<String> = [String]()) {
        let trainingWords = Vocabulary(counting: training.lazy.flatMap(\.words), reserved: .none)
        words = Vocabulary(trainingWords.entries + extraWords, reserved: .padAndUnknown)
        labels = Vocabulary(Vocabulary(training.map(\.label), reserved: .none).entries.sorted(), reserved: .none)
    }

    /// The id of `word` through the fallback chain of `VectorLookupStep` (exact, lowercased,
    /// digits → 0, both), else `<unk>` (1).
    public func wordID(_ word: String) -> Int {
        if let id = words.id(exactly: word) { return id }
        for (form, _) in VectorLookupStep.forms(of: word).dropFirst() {
            if let id = words.id(exactly: form) { return id }
        }
        return 1
    }
}
