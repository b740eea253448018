import ArgumentParser
import TagKit

extension TrainingConfiguration.OptimizerKind: ExpressibleByArgument {}

/// The options every `tagkit train` task shares: data, vectors, output, the optimisation schedule,
/// seeds, report and threads. Unset options keep the task's defaults.
struct TrainingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Training data (taggers: repeat to merge several files).", valueName: "file"))
    var train: [String]

    @Option(help: ArgumentHelp("Dev data for model selection (default: hold out 10 % of the training data, seeded).", valueName: "file"))
    var dev: String?

    @Option(help: ArgumentHelp("Test data, scored with the kept model.", valueName: "file"))
    var test: String?

    @Option(help: ArgumentHelp("Pretrained word vectors (word2vec text or binary, GloVe).", valueName: "file"))
    var embeddings: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the model (atomically).", valueName: "model"))
    var output: String

    @Option(help: "Passes over the training data (at most).")
    var epochs: Int?

    @Option(help: "Examples per update.")
    var batchSize: Int?

    @Option(help: "Optimizer.")
    var optimizer: TrainingConfiguration.OptimizerKind?

    @Option(help: "Initial learning rate.")
    var learningRate: Float?

    @Option(name: .customLong("lr-decay"), help: ArgumentHelp("d in lr / (1 + d · epoch); 0 keeps the rate constant.", valueName: "d"))
    var learningRateDecay: Float?

    @Option(help: ArgumentHelp("Maximum global gradient norm; 0 turns clipping off.", valueName: "norm"))
    var clip: Float?

    @Option(help: "Dropout rate.")
    var dropout: Float?

    @Option(help: "Stop after this many epochs without a better dev score.")
    var patience: Int?

    @Option(help: "Random seed (initialisation, dropout, batch order, held-out split).")
    var seed: UInt64 = 1

    @Option(help: "Train this many models (seeds seed, seed+1, …), report mean ± sd of test accuracy, keep the best on dev.")
    var seeds: Int = 1

    @Option(help: ArgumentHelp("Write an HTML report (learning curves, per-class table, confusion).", valueName: "file"))
    var report: String?

    @Option(help: "BLAS threads.")
    var threads: Int = 1

    func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1.") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1.") }
        if let learningRate, !(learningRate > 0) { throw ValidationError("--learning-rate must be positive.") }
        if let dropout, !(dropout >= 0 && dropout < 1) { throw ValidationError("--dropout must be in [0, 1).") }
        if let patience, patience < 1 { throw ValidationError("--patience must be at least 1.") }
        if seeds < 1 { throw ValidationError("--seeds must be at least 1.") }
        if threads < 1 { throw ValidationError("--threads must be at least 1.") }
    }

    /// `defaults` with every option given on the command line applied.
    func applied(to defaults: TrainingConfiguration) -> TrainingConfiguration {
        var configuration = defaults
        if let epochs { configuration.epochs = epochs }
        if let batchSize { configuration.batchSize = batchSize }
        if let optimizer { configuration.optimizer = optimizer }
        if let learningRate { configuration.learningRate = learningRate }
        if let learningRateDecay { configuration.learningRateDecay = learningRateDecay }
        if let clip { configuration.clipNorm = clip }
        if let patience { configuration.patience = patience }
        configuration.seed = seed
        return configuration
    }
}
