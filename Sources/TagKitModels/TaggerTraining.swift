import TagKitEmbeddings
import TagKitEvaluation
import TagKitText

/// What `tagkit train --task ner|morph` asks for: data, architecture, training recipe, output.
public struct TaggerTrainingRequest: Sendable {
    /// Training files, read as one corpus.
    public var train: [String]
    public var dev: String?
    public var test: String?
    /// The corpus format (default: by the training file's extension).
    public var format: CorpusFormat?
    public var task: TaggerConfiguration.Task
    /// NER: the 0-based tag column (default: the format's).
    public var tagColumn: Int?
    /// NER: keep only entities of these types (the others become `O`), e.g. to merge corpora whose
    /// type sets differ; `nil` keeps every type.
    public var entityTypes: Set<String>?
    /// Morphology: also predict XPOS.
    public var includeXPOS = false
    /// Pretrained word vectors (any format `WordVectors` reads).
    public var embeddings: String?
    /// How many of the vector file's first (most frequent) words join the vocabulary besides the
    /// corpus words, so a tagger knows words its training data lacks (`0`: corpus words only).
    public var pretrainedVocabulary = 20_000
    /// The architecture (format, task and columns are filled in from the data).
    public var architecture: TaggerConfiguration
    public var training: TrainingConfiguration
    /// Where the best model is written (atomically, each time the dev score improves).
    public var output: String
    /// Models trained, with seeds `training.seed`, `training.seed + 1`, …; the best on dev is kept.
    public var seedCount = 1

    public init(train: [String], task: TaggerConfiguration.Task, output: String,
                architecture: TaggerConfiguration? = nil, training: TrainingConfiguration = TrainingConfiguration()) {
        self.train = train
        self.task = task
        self.output = output
        self.architecture = architecture ?? TaggerConfiguration(
            format: .conll, task: task, columns: .morphology(), trainingScheme: task == .ner ? .iob2 : nil)
        self.training = training
    }
}

/// What a training run produced.
public struct TaggerTrainingResult {
    /// The kept tagger (best dev score over seeds), with the parameters of its best dev epoch (the ones saved).
    public var tagger: SequenceTagger
    /// The kept run's epochs.
    public var history: [EpochRecord]
    /// Every run: its seed, best dev score and test score (the main number: F1 or mean accuracy).
    public var runs: [(seed: UInt64, dev: Double?, test: Double?)]
    /// The best dev score (F1 for NER, mean accuracy over heads for morphology), if there was dev data.
    public var bestDevScore: Double?
    /// Test scores of the kept model, if there was test data.
    public var test: TaggerScores?
    /// Dev scores of the kept model, if there was dev data.
    public var dev: TaggerScores?
    /// How the vocabulary met the pretrained vectors (the fallback chain's counts), if any.
    public var embeddingCoverage: String?
    public var trainSentences: Int
    public var trainWords: Int
}

/// A tagger's scores on one corpus.
public struct TaggerScores {
    /// NER: conlleval scores of the predicted tags (IOB2) against the gold tags as read.
    public var spans: TagSequenceScoring?
    /// Token accuracy in percent, per head (NER: one head; morphology: UPOS, FEATS[, XPOS]).
    public var accuracy: [Double]
    /// Words scored.
    public var words: Int
    /// Tagging speed, words per second.
    public var wordsPerSecond: Double

    /// The number early stopping maximises: span F1 for NER, mean head accuracy otherwise.
    public var main: Double {
        spans?.overall.f1 ?? accuracy.reduce(0, +) / Double(max(1, accuracy.count))
    }
}

