import TagKitEmbeddings
import TagKitEvaluation
import TagKitText

/// Everything `tagkit train --task classify` does, as a library call: read and tokenize the data,
/// hold out a dev set if none is given, build the vocabularies, load the pretrained vectors
/// restricted to the data's words, train one model per seed with the shared `Trainer`, keep (and
/// write) the model with the best dev accuracy, score it on the test data and write the report.
public struct TextClassifierTraining {
    public var trainPath: String
    public var devPath: String?
    public var testPath: String?
    /// A word-vector file (word2vec text or binary, GloVe); required by every mode but `rand`.
    public var embeddingsPath: String?
    /// Where the best model is written (atomically, each time a seed beats the previous ones).
    public var outputPath: String?
    /// Where the HTML report is written.
    public var reportPath: String?
    public var reader = LabeledTextReader()
    public var configuration = TextClassifierConfiguration()
    public var training = TrainingConfiguration()
    /// Models trained, with seeds `training.seed`, `training.seed + 1`, ….
    public var seedCount = 1
    /// Without dev data, this fraction of the training data (chosen with `training.seed`) is held out.
    public var heldOutFraction = 0.1

    public init(trainPath: String) {
        self.trainPath = trainPath
    }

    /// One seed's training.
    public struct SeedRun: Sendable {
        public var seed: UInt64
        public var history: [EpochRecord]
        /// Dev accuracy of the kept epoch, in [0, 1].
        public var devAccuracy: Double
        /// Test accuracy of the kept epoch, in [0, 1], when there is test data.
        public var testAccuracy: Double?
        /// Training examples per second (forward, backward, update), median over the epochs.
        public var sentencesPerSecond: Double
    }

    /// What training produced.
    public struct Outcome {
        public var runs: [SeedRun]
        /// The run whose model was kept (best dev accuracy; the first on ties).
        public var bestRun: Int
        /// The kept model.
        public var model: TextClassifier
        /// The kept model's scores on the test data (or on the dev data when there is no test data).
        public var scores: ClassificationScores
        /// Whether `scores` are on test data.
        public var scoresAreOnTest: Bool
        /// Mean and (sample) standard deviation of the runs' test accuracies, in [0, 1].
        public var testAccuracyMean: Double?
        public var testAccuracyStandardDeviation: Double?
    }

