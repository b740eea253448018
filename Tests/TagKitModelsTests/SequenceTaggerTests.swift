import Foundation
import Testing
import TagKitNN
import TagKitTestSupport
import TagKitText
@testable import TagKitModels

@Suite struct SequenceTaggerTests {
    /// The first `count` sentences of Wikigold train (shipped in corpora/), as a file of their own.
    private func slice(_ count: Int) throws -> String {
        let reader = try SentenceReader(path: SharedData.package("corpora/wikigold/train.txt"))
        let path = try SharedData.temporaryDirectory().appendingPathComponent("slice.txt").path
        let output = try OutputFile(path: path)
        var written = 0
        while written < count, let sentence = try reader.next() {
            guard !sentence.tokens.isEmpty else { continue }
            try SentenceWriter(output: output).write(Sentence(tokens: sentence.tokens, trailer: [SourceLine(text: "")]))
            written += 1
        }
        try output.commit()
        return path
    }

    /// A small architecture so debug-build tests stay fast.
    private func request(train: String, output: String, epochs: Int, cell: TaggerConfiguration.Encoder.Cell = .lstm,
                         characters: TaggerConfiguration.CharacterFeatures.Kind = .cnn,
                         outputLayer: TaggerConfiguration.Output = .crf) -> TaggerTrainingRequest {
        var architecture = TaggerConfiguration(format: .conll, task: .ner, columns: .morphology(), trainingScheme: .iobes)
        architecture.words.dimension = 12
        architecture.characters.kind = characters
        architecture.characters.dimension = 6
        architecture.characters.size = 6
        architecture.encoder.hidden = 12
        architecture.encoder.cell = cell
        architecture.dropout = 0
        architecture.output = outputLayer
        var training = TrainingConfiguration()
        training.epochs = epochs
        training.optimizer = .adam
        training.learningRate = 0.02
        training.learningRateDecay = 0
        training.batchSize = 4
        return TaggerTrainingRequest(train: [train], task: .ner, output: output, architecture: architecture, training: training)
    }

    @Test(arguments: [(TaggerConfiguration.Encoder.Cell.lstm, TaggerConfiguration.CharacterFeatures.Kind.cnn, TaggerConfiguration.Output.crf),
                      (.gru, .lstm, .softmax), (.rnn, .none, .crf)])
    func overfitsASmallSliceToF1One(cell: TaggerConfiguration.Encoder.Cell, characters: TaggerConfiguration.CharacterFeatures.Kind,
                                    output: TaggerConfiguration.Output) throws {
        let data = try slice(8)
        let model = try SharedData.temporaryDirectory().appendingPathComponent("m.tagkit").path
        var request = request(train: data, output: model, epochs: 60, cell: cell, characters: characters, outputLayer: output)
        request.dev = data
        let result = try TaggerTraining.run(request)
        #expect(result.history.last!.meanLoss < result.history.first!.meanLoss / 10)
        #expect(result.bestDevScore == 100)
        #expect(result.dev?.spans?.overall.f1 == 100)
    }

    @Test func saveLoadPredictIsIdenticalAndEdgeCasesWork() throws {
        let data = try slice(12)
        let directory = try SharedData.temporaryDirectory()
        let model = directory.appendingPathComponent("m.tagkit").path
        var request = request(train: data, output: model, epochs: 2)
        request.dev = data
        let trained = try TaggerTraining.run(request).tagger
        let loaded = try SequenceTagger.load(from: model)
        let corpus = try TaggerCorpus(path: data, format: .conll, columnsFor: { .entities(format: .conll, columnCount: $0) })
        #expect(loaded.parameters.map(\.value) == trained.parameters.map(\.value))
        #expect(loaded.labels(for: corpus.sentences) == trained.labels(for: corpus.sentences))
        #expect(loaded.labels(for: []).isEmpty)
        let oneWord = TaggedWords(words: ["Paris"], labels: [], wordLines: [0])
        #expect(loaded.labels(for: [oneWord])[0][0].count == 1)
        let noWords = TaggedWords(words: [], labels: [], wordLines: [])
        #expect(loaded.labels(for: [noWords, oneWord]).map { $0[0].count } == [0, 1])

        // Entities found in a string point at their exact text; confidences are probabilities.
        let text = "In 1998 the Pittsburgh Pirates played in Pittsburgh, Pennsylvania.  Later: nothing."
        let bytes = Array(text.utf8)
        let annotation = loaded.annotate([TaggedWords(words: ["the", "Pittsburgh", "Pirates"], labels: [], wordLines: [0, 1, 2])])[0]
        #expect(annotation.tags.count == 3 && annotation.tagConfidence.allSatisfy { $0 > 0 && $0 <= 1.000001 })
        for entity in loaded.entities(in: text) {
            #expect(String(decoding: bytes[entity.utf8Range], as: UTF8.self) == entity.text)
            #expect(entity.confidence > 0 && entity.confidence <= 1.000001)
        }
    }

    @Test func theSameSeedGivesTheSameModelFileByteForByte() throws {
        let data = try slice(6)
        let directory = try SharedData.temporaryDirectory()
        let first = directory.appendingPathComponent("a.tagkit").path, second = directory.appendingPathComponent("b.tagkit").path
        var request = request(train: data, output: first, epochs: 2)
        request.architecture.dropout = 0.3
        _ = try TaggerTraining.run(request)
        request.output = second
        _ = try TaggerTraining.run(request)
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
    }

    @Test func aDevLabelTheTrainingDataLacksIsAnError() throws {
        let train = try SharedData.temporaryDirectory().appendingPathComponent("t.txt").path
        try Data("John B-PER\nruns O\n\n".utf8).write(to: URL(fileURLWithPath: train))
        let dev = try SharedData.temporaryDirectory().appendingPathComponent("d.txt").path
        try Data("Paris B-LOC\n\n".utf8).write(to: URL(fileURLWithPath: dev))
        var request = request(train: train, output: train + ".model", epochs: 1)
        request.dev = dev
        #expect {
            try TaggerTraining.run(request)
        } throws: { error in "\(error)".contains("d.txt:1: expected a label seen in the training data (O, S-PER)") && "\(error)".contains("found 'B-LOC'") }
        #expect(!FileManager.default.fileExists(atPath: train + ".model"))
    }
}
