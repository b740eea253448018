import TagKitEvaluation
import TagKitText

extension TaggerTrainingResult {
    /// The mean and sample standard deviation of the runs' test scores (nil without test data).
    public var testScoreSpread: (mean: Double, standardDeviation: Double)? {
        let scores = runs.compactMap(\.test)
        guard !scores.isEmpty else { return nil }
        let mean = scores.reduce(0, +) / Double(scores.count)
        let variance = scores.count > 1 ? scores.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(scores.count - 1) : 0
        return (mean, variance.squareRoot())
    }

    /// The closing line of a training run: kept seed, dev and test scores, speeds, spread over seeds.
    public var summary: String {
        let configuration = tagger.configuration
        let name = configuration.task == .ner ? "F1" : "accuracy"
        var line = "kept seed \(runs.first { $0.dev == bestDevScore }?.seed ?? runs[0].seed)"
        if let dev { line += "; dev \(name) \(printfFixed(dev.main))" }
        if let test { line += "; test \(name) \(printfFixed(test.main)) (\(Int(test.wordsPerSecond.rounded())) words/s tagging)" }
        let speeds = history.map(\.tokensPerSecond).sorted()
        if !speeds.isEmpty { line += "; \(Int(speeds[speeds.count / 2].rounded())) training tokens/s (median epoch)" }
        if runs.count > 1, let spread = testScoreSpread {
            line += "; test \(name) over \(runs.count) seeds \(printfFixed(spread.mean)) ± \(printfFixed(spread.standardDeviation))"
        }
        return line
    }

    /// A self-contained HTML page: summary, learning curves, per-type (NER) or per-column (morphology)
    /// scores and the type confusion matrix, on test if there is test data, else on dev.
    public func report(request: TaggerTrainingRequest) -> HTMLReport {
        let configuration = tagger.configuration
        let isNER = configuration.task == .ner
        var summary: [(key: String, value: String)] = [
            ("task", isNER ? "named entities" : "morphology"),
            ("train", request.train.joined(separator: ", ") + " (\(trainSentences) sentences, \(trainWords) words)"),
            ("dev", request.dev ?? "none"),
            ("test", request.test ?? "none"),
            ("model", "\(configuration.words.dimension)-d words, characters \(configuration.characters.kind.rawValue), "
                + "\(configuration.encoder.layers)×Bi\(configuration.encoder.cell.rawValue.uppercased()) \(configuration.encoder.hidden), "
                + "dropout \(configuration.dropout), \(configuration.output.rawValue)"
                + (configuration.trainingScheme.map { ", tags learned in \($0.rawValue.uppercased())" } ?? "")),
            ("training", "\(request.training.optimizer.rawValue), learning rate \(request.training.learningRate), "
                + "batch \(request.training.batchSize), \(history.count) epochs"),
            ("result", summary),
        ]
        if let embeddingCoverage { summary.append(("pretrained vectors", embeddingCoverage)) }
        var tables: [ReportTable] = []
        if let scores = test ?? dev {
            let split = test == nil ? "dev" : "test"
            if let spans = scores.spans {
                tables.append(ReportTable(title: "Entities by type (\(split), conlleval)",
                                          header: ["type", "gold", "found", "correct", "precision", "recall", "F1"],
                                          rows: spans.types.map { row in
                                              [row.type, String(row.gold), String(row.found), String(row.correct),
                                               printfFixed(row.precision), printfFixed(row.recall), printfFixed(row.f1)]
                                          } + [["all", String(spans.counts.goldTotal), String(spans.counts.foundTotal),
                                                String(spans.counts.correctTotal), printfFixed(spans.overall.precision),
                                                printfFixed(spans.overall.recall), printfFixed(spans.overall.f1)]]))
                let labels = spans.confusion.labels
                tables.append(ReportTable(title: "Token confusion (\(split); rows gold, columns predicted)",
                                          header: ["gold \\ predicted"] + labels.map { spans.table.types.string($0) },
                                          rows: labels.map { gold in
                                              [spans.table.types.string(gold)] + labels.map { String(spans.confusion.count(gold: gold, predicted: $0)) }
                                          }, heat: true))
            } else {
                let names = [3: "UPOS", 4: "XPOS", 5: "FEATS"]
                tables.append(ReportTable(title: "Accuracy by column (\(split))", header: ["column", "accuracy", "words"],
                                          rows: zip(configuration.columns.labels, scores.accuracy).map { column, accuracy in
                                              [names[column] ?? "column \(column + 1)", printfFixed(accuracy), String(scores.words)]
                                          }))
            }
        }
        return HTMLReport(title: isNER ? "TagKit NER tagger" : "TagKit morphological tagger", summary: summary,
                          history: history, scoreName: isNER ? "dev F1" : "dev accuracy", tables: tables)
    }
}