/// Trains sequence taggers from corpus files.
public enum TaggerTraining {
    /// Reads the data, builds vocabularies and the model, trains with early stopping on dev, saves the
    /// best model to `request.output` each time it improves, and scores the kept model on dev and test.
    public static func run(_ request: TaggerTrainingRequest, log: (String) -> Void = { _ in },
                           observe: (TrainingEvent) -> Void = { _ in }) throws -> TaggerTrainingResult {
        // Each file's format is its own (by extension) unless one is named, so corpora of different
        // layouts (CoNLL columns, .iob2) train one NER model.
        let formatOf = { (path: String) in request.format ?? CorpusFormat.guess(path: path) }
        let format = formatOf(request.train[0])
        for path in request.train + [request.dev, request.test].compactMap({ $0 }) where request.task == .morph && formatOf(path) != .conllu {
            throw InputError(file: path, expected: "a CoNLL-U file for --task morph (UPOS and FEATS columns)",
                             found: "format \(formatOf(path).rawValue)")
        }
        let columnsFor = { (path: String, columnCount: Int) throws -> TaggingColumns in
            switch request.task {
            case .morph:
                return .morphology(includeXPOS: request.includeXPOS)
            case .ner:
                if let column = request.tagColumn, column >= columnCount {
                    throw InputError(file: path, expected: "a tag column between 1 and \(columnCount)",
                                     found: "--tag-column \(column + 1)")
                }
                return .entities(format: formatOf(path), columnCount: columnCount, tagColumn: request.tagColumn)
            }
        }
        func corpus(_ paths: [String]) throws -> TaggerCorpus {
            try TaggerCorpus(paths: paths, format: formatOf, columnsFor: columnsFor)
        }
        var train = try corpus(request.train)
        let columns = train.columns
        // Held-out gold with the same entity types as training (all types unless filtered).
        func heldOut(_ path: String?) throws -> TaggerCorpus? {
            guard let path else { return nil }
            let held = try corpus([path])
            guard request.task == .ner, let types = request.entityTypes else { return held }
            return try held.converting(head: 0, to: .iob2, keeping: types)
        }
        let dev = try heldOut(request.dev)
        let test = try heldOut(request.test)

        var configuration = request.architecture
        configuration.format = format
        configuration.task = request.task
        configuration.columns = columns
        if request.task == .ner {
            let scheme = configuration.trainingScheme ?? .iob2
            configuration.trainingScheme = scheme
            train = try train.converting(head: 0, to: scheme, keeping: request.entityTypes)
        } else {
            configuration.trainingScheme = nil
        }

        var pretrained: WordVectors?
        var extraWords: [String] = []
        if let path = request.embeddings {
            let vectors = try WordVectors.load(contentsOf: path).vectors
            let heldOut = (dev?.sentences ?? []) + (test?.sentences ?? [])
            extraWords = heldOut.flatMap(\.words).filter { vectors.find($0) != nil }
            extraWords += (0..<min(request.pretrainedVocabulary, vectors.count)).map { vectors.words.word(at: $0) }
            pretrained = vectors
        }
        let vocabularies = TaggerVocabularies(training: train.sentences, minimumCount: configuration.words.minimumCount,
                                              extraWords: extraWords)
        let coverage = pretrained.map { $0.find(vocabulary: vocabularies.words.entries.dropFirst(2)).summary }
        log("train \(train.sentences.count) sentences / \(train.wordCount) words"
            + (dev.map { ", dev \($0.sentences.count)" } ?? "") + (test.map { ", test \($0.sentences.count)" } ?? "")
            + "; \(vocabularies.words.count) words, \(vocabularies.characters.count) characters, labels "
            + vocabularies.labels.map { String($0.count) }.joined(separator: "/"))
        if let coverage { log("pretrained vectors: \(coverage)") }
        let encodedTrain = try train.sentences.indices.map { s in
            try vocabularies.encode(train.sentences[s], file: train.names[train.files[s]], lines: train.lines[s])
        }
        if let dev {
            // NER: a dev type the training data lacks means the data do not match (an error). Morphology:
            // rare feature bundles unseen in training are normal; they are counted, and cannot be predicted.
            let converted = request.task == .ner
                ? try dev.converting(head: 0, to: configuration.trainingScheme!, keeping: request.entityTypes) : dev
            var unseen = [Int](repeating: 0, count: vocabularies.labels.count)
            for (s, sentence) in converted.sentences.enumerated() {
                for (head, labels) in sentence.labels.enumerated() {
                    for (i, label) in labels.enumerated() where vocabularies.labels[head].id(exactly: label) == nil {
                        guard request.task == .morph else {
                            let known = vocabularies.labels[head].entries
                            throw InputError(file: dev.place(sentence: s, word: i).file, line: dev.lines[s][i],
                                             expected: "a label seen in the training data (\(known.prefix(8).joined(separator: ", "))\(known.count > 8 ? ", …" : ""))",
                                             found: InputError.excerpt(dev.sentences[s].labels[head][i]))
                        }
                        unseen[head] += 1
                    }
                }
            }
            for (head, count) in unseen.enumerated() where count > 0 {
                log("dev: \(count) words have a label in column \(columns.labels[head] + 1) that the training data lacks (never predicted)")
            }
        }

        var runs: [(seed: UInt64, dev: Double?, test: Double?)] = []
        var kept: (tagger: SequenceTagger, history: [EpochRecord], dev: Double)?
        var bestSaved = -Double.infinity
        for index in 0..<max(1, request.seedCount) {
            var settings = request.training
            settings.seed = request.training.seed &+ UInt64(index)
            let tagger = SequenceTagger(configuration: configuration, vocabularies: vocabularies, pretrained: pretrained,
                                        seed: settings.seed)
            let history = try Trainer(model: tagger, configuration: settings).train(
                encodedTrain,
                devScore: dev.map { corpus in { score(tagger, on: corpus).main } },
                onBest: { record in
                    // Across seeds, only a better dev score replaces the saved model.
                    let value = record.devScore ?? Double(record.epoch)
                    guard value > bestSaved else { return }
                    bestSaved = value
                    try tagger.save(to: request.output, training: settings)
                },
                observe: { event in
                    if case .epoch(let record) = event {
                        log(epochLine(record, epochs: settings.epochs, task: request.task,
                                      seed: request.seedCount > 1 ? settings.seed : nil))
                    }
                    observe(event)
                })
            let devScore = history.compactMap(\.devScore).max()
            let testScore = test.map { score(tagger, on: $0).main }
            runs.append((settings.seed, devScore, testScore))
            if kept == nil || (devScore ?? 0) > kept!.dev { kept = (tagger, history, devScore ?? 0) }
        }
        let tagger = kept!.tagger
        return TaggerTrainingResult(tagger: tagger, history: kept!.history, runs: runs, bestDevScore: dev == nil ? nil : kept!.dev,
                                    test: test.map { score(tagger, on: $0) }, dev: dev.map { score(tagger, on: $0) },
                                    embeddingCoverage: coverage, trainSentences: train.sentences.count, trainWords: train.wordCount)
    }

