import Foundation
import Testing
import TagKitEmbeddings
import TagKitNN
import TagKitTensor
import TagKitTestSupport
import TagKitText
@testable import TagKitModels

@Suite struct TextClassifierTests {
    /// The first `count` MR training lines, tokenized on spaces.
    private func slice(_ count: Int) throws -> [TokenizedExample] {
        let all = try TokenizedExample.read(path: SharedData.data("classify/mr/train.tsv"), reader: LabeledTextReader(),
                                            tokenization: .whitespace)
        return Array(all.prefix(count))
    }

    /// A small architecture so debug-build tests stay fast.
    private func configuration(_ type: TextClassifierConfiguration.ModelType) -> TextClassifierConfiguration {
        var configuration = TextClassifierConfiguration()
        configuration.modelType = type
        configuration.embeddingDimension = 16
        configuration.widths = [2, 3]
        configuration.filterCount = 8
        configuration.recurrentHiddenSize = 8
        configuration.dropout = 0.2
        configuration.tokenization = .whitespace
        return configuration
    }

    private var training: TrainingConfiguration {
        var training = TrainingConfiguration.textClassifierDefaults
        training.optimizer = .adam
        training.learningRate = 0.02
        training.batchSize = 10
        training.epochs = 25
        return training
    }

    private func model(_ configuration: TextClassifierConfiguration, _ examples: [TokenizedExample],
                       seed: UInt64 = 1) -> (TextClassifier, [EncodedText]) {
        let vocabularies = TextClassifierVocabularies(training: examples)
        let table = TextClassifier.initialTable(words: vocabularies.words.entries, vectors: nil,
                                                dimension: configuration.embeddingDimension, seed: seed).table
        let model = TextClassifier(configuration: configuration, vocabularies: vocabularies, table: table, seed: seed)
        return (model, examples.map(vocabularies.encode))
    }

    @Test(arguments: [
        (TextClassifierConfiguration.ModelType.bag, SequencePooling.sum),
        (.bag, .mean), (.bag, .max), (.cnn, .mean), (.rnn, .mean),
    ])
    func eachModelOverfitsATinySlice(type: TextClassifierConfiguration.ModelType, pooling: SequencePooling) throws {
        var configuration = configuration(type)
        configuration.pooling = pooling
        if type == .bag { configuration.hiddenSize = pooling == .max ? 16 : 0 }
        let (model, data) = model(configuration, try slice(40))
        let before = model.accuracy(data)
        try Trainer(model: model, configuration: training).train(data)
        #expect(model.accuracy(data) == 1, "\(type) \(pooling): from \(before)")
    }

    @Test func theGRUWithLastStatesOverfitsToo() throws {
        var configuration = configuration(.rnn)
        configuration.recurrentCell = .gru
        configuration.recurrentPooling = .last
        let (model, data) = model(configuration, try slice(40))
        try Trainer(model: model, configuration: training).train(data)
        #expect(model.accuracy(data) == 1)
    }

    @Test func kimsScheduleWithAdadeltaLowersTheLoss() throws {
        let (model, data) = model(configuration(.cnn), try slice(40))
        var settings = TrainingConfiguration.textClassifierDefaults
        settings.epochs = 5
        settings.batchSize = 10
        let history = try Trainer(model: model, configuration: settings).train(data)
        #expect(history.last!.meanLoss < history.first!.meanLoss)
    }

    @Test func theSameSeedGivesTheSameParameters() throws {
        let data = try slice(30)
        var settings = training
        settings.epochs = 2
        var runs: [[Tensor]] = []
        for _ in 0..<2 {
            let (model, encoded) = model(configuration(.cnn), data, seed: 7)
            try Trainer(model: model, configuration: settings).train(encoded)
            runs.append(model.parameters.map(\.value))
        }
        #expect(runs[0] == runs[1])
        let (other, _) = model(configuration(.cnn), data, seed: 8)
        #expect(other.parameters.map(\.value) != runs[0])
    }

