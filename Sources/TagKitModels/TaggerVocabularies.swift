import TagKitEmbeddings
import TagKitText

/// A sentence as the tagger's layers take it: integer ids only.
public struct EncodedSentence: Equatable, Sendable {
    /// Word ids, one per word (`<unk>` = 1 for words the vocabulary lacks).
    public var words: [Int]
    /// Character ids of each word (`<unk>` = 1 for unseen characters).
    public var characters: [[Int]]
    /// Label ids per head and word; empty when the sentence is unlabelled.
    public var labels: [[Int]]

    /// The number of words.
    public var count: Int { words.count }
}

/// The frozen vocabularies of a tagger: words, characters and one label set per head.
public struct TaggerVocabularies: Codable, Equatable, Sendable {
    public var words: Vocabulary
    public var characters: Vocabulary
    /// One label vocabulary per predicted column (no reserved entries; NER puts `O` first).
    public var labels: [Vocabulary]

    public init(words: Vocabulary, characters: Vocabulary, labels: [Vocabulary]) {
        self.words = words
        self.characters = characters
        self.labels = labels
    }

    /// Vocabularies built from training sentences: words seen at least `minimumCount` times (most
    /// frequent first) followed by `extraWords` (e.g. the words that have pretrained vectors),
    /// every character of the kept training words, and every label seen.
    public init(training: [TaggedWords], minimumCount: Int = 1, extraWords: some Sequence<String> = [String]()) {
        let trainingWords = Vocabulary(counting: training.lazy.flatMap(\.words), minimumCount: minimumCount, reserved: .none)
        words = Vocabulary(trainingWords.entries + extraWords, reserved: .padAndUnknown)
        // First-seen order, never a Set's: strings that are canonically equivalent (a precomposed and a
        // decomposed "é") are equal to Swift, and which one a Set keeps depends on its random seed.
        let characterOrder = Vocabulary(trainingWords.entries.lazy.flatMap { $0.map(String.init) }, reserved: .none)
        characters = Vocabulary(characterOrder.entries, reserved: .padAndUnknown)
        let heads = training.first?.labels.count ?? 0
        labels = (0..<heads).map { head in
            let seen = Vocabulary(training.lazy.flatMap { $0.labels[head] }, reserved: .none).entries
            let ordered = seen.contains("O") ? ["O"] + seen.filter { $0 != "O" }.sorted() : seen.sorted()
            return Vocabulary(ordered, reserved: .none)
        }
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

    /// The word and character ids of `words` (no labels).
    public func encode(words: [String]) -> EncodedSentence {
        EncodedSentence(words: words.map(wordID),
                        characters: words.map { word in word.map { characters.id(String($0)) } },
                        labels: [])
    }

    /// The word and character ids of each sentence of `sentences` (no labels), as `encode(words:)`
    /// gives them; each distinct word is looked up once.
    public func encode(sentences: some Sequence<[String]>) -> [EncodedSentence] {
        let forms = wordForms(of: sentences)
        return forms.sentences.indices.map(forms.encoded)
    }

    /// Encodes `tagged` with its labels; a label the vocabulary lacks is an error naming `file` and
    /// the word's line (`lines[i]`).
    public func encode(_ tagged: TaggedWords, file: String = "<input>", lines: [Int] = []) throws -> EncodedSentence {
        precondition(tagged.labels.count == labels.count, "one label column per head")
        var encoded = encode(words: tagged.words)
        encoded.labels = try zip(tagged.labels, labels).map { column, vocabulary in
            try column.enumerated().map { index, label in
                guard let id = vocabulary.id(exactly: label) else {
                    throw InputError(file: file, line: index < lines.count ? lines[index] : nil,
                                     expected: "a label seen in training (\(Self.sample(vocabulary.entries)))",
                                     found: InputError.excerpt(label))
                }
                return id
            }
        }
        return encoded
    }

    private static func sample(_ entries: [String]) -> String {
        entries.count <= 8 ? entries.joined(separator: ", ") : entries.prefix(8).joined(separator: ", ") + ", …"
    }
}