    /// Trains. `log` receives one line per stage and per epoch; `observe` every trainer event with the
    /// 0-based run index (for a progress bar).
    public func run(log: (String) -> Void = { _ in },
                    observe: (Int, TrainingEvent) -> Void = { _, _ in }) throws -> Outcome {
        precondition(seedCount >= 1, "at least one seed")
        let tokenization = configuration.tokenization
        var train = try TokenizedExample.read(path: trainPath, reader: reader, tokenization: tokenization)
        var dev: [TokenizedExample]
        if let devPath {
            dev = try TokenizedExample.read(path: devPath, reader: reader, tokenization: tokenization)
        } else {
            (train, dev) = TokenizedExample.holdOut(heldOutFraction, of: train, seed: training.seed)
            log("no dev data: held out \(dev.count) of \(train.count + dev.count) training examples (seed \(training.seed))")
        }
        let test = try testPath.map { try TokenizedExample.read(path: $0, reader: reader, tokenization: tokenization) }
        guard !train.isEmpty else { throw TrainingError(description: "\(trainPath): no training examples") }

        var vectors: WordVectors?
        var extraWords: [String] = []
        if configuration.embeddingMode.needsPretrainedVectors {
            guard let embeddingsPath else {
                throw TrainingError(description: "the \(configuration.embeddingMode.rawValue) mode needs pretrained vectors (--embeddings)")
            }
            // In first-seen order: a Set would pick among canonically equivalent spellings at random.
            let allWords = Vocabulary((train + dev + (test ?? [])).lazy.flatMap(\.words), reserved: .none).entries
            let loaded = try WordVectors.load(contentsOf: embeddingsPath,
                                              options: VectorLoadOptions(restrictTo: allWords))
            vectors = loaded.vectors
            // Words of dev and test that have a vector join the vocabulary (no labels are used), as Kim.
            let trainingWords = Set(train.lazy.flatMap(\.words))
            extraWords = allWords.filter { !trainingWords.contains($0) && loaded.vectors.find($0) != nil }
            log("vectors: \(loaded.vectors.count) rows of \(loaded.vectors.dimension) read from \(embeddingsPath) for \(allWords.count) data words")
        }
        let vocabularies = TextClassifierVocabularies(training: train, extraWords: extraWords)
        let (table, match) = TextClassifier.initialTable(words: vocabularies.words.entries, vectors: vectors,
                                                         dimension: configuration.embeddingDimension, seed: training.seed)
        if let match { log("vocabulary: \(vocabularies.words.count) words; \(match.summary)") }
        let trainEncoded = train.map(vocabularies.encode)
        let devEncoded = dev.map(vocabularies.encode)
        let testEncoded = test?.map(vocabularies.encode)
        log("train \(train.count), dev \(dev.count)\(test.map { ", test \($0.count)" } ?? ""); "
            + "\(vocabularies.labels.count) labels, \(vocabularies.words.count) words; "
            + configuration.summary(dimension: table.shape[1]))

        var runs: [SeedRun] = []
        var best: (run: Int, model: TextClassifier)?
        for index in 0..<seedCount {
            var settings = training
            settings.seed = training.seed &+ UInt64(index)
            let model = TextClassifier(configuration: configuration, vocabularies: vocabularies, table: table, seed: settings.seed)
            let trainer = Trainer(model: model, configuration: settings)
            let history = try trainer.train(
                trainEncoded,
                devScore: devEncoded.isEmpty ? nil : { model.accuracy(devEncoded) },
                observe: { event in
                    if case .epoch(let record) = event {
                        log(Self.epochLine(record, epochs: settings.epochs, examples: trainEncoded.count,
                                           seedNote: seedCount > 1 ? "seed \(settings.seed) " : ""))
                    }
                    observe(index, event)
                })
            let devAccuracy = devEncoded.isEmpty ? 0 : model.accuracy(devEncoded)
            let testAccuracy = testEncoded.map { model.accuracy($0) }
            let speeds = history.map { $0.seconds > 0 ? Double(trainEncoded.count) / $0.seconds : 0 }.sorted()
            runs.append(SeedRun(seed: settings.seed, history: history, devAccuracy: devAccuracy, testAccuracy: testAccuracy,
                                sentencesPerSecond: speeds[speeds.count / 2]))
            log("seed \(settings.seed): dev accuracy \(Self.percent(devAccuracy))"
                + (testAccuracy.map { ", test accuracy \(Self.percent($0))" } ?? ""))
            if best == nil || devAccuracy > runs[best!.run].devAccuracy {
                best = (index, model)
                if let outputPath {
                    try model.save(to: outputPath, training: settings)
                    log("wrote \(outputPath)")
                }
            }
        }
        let kept = best!
        let scored = test ?? dev
        let predictions = kept.model.predict(scored.map { vocabularies.encode($0).words })
        let labels = vocabularies.labels.entries
        let scores = ClassificationScores(gold: scored.map(\.label), predicted: predictions.map { labels[$0.label] },
                                          knownLabels: labels)
        let testAccuracies = runs.compactMap(\.testAccuracy)
        var outcome = Outcome(runs: runs, bestRun: kept.run, model: kept.model, scores: scores, scoresAreOnTest: test != nil)
        if !testAccuracies.isEmpty {
            let mean = testAccuracies.reduce(0, +) / Double(testAccuracies.count)
            outcome.testAccuracyMean = mean
            outcome.testAccuracyStandardDeviation = testAccuracies.count > 1
                ? (testAccuracies.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(testAccuracies.count - 1)).squareRoot()
                : 0
        }
        if let reportPath {
            let output = try OutputFile(path: reportPath)
            try output.write(report(outcome, trainCount: train.count, devCount: dev.count).render())
            try output.commit()
            log("wrote \(reportPath)")
        }
        return outcome
    }

    /// `epoch  3/25  loss 0.4123  dev 78.12%  1234 sentences/s  5.2 s  best`.
    static func epochLine(_ record: EpochRecord, epochs: Int, examples: Int, seedNote: String) -> String {
        let speed = record.seconds > 0 ? Double(examples) / record.seconds : 0
        return "\(seedNote)epoch \(record.epoch)/\(epochs)  loss \(fixed(record.meanLoss, 4))"
            + (record.devScore.map { "  dev \(percent($0))" } ?? "")
            + "  \(Int(speed.rounded())) sentences/s  \(fixed(record.seconds, 1)) s" + (record.isBest ? "  best" : "")
    }