    /// Kim's output layer starts at zero, and his dropout leaves kept features unscaled in training
    /// and multiplies all of them by 1 − p in inference.
    @Test func cnnStartsLikeKimsCode() throws {
        let (model, data) = model(configuration(.cnn), try slice(12))
        #expect(model.output.weight.value == Tensor.zeros(model.output.weight.value.shape))
        let encoder = try #require(model.encoder as? KimCNNEncoder)
        #expect(encoder.convolution.weights.allSatisfy { $0.value.scalars.allSatisfy { abs($0) <= 0.01 } })
        let texts = data.map(\.words)
        func features(_ tape: Tape) -> (encoded: Tensor, pooled: Tensor) {
            let embed = { (ids: [Int]) in model.embeddings[0](ids, on: tape) }
            let (vectors, lengths) = encoder.paddedVectors(texts, embed: embed)
            return (encoder.encode(texts, embed: embed).value, encoder.convolution(vectors, lengths: lengths).value)
        }
        let keep = 1 - model.configuration.dropout
        let inference = features(Tape(training: false))
        #expect(inference.encoded.scalars.elementsEqual(inference.pooled.scalars.map { keep * $0 }))
        let training = features(Tape(training: true))
        #expect(zip(training.encoded.scalars, training.pooled.scalars).allSatisfy { $0 == 0 || $0 == $1 })
        #expect(training.encoded.scalars.contains(0) && training.encoded.scalars.contains { $0 > 0 })
    }

    @Test func maxNormKeepsOutputRowsWithinTheLimit() throws {
        var configuration = configuration(.bag)
        configuration.maximumOutputRowNorm = 0.5
        let (model, data) = model(configuration, try slice(20))
        var settings = training
        settings.epochs = 3
        try Trainer(model: model, configuration: settings).train(data)
        let weight = model.output.weight.value
        for row in 0..<weight.rowCount {
            let norm = weight.row(row).reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(norm <= 0.5 + 1e-5)
        }
    }

    @Test func saveThenLoadPredictsIdentically() throws {
        let directory = try SharedData.temporaryDirectory()
        let path = directory.appendingPathComponent("mr.tagkit").path
        for type in TextClassifierConfiguration.ModelType.allCases {
            let (model, data) = model(configuration(type), try slice(20))
            var settings = training
            settings.epochs = 2
            try Trainer(model: model, configuration: settings).train(data)
            try model.save(to: path, training: settings)
            let (loaded, loadedTraining) = try TextClassifier.load(from: path)
            #expect(loadedTraining == settings)
            #expect(loaded.configuration == model.configuration)
            #expect(loaded.vocabularies == model.vocabularies)
            #expect(loaded.predict(data.map(\.words)) == model.predict(data.map(\.words)), "\(type)")
        }
    }

    /// A new CNN records Kim's dropout scaling in its file; a file written before the scaling was
    /// recorded (no `dropoutScaling` key) was trained with inverted dropout and loads that way, so it
    /// gives the scores it gave when it was written.
    @Test func theDropoutScalingIsRecordedAndOldFilesKeepInvertedDropout() throws {
        let directory = try SharedData.temporaryDirectory()
        let path = directory.appendingPathComponent("cnn.tagkit").path
        let (fresh, data) = model(configuration(.cnn), try slice(20))
        #expect(fresh.configuration.dropoutScaling == .atInference)
        try fresh.save(to: path, training: training)
        #expect(try ModelFileSurgery(path: path).metadata("configuration")!.contains("\"dropoutScaling\":\"at-inference\""))

        var inverted = configuration(.cnn)
        inverted.dropoutScaling = .inverted
        let (old, _) = model(inverted, try slice(20))
        var settings = training
        settings.epochs = 2
        try Trainer(model: old, configuration: settings).train(data)
        try old.save(to: path, training: settings)
        var surgery = try ModelFileSurgery(path: path)
        surgery.editMetadataJSON("configuration") { $0["dropoutScaling"] = nil }
        try Data(surgery.bytes()).write(to: URL(fileURLWithPath: path))

        let loaded = try TextClassifier.load(from: path).model
        #expect(loaded.configuration.dropoutScaling == .inverted)
        let texts = data.map(\.words)
        #expect(loaded.logits(texts, on: Tape(training: false)).value == old.logits(texts, on: Tape(training: false)).value)
    }

