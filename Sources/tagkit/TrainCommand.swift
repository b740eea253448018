import ArgumentParser
import TagKit

/// `tagkit train`: fit a model and write it to a file.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model and write it (atomically) to --output.",
        discussion: """
            --task classify: a text classifier on TSV data, one 'label<TAB>text' example per line \
            (--label-column/--text-column for other layouts, e.g. TREC's coarse<TAB>fine<TAB>text). \
            Defaults follow Kim (2014): Adadelta (learning rate 1, rho 0.95), batches of 50, 25 epochs, \
            dropout 0.5, max-norm 3 on the output rows. One line per epoch goes to standard error.
            """)

    enum Task: String, ExpressibleByArgument, CaseIterable {
        case classify
    }

    @Option(help: "What to train.")
    var task: Task

    @OptionGroup(title: "Training")
    var training: TrainingOptions

    @OptionGroup(title: "Text classifier (--task classify)")
    var classifier: ClassifierOptions

    func validate() throws {
        if classifier.embeddingMode.needsPretrainedVectors, training.embeddings == nil {
            throw ValidationError("--\(classifier.embeddingMode.rawValue) needs --embeddings.")
        }
        if classifier.embeddingMode == .rand, training.embeddings != nil {
            throw ValidationError("--embeddings needs --static, --non-static or --multichannel (--rand ignores it).")
        }
    }

    func run() throws {
        Gemm.threadCount = training.threads
        switch task {
        case .classify: try trainClassifier()
        }
    }

    private func trainClassifier() throws {
        var job = TextClassifierTraining(trainPath: training.train)
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
