import ArgumentParser
import TagKit

/// `tagkit train`: fit a model and write it to a file.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model and write it (atomically) to --output.",
        discussion: """
            --task ner: a sequence tagger for named entities on CoNLL / .iob2 files (repeat --train to \
            merge corpora). --task morph: UPOS and FEATS (--xpos: also XPOS) from CoNLL-U, one encoder with \
            a head per column. Defaults are the R1 tagger: 50-d words (or the --embeddings vectors), a \
            character CNN of 30 filters of width 3, one BiLSTM layer of 100 units per direction, dropout \
            0.5, CRF; SGD 0.015 with momentum 0.9, decay 0.05, clipping 5, batches of 10, 20 epochs, \
            early stopping on dev F1 (NER) or accuracy (morph). The best model is written each time dev \
            improves.

            --task classify: a text classifier on TSV data, one 'label<TAB>text' example per line \
            (--label-column/--text-column for other layouts, e.g. TREC's coarse<TAB>fine<TAB>text). \
            Defaults follow Kim (2014): Adadelta (learning rate 1, rho 0.95), batches of 50, 25 epochs, \
            dropout 0.5, max-norm 3 on the output rows. One line per epoch goes to standard error.
            """)

    enum Task: String, ExpressibleByArgument, CaseIterable {
        case ner, morph, classify
    }

    @Option(help: "What to train.")
    var task: Task

    @OptionGroup(title: "Training")
    var training: TrainingOptions

    @OptionGroup(title: "Sequence tagger (--task ner, --task morph)")
    var tagger: TaggerOptions

    @OptionGroup(title: "Text classifier (--task classify)")
    var classifier: ClassifierOptions

    func validate() throws {
        if task == .classify, training.train.count > 1 {
            throw ValidationError("--task classify takes one --train file.")
        }
        if task == .classify, classifier.embeddingMode.needsPretrainedVectors, training.embeddings == nil {
            throw ValidationError("--\(classifier.embeddingMode.rawValue) needs --embeddings.")
        }
        if task == .classify, classifier.embeddingMode == .rand, training.embeddings != nil {
            throw ValidationError("--embeddings needs --static, --non-static or --multichannel (--rand ignores it).")
        }
    }

    func run() throws {
        Gemm.threadCount = training.threads
        // Batches allocate and free the same buffers over and over; keep them instead of returning
        // them to the OS and faulting them in again (30–40 % of a BiLSTM batch, see bench-lstm).
        HeapRetention.keepFreedMemory()
        switch task {
        case .ner: try trainTagger(task: .ner)
        case .morph: try trainTagger(task: .morph)
        case .classify: try trainClassifier()
        }
    }

    private func trainTagger(task: TaggerConfiguration.Task) throws {
        var request = TaggerTrainingRequest(train: training.train, task: task, output: training.output,
                                            architecture: tagger.architecture(task: task, dropout: training.dropout),
                                            training: training.applied(to: TrainingConfiguration()))
        request.dev = training.dev
        request.test = training.test
        request.format = tagger.format
        request.tagColumn = tagger.tagColumn.map { $0 - 1 }
        request.entityTypes = tagger.keptTypes
        request.includeXPOS = tagger.xpos
        request.embeddings = training.embeddings
        request.pretrainedVocabulary = tagger.pretrainedVocabulary
        request.seedCount = training.seeds
        let progress = TrainingProgress(epochs: request.training.epochs)
        let result = try TaggerTraining.run(request, log: progress.log, observe: progress.observe)
        progress.log(result.summary)
        progress.log("wrote \(request.output)")
        if let path = training.report {
            let output = try OutputFile(path: path)
            try output.write(result.report(request: request).render())
            try output.commit()
            progress.log("wrote \(path)")
        }
    }

    private func trainClassifier() throws {
        // Reuse the per-batch buffers (im2col windows, gradients) instead of faulting fresh pages in.
        HeapRetention.keepFreedMemory()
        var job = TextClassifierTraining(trainPath: training.train[0])
        job.devPath = training.dev
        job.testPath = training.test
        job.embeddingsPath = training.embeddings
        job.outputPath = training.output
        job.reportPath = training.report
        job.reader = classifier.reader
        job.configuration = classifier.configuration(dropout: training.dropout)
        job.training = training.applied(to: .textClassifierDefaults)
        job.seedCount = training.seeds
        let progress = TrainingProgress(epochs: job.training.epochs)
        let outcome = try job.run(log: progress.log, observe: { _, event in progress.observe(event) })
        progress.log(outcome.summary)
    }
}