    @Test func loadingSomethingElseNamesTheFile() throws {
        let directory = try SharedData.temporaryDirectory()
        let path = directory.appendingPathComponent("plain.safetensors").path
        try SafeTensors(tensors: [("x", Tensor.zeros([2]))]).write(to: path)
        #expect { try TextClassifier.load(from: path) } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("text-classifier")
        }
    }

    /// Pretrained rows come from the vector file through the fallback chain, the rest is U(−0.25, 0.25),
    /// `<pad>` is zero; `static` freezes the table, `multichannel` adds a frozen copy beside a tuned one.
    @Test func pretrainedVectorsInitialiseTheTable() throws {
        let directory = try SharedData.temporaryDirectory()
        let path = directory.appendingPathComponent("tiny.glove.txt").path
        try "film 1 2 3\ngood 0.5 0.5 0.5\n".write(toFile: path, atomically: true, encoding: .utf8)
        let vectors = try WordVectors.load(contentsOf: path).vectors
        let words = ["<pad>", "<unk>", "Film", "good", "zzz"]
        let (table, match) = TextClassifier.initialTable(words: words, vectors: vectors, dimension: 300, seed: 1)
        #expect(table.shape == [5, 3])
        #expect(Array(table.row(0)) == [0, 0, 0])
        #expect(Array(table.row(2)) == [1, 2, 3])
        #expect(Array(table.row(3)) == [0.5, 0.5, 0.5])
        #expect(table.row(4).allSatisfy { abs($0) <= 0.25 })
        #expect(match?.found == 2)

        let vocabularies = TextClassifierVocabularies(words: Vocabulary(words.dropFirst(2), reserved: .padAndUnknown),
                                                      labels: Vocabulary(["neg", "pos"], reserved: .none))
        #expect(vocabularies.wordID("Good") == 3)
        #expect(vocabularies.wordID("unseen") == 1)
        var configuration = configuration(.cnn)
        configuration.embeddingMode = .static
        let frozen = TextClassifier(configuration: configuration, vocabularies: vocabularies, table: table, seed: 1)
        #expect(frozen.parameters.filter { $0.name.hasPrefix("embedding") }.map(\.isTrainable) == [false])
        configuration.embeddingMode = .multichannel
        let both = TextClassifier(configuration: configuration, vocabularies: vocabularies, table: table, seed: 1)
        #expect(both.parameters.filter { $0.name.hasPrefix("embedding") }.map(\.isTrainable) == [true, false])
        #expect(both.predict([[2, 3, 4]])[0].probabilities.count == 2)
    }

    /// Two seeds: both runs are reported, the file holds the run with the better dev accuracy, and the
    /// mean and standard deviation are those of the runs' test accuracies.
    @Test func severalSeedsKeepTheBestDevModel() throws {
        let directory = try SharedData.temporaryDirectory()
        let lines = try String(contentsOfFile: SharedData.data("classify/trec/train.tsv"), encoding: .utf8).split(separator: "\n")
        let train = directory.appendingPathComponent("train.tsv").path
        let test = directory.appendingPathComponent("test.tsv").path
        try (lines[0..<60].joined(separator: "\n") + "\n").write(toFile: train, atomically: true, encoding: .utf8)
        try (lines[60..<80].joined(separator: "\n") + "\n").write(toFile: test, atomically: true, encoding: .utf8)
        var job = TextClassifierTraining(trainPath: train)
        job.testPath = test
        job.outputPath = directory.appendingPathComponent("trec.model").path
        job.reader = LabeledTextReader(labelColumn: 0, textColumn: 2)
        job.configuration = configuration(.bag)
        job.training = training
        job.training.epochs = 3
        job.training.seed = 5
        job.seedCount = 2
        var logged: [String] = []
        let outcome = try job.run(log: { logged.append($0) })
        #expect(outcome.runs.map(\.seed) == [5, 6])
        #expect(logged.contains { $0.hasPrefix("no dev data: held out 6 of 60") })
        let best = outcome.runs[outcome.bestRun]
        #expect(outcome.runs.allSatisfy { $0.devAccuracy <= best.devAccuracy })
        let saved = try TextClassifier.load(from: job.outputPath!)
        #expect(saved.training.seed == best.seed)
        let accuracies = outcome.runs.map { $0.testAccuracy! }
        let mean = accuracies.reduce(0, +) / 2
        #expect(abs(outcome.testAccuracyMean! - mean) < 1e-12)
        #expect(abs(outcome.testAccuracyStandardDeviation! - abs(accuracies[0] - accuracies[1]) / 2.0.squareRoot()) < 1e-12)
        #expect(outcome.scores.count == 20 && outcome.scoresAreOnTest)
        #expect(abs(outcome.scores.accuracy - best.testAccuracy!) < 1e-12)
    }

    @Test func heldOutSplitIsSeededAndDisjoint() throws {
        let data = try slice(50)
        let first = TokenizedExample.holdOut(0.1, of: data, seed: 3)
        let again = TokenizedExample.holdOut(0.1, of: data, seed: 3)
        let other = TokenizedExample.holdOut(0.1, of: data, seed: 4)
        #expect(first.heldOut.count == 5 && first.training.count == 45)
        #expect(first.heldOut == again.heldOut)
        #expect(first.heldOut != other.heldOut)
        #expect(Set(first.heldOut.map(\.line)).isDisjoint(with: first.training.map(\.line)))
    }

    @Test func tokenizationModes() {
        #expect(TextClassifierConfiguration.Tokenization.whitespace.words(in: "it's a  film .") == ["it's", "a", "film", "."])
        #expect(TextClassifierConfiguration.Tokenization.tagkit.words(in: "It's a film.") == ["It", "'s", "a", "film", "."])
    }
}
