import ArgumentParser
import TagKit

extension Activation: ExpressibleByArgument {}

/// `tagkit demo`: the lecture's demonstrations.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a demonstration from the introductory lecture on neural networks.",
        subcommands: [Equality.self, Sine.self])

    /// `tagkit demo equality`
    struct Equality: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Equality of two binary inputs: a linear classifier fails, a two-layer ReLU net succeeds.")

        @Option(help: "Seed for the trained classifiers.")
        var seed: UInt64 = 1

        func run() throws {
            Gemm.threadCount = 1
            let output = try OutputFile(path: nil)
            try output.write(EqualityDemo.report(seed: seed))
            try output.commit()
        }
    }

    /// `tagkit demo sine`
    struct Sine: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit y = sin x on [-10, 10] with three fully connected layers; print the MSE, optionally plot.")

        @Option(help: "Units in each hidden layer (the lecture compares 10 and 100).")
        var hidden: Int = 10

        @Option(help: "Activation of the hidden layers.")
        var activation: Activation = .relu

        @Option(help: "Full-batch training steps.")
        var steps: Int = 2000

        @Option(help: "Training points, evenly spaced on [-10, 10].")
        var samples: Int = 200

        @Option(help: "Adam learning rate.")
        var learningRate: Float = 0.01

        @Option(help: "Seed for the initial weights.")
        var seed: UInt64 = 1

        @Option(help: "Write an SVG plot of sin x and the fit to this file.")
        var svg: String?

        func validate() throws {
            guard hidden > 0 else { throw ValidationError("--hidden must be positive") }
            guard samples >= 2 else { throw ValidationError("--samples must be at least 2") }
            guard steps >= 0 else { throw ValidationError("--steps must not be negative") }
            guard learningRate > 0 else { throw ValidationError("--learning-rate must be positive") }
        }

        func run() throws {
            // One BLAS thread: the matrices are tiny, and the printed error is then the same on every run
            // (OpenBLAS splits sums differently for different thread counts).
            Gemm.threadCount = 1
            let configuration = SineDemo.Configuration(hidden: hidden, activation: activation, steps: steps,
                                                       learningRate: learningRate, seed: seed, sampleCount: samples)
            let result = SineDemo.run(configuration)
            let output = try OutputFile(path: nil)
            try output.write(SineDemo.summary(result, configuration))
            try output.commit()
            if let svg {
                let plot = try OutputFile(path: svg)
                try plot.write(SineDemo.svg(result, title: "y = sin x, 3 dense layers, \(hidden) hidden units"))
                try plot.commit()
            }
        }
    }
}
