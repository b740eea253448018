#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TagKitTensor

/// Lecture item 6: approximating `y = sin x` on [−10, 10] with three fully connected layers
/// (`1 → n → n → 1`, ReLU on the hidden layers by default), for `n = 10` and `n = 100` hidden units.
///
/// The net sees `x / 10` (inputs scaled to [−1, 1]); the first layer's biases start uniform in
/// [−1, 1] so its units bend at different inputs (with zero biases every ReLU would bend at 0) and is trained with squared error and Adam on
/// `sampleCount` evenly spaced points, full batch; the reported error is the mean squared error on
/// `evaluationCount` points between them.
public enum SineDemo {
    /// What to train: width, activation, budget and data.
    public struct Configuration: Sendable {
        /// Units in each of the two hidden layers.
        public var hidden: Int
        /// The hidden layers' activation.
        public var activation: Activation
        /// Full-batch training steps.
        public var steps: Int
        /// Adam's η.
        public var learningRate: Float
        /// Seed of the initial weights.
        public var seed: UInt64
        /// Training points, evenly spaced on [−10, 10].
        public var sampleCount: Int
        /// Evaluation points, evenly spaced on [−10, 10].
        public var evaluationCount: Int

        /// A configuration; the defaults are those of `tagkit demo sine`.
        public init(hidden: Int, activation: Activation = .relu, steps: Int = 2000, learningRate: Float = 0.01, seed: UInt64 = 1,
                    sampleCount: Int = 200, evaluationCount: Int = 401) {
            self.hidden = hidden
            self.activation = activation
            self.steps = steps
            self.learningRate = learningRate
            self.seed = seed
            self.sampleCount = sampleCount
            self.evaluationCount = evaluationCount
        }
    }

    /// The trained net's fit.
    public struct Result: Sendable {
        /// Evaluation points `x` in [−10, 10].
        public var x: [Float]
        /// `sin x` at those points.
        public var target: [Float]
        /// The net's output there.
        public var prediction: [Float]
        /// Mean squared error over the evaluation points.
        public var meanSquaredError: Double
        /// Training loss (mean squared error on the training points) after the last step.
        public var trainingLoss: Float
    }

    /// `count` evenly spaced points from −10 to 10 inclusive.
    static func grid(_ count: Int) -> [Float] {
        (0..<count).map { -10 + 20 * Float($0) / Float(count - 1) }
    }

    /// Trains the net and evaluates it.
    public static func run(_ configuration: Configuration) -> Result {
        var generator = SeededGenerator(seed: configuration.seed)
        let n = configuration.hidden
        let layers = [Dense(name: "layer1", inputSize: 1, outputSize: n, activation: configuration.activation, generator: &generator),
                      Dense(name: "layer2", inputSize: n, outputSize: n, activation: configuration.activation, generator: &generator),
                      Dense(name: "layer3", inputSize: n, outputSize: 1, generator: &generator)]
        // Zero biases would put every first-layer unit's kink at x = 0; spread them over the input range.
        layers[0].bias.value = Tensor.uniform([n], lower: -1, upper: 1, using: &generator)
        let optimizer = Adam(parameters: layers.flatMap(\.parameters), learningRate: configuration.learningRate)
        func forward(_ tape: Tape, _ x: [Float]) -> Variable {
            layers.reduce(tape.constant(Tensor(shape: [x.count, 1], scalars: x.map { $0 / 10 }))) { h, layer in layer(h) }
        }
        let samples = grid(configuration.sampleCount)
        let sampleTargets = Tensor(shape: [samples.count, 1], scalars: samples.map { sinf($0) })
        var trainingLoss: Float = .nan
        for _ in 0..<configuration.steps {
            let tape = Tape()
            let loss = meanSquaredError(forward(tape, samples), target: sampleTargets)
            trainingLoss = loss.value.scalar
            tape.backward(loss)
            optimizer.step()
        }
        let points = grid(configuration.evaluationCount)
        let target = points.map { sinf($0) }
        let prediction = forward(Tape(training: false), points).value.scalars
        let error = zip(prediction, target).map { Double($0 - $1) * Double($0 - $1) }.reduce(0, +) / Double(points.count)
        return Result(x: points, target: target, prediction: prediction, meanSquaredError: error, trainingLoss: trainingLoss)
    }

    /// The lines `tagkit demo sine` prints.
    public static func summary(_ result: Result, _ configuration: Configuration) -> String {
        let n = configuration.hidden
        return "y = sin x on [-10, 10], layers 1 → \(n) → \(n) → 1 (\(configuration.activation)), "
            + "\(configuration.steps) Adam steps, learning rate \(configuration.learningRate)\n"
            + "training MSE \(scientific(Double(result.trainingLoss))), evaluation MSE \(scientific(result.meanSquaredError))"
            + " on \(result.x.count) points\n"
    }

    /// `value` as `d.ddde±x`.
    static func scientific(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return "\(value)" }
        var exponent = Int(log10(value).rounded(.down))
        var mantissa = value / pow(10, Double(exponent))
        if (mantissa * 1000).rounded() >= 10_000 { mantissa /= 10; exponent += 1 }
        let digits = Int((mantissa * 1000).rounded())
        let fraction = String(digits % 1000)
        return "\(digits / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)e\(exponent < 0 ? "-" : "+")\(abs(exponent))"
    }

    /// An SVG line plot of the target (`sin x`) and the fit.
    public static func svg(_ result: Result, title: String) -> String {
        SVGPlot(title: title, xRange: -10...10, yRange: -1.5...1.5).render(series: [
            SVGPlot.Series(label: "sin x", color: "#1f77b4", x: result.x, y: result.target),
            SVGPlot.Series(label: "network", color: "#d62728", x: result.x, y: result.prediction),
        ])
    }
}
