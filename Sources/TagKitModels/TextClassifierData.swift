import TagKitTensor
import TagKitText

/// A labelled text split into words.
public struct TokenizedExample: Equatable, Sendable {
    public var words: [String]
    public var label: String
    /// 1-based line in the input file.
    public var line: Int

    public init(words: [String], label: String, line: Int) {
        self.words = words
        self.label = label
        self.line = line
    }
}

/// A text as the classifier's layers take it.
public struct EncodedText: Equatable, Sendable {
    /// Word ids (`<unk>` = 1 for words the vocabulary lacks).
    public var words: [Int]
    /// The label id, or -1 for a label the model never saw (or no label).
    public var label: Int

    public init(words: [Int], label: Int) {
        self.words = words
        self.label = label
    }
}

extension TextClassifierConfiguration.Tokenization {
    /// The words of `text`.
    public func words(in text: String) -> [String] {
        switch self {
        case .tagkit: Tokenizer(language: .english).tokens(in: text).map(\.text)
        case .whitespace: text.split(separator: " ").map(String.init)
        }
    }
}

extension TokenizedExample {
    /// Reads a `label<TAB>text` file (any label and text columns, see `LabeledTextReader`) and
    /// tokenizes every text. Errors name file and line.
    public static func read(path: String, reader: LabeledTextReader,
                            tokenization: TextClassifierConfiguration.Tokenization) throws -> [TokenizedExample] {
        try read(lines: LineReader(path: path), reader: reader, tokenization: tokenization)
    }

    /// Reads and tokenizes the remaining examples of `lines` as `read(path:reader:tokenization:)` does.
    public static func read(lines: LineReader, reader: LabeledTextReader,
                            tokenization: TextClassifierConfiguration.Tokenization) throws -> [TokenizedExample] {
        try reader.read(lines: lines).map { example in
            let words = tokenization.words(in: example.text)
            guard !words.isEmpty else {
                throw InputError(file: lines.name, line: example.line, expected: "a text with at least one word",
                                 found: InputError.excerpt(example.text))
            }
            return TokenizedExample(words: words, label: example.label, line: example.line)
        }
    }

    /// Splits `examples` into a training part and a held-out part of `round(fraction · count)` examples
    /// (at least one when there are two or more), chosen by a seeded permutation; both keep input order.
    public static func holdOut(_ fraction: Double, of examples: [TokenizedExample], seed: UInt64)
        -> (training: [TokenizedExample], heldOut: [TokenizedExample])
    {
        guard examples.count >= 2 else { return (examples, []) }
        var generator = SeededGenerator(seed: seed ^ 0x686F_6C64_6F75_7421)
        let count = min(examples.count - 1, max(1, Int((fraction * Double(examples.count)).rounded())))
        let chosen = Set(generator.permutation(examples.count).prefix(count))
        let training = examples.indices.filter { !chosen.contains($0) }.map { examples[$0] }
        let heldOut = examples.indices.filter { chosen.contains($0) }.map { examples[$0] }
        return (training, heldOut)
    }
}

extension TextClassifierVocabularies {
    /// The ids of `example`'s words and label (-1 for a label not in the vocabulary).
    public func encode(_ example: TokenizedExample) -> EncodedText {
        EncodedText(words: example.words.map(wordID), label: labels.id(exactly: example.label) ?? -1)
    }
}
