import Testing
import TagKitNN
import TagKitTensor
import TagKitText
@testable import TagKitModels

@Suite struct TaggerInferenceTests {
    private let texts = [
        ["Ada", "Lovelace", "met", "Charles", "Babbage", "in", "London", "."],
        ["Hello"],
        [],
        ["the", "the", "Zanzibar", "the", "Ada", "supercalifragilisticexpialidocious", "."],
    ]

    private func tagger(characters: TaggerConfiguration.CharacterFeatures.Kind, cell: TaggerConfiguration.Encoder.Cell = .lstm,
                        layers: Int = 2) -> SequenceTagger {
        let training = texts.dropLast().map { words in
            TaggedWords(words: words, labels: [words.map { $0.first!.isUppercase ? "B-PER" : "O" }], wordLines: Array(words.indices))
        }
        var configuration = TaggerConfiguration(format: .conll, task: .ner, columns: .entities(format: .conll, columnCount: 2))
        configuration.words.dimension = 6
        configuration.characters.kind = characters
        configuration.characters.dimension = 5
        configuration.characters.size = 4
        configuration.encoder.hidden = 7
        configuration.encoder.cell = cell
        configuration.encoder.layers = layers
        return SequenceTagger(configuration: configuration, vocabularies: TaggerVocabularies(training: training), seed: 3)
    }

    /// The tape-free path computes the same emissions as the tape (to float rounding), with every kind
    /// of character features, two layers, repeated and unknown words and an empty sentence.
    @Test(arguments: [TaggerConfiguration.CharacterFeatures.Kind.cnn, .lstm, .none])
    func inferenceEmissionsMatchTheTape(characters: TaggerConfiguration.CharacterFeatures.Kind) throws {
        let tagger = tagger(characters: characters)
        let batch = tagger.vocabularies.encode(sentences: texts)
        let fast = try #require(tagger.inferenceEmissions(batch))
        let taped = tagger.emissions(batch, on: Tape(training: false)).map(\.value)
        #expect(fast.map(\.shape) == taped.map(\.shape))
        for (a, b) in zip(fast, taped) {
            let difference = zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
            #expect(difference < 1e-5)
        }
    }

    /// Many distinct words of up to 80 characters: the character features are computed in several
    /// groups (by word count and by padded characters), and every word still gets its own features.
    @Test func characterGroupsOfLongWordsMatchTheTape() throws {
        let tagger = tagger(characters: .cnn, layers: 1)
        let words = (0..<600).map { "w\($0)" + String(repeating: "é", count: ($0 * 37) % 80) }
        let batch = tagger.vocabularies.encode(sentences: [Array(words[..<300]), Array(words[300...])])
        let fast = try #require(tagger.inferenceEmissions(batch))
        let taped = tagger.emissions(batch, on: Tape(training: false)).map(\.value)
        let difference = zip(fast[0].scalars, taped[0].scalars).map { abs($0 - $1) }.max() ?? 0
        #expect(fast[0].shape == taped[0].shape)
        #expect(difference < 1e-5)
    }

    /// Batches drawn from one `WordForms` (each form's input computed once for all of them, rows found
    /// by form) give the tape's emissions, batch by batch, with forms shared across batches.
    @Test(arguments: [TaggerConfiguration.CharacterFeatures.Kind.cnn, .lstm, .none])
    func formBatchesMatchTheTape(characters: TaggerConfiguration.CharacterFeatures.Kind) throws {
        let tagger = tagger(characters: characters)
        let forms = tagger.vocabularies.wordForms(of: texts + texts.reversed())
        #expect(forms.words.count < forms.sentences.joined().count)
        var inference = try #require(FormInference(tagger, forms: forms))
        for batch in [[0, 1, 2, 3], [7, 4], [2], [5, 0]] {
            let fast = inference.emissions(batch)
            let taped = tagger.emissions(batch.map(forms.encoded), on: Tape(training: false)).map(\.value)
            #expect(fast.map(\.shape) == taped.map(\.shape))
            for (a, b) in zip(fast, taped) {
                let difference = zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
                #expect(difference < 1e-5)
            }
        }
    }

    /// A GRU encoder has no tape-free path; its labels come from the tape, as `predict` gives them.
    @Test func otherEncodersUseTheTape() {
        let tagger = tagger(characters: .cnn, cell: .gru, layers: 1)
        #expect(tagger.inferenceEmissions(tagger.vocabularies.encode(sentences: texts)) == nil)
        #expect(FormInference(tagger, forms: tagger.vocabularies.wordForms(of: texts)) == nil)
        let sentences = texts.map { TaggedWords(words: $0, labels: [], wordLines: Array($0.indices)) }
        let expected = tagger.predict(tagger.vocabularies.encode(sentences: texts)).map { heads in
            heads.enumerated().map { head, ids in ids.map { tagger.vocabularies.labels[head][$0] } }
        }
        #expect(tagger.labels(for: sentences) == expected)
    }

    @Test func encodingSentencesAtOnceEqualsOneByOne() {
        let vocabularies = tagger(characters: .cnn).vocabularies
        #expect(vocabularies.encode(sentences: texts) == texts.map { vocabularies.encode(words: $0) })
    }

    /// A sentence longer than a batch's position budget is tagged in a batch of its own, and the labels
    /// are those each sentence gets alone.
    @Test func longSentencesGetSmallerBatches() {
        let tagger = tagger(characters: .cnn, layers: 1)
        let long = (0..<(SequenceTagger.maximumBatchPositions / 2 + 1)).map { texts[0][$0 % texts[0].count] }
        let sentences = (texts + [long, long]).map { TaggedWords(words: $0, labels: [], wordLines: Array($0.indices)) }
        let together = tagger.labels(for: sentences)
        #expect(together == sentences.map { tagger.labels(for: [$0])[0] })
        #expect(together.map { $0[0].count } == sentences.map(\.words.count))
    }
}