    /// `epoch  3/20  loss 2.1234  dev F1 81.23  12345 tokens/s  5.2 s  best`.
    static func epochLine(_ record: EpochRecord, epochs: Int, task: TaggerConfiguration.Task, seed: UInt64?) -> String {
        (seed.map { "seed \($0) " } ?? "") + "epoch \(record.epoch)/\(epochs)  loss \(printfFixed(record.meanLoss, precision: 4))"
            + (record.devScore.map { "  dev \(task == .ner ? "F1" : "accuracy") \(printfFixed($0))" } ?? "")
            + "  \(Int(record.tokensPerSecond.rounded())) tokens/s  \(printfFixed(record.seconds, precision: 1)) s"
            + (record.isBest ? "  best" : "")
    }

    /// Scores `tagger` on `corpus` (gold labels as read).
    public static func score(_ tagger: SequenceTagger, on corpus: TaggerCorpus) -> TaggerScores {
        let start = monotonicSeconds()
        let predicted = tagger.labels(for: corpus.sentences)
        let seconds = monotonicSeconds() - start
        let heads = tagger.vocabularies.labels.count
        var correct = [Int](repeating: 0, count: heads)
        for (sentence, prediction) in zip(corpus.sentences, predicted) {
            for head in 0..<heads {
                correct[head] += zip(sentence.labels[head], prediction[head]).filter { $0 == $1 }.count
            }
        }
        let words = corpus.wordCount
        let spans = tagger.configuration.task == .ner
            ? TagSequenceScoring(gold: corpus.sentences.map { $0.labels[0] }, predicted: predicted.map { $0[0] })
            : nil
        return TaggerScores(spans: spans, accuracy: correct.map { 100 * Double($0) / Double(max(1, words)) },
                            words: words, wordsPerSecond: seconds > 0 ? Double(words) / seconds : 0)
    }
}