    static func percent(_ value: Double) -> String { fixed(100 * value, 2) + "%" }

    /// `value` with `digits` decimals.
    static func fixed(_ value: Double, _ digits: Int) -> String { printfFixed(value, precision: digits) }

    private func report(_ outcome: Outcome, trainCount: Int, devCount: Int) -> HTMLReport {
        let run = outcome.runs[outcome.bestRun]
        var summary: [(key: String, value: String)] = [
            ("model", configuration.summary(dimension: outcome.model.embeddingDimension)),
            ("data", "train \(trainPath) (\(trainCount)), dev \(devPath ?? "held out from train") (\(devCount))"
                + (testPath.map { ", test \($0)" } ?? "")),
            ("optimizer", "\(training.optimizer.rawValue), learning rate \(training.learningRate), batch \(training.batchSize)"),
            ("kept", "seed \(run.seed), dev accuracy \(Self.percent(run.devAccuracy))"),
            (outcome.scoresAreOnTest ? "test accuracy" : "dev accuracy", Self.percent(outcome.scores.accuracy)),
            ("macro-F1", Self.percent(outcome.scores.macroF1)),
            ("speed", "\(Int(run.sentencesPerSecond.rounded())) training sentences/s (median epoch)"),
        ]
        if let mean = outcome.testAccuracyMean, let sd = outcome.testAccuracyStandardDeviation, outcome.runs.count > 1 {
            summary.append(("test accuracy over \(outcome.runs.count) seeds", "\(Self.percent(mean)) ± \(Self.fixed(100 * sd, 2))"))
        }
        let scores = outcome.scores
        let perClass = ReportTable(title: "Per class (\(outcome.scoresAreOnTest ? "test" : "dev"))",
                                   header: ["class", "precision", "recall", "F1", "support"],
                                   rows: scores.rows.map { row in
                                       [row.label + (row.isKnown ? "" : " (unseen)"), Self.fixed(100 * row.precision, 2),
                                        Self.fixed(100 * row.recall, 2), Self.fixed(100 * row.f1, 2), String(row.support)]
                                   })
        let known = scores.rows.filter(\.isKnown).count
        let confusion = ReportTable(title: "Confusion (rows gold, columns predicted)",
                                    header: ["gold \\ predicted"] + scores.labels.prefix(known),
                                    rows: scores.labels.indices.map { g in [scores.labels[g]] + scores.confusion[g].prefix(known).map(String.init) },
                                    heat: true)
        return HTMLReport(title: "Text classifier: \(configuration.modelType.rawValue)", summary: summary,
                          history: run.history, scoreName: "dev accuracy", tables: [perClass, confusion])
    }
}

extension TrainingConfiguration {
    /// Kim's (2014) schedule: Adadelta with learning rate 1 (ρ 0.95, ε 1e-6), batches of 50, 25 epochs,
    /// no decay and no gradient clipping (the output layer's max-norm constrains it instead).
    public static var textClassifierDefaults: TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.optimizer = .adadelta
        configuration.learningRate = 1
        configuration.batchSize = 50
        configuration.epochs = 25
        configuration.learningRateDecay = 0
        configuration.clipNorm = 0
        return configuration
    }
}

extension TextClassifierTraining.Outcome {
    /// The closing line: the kept run, its score, and with several seeds the mean ± sd of test accuracy.
    public var summary: String {
        let run = runs[bestRun]
        var line = "kept seed \(run.seed) (dev accuracy \(TextClassifierTraining.percent(run.devAccuracy))); "
            + "\(scoresAreOnTest ? "test" : "dev") accuracy \(TextClassifierTraining.percent(scores.accuracy)), "
            + "macro-F1 \(TextClassifierTraining.percent(scores.macroF1)); "
            + "\(Int(run.sentencesPerSecond.rounded())) training sentences/s"
        if runs.count > 1, let mean = testAccuracyMean, let sd = testAccuracyStandardDeviation {
            line += "; test accuracy over \(runs.count) seeds \(TextClassifierTraining.percent(mean)) ± \(TextClassifierTraining.fixed(100 * sd, 2))"
        }
        return line
    }
}
