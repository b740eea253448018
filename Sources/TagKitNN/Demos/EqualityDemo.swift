import TagKitTensor

/// Lecture item 1: testing whether two binary inputs are equal.
///
/// Equality on {0,1}² is XOR-like: a linear classifier `sign(w₁x + w₂y + b)` cannot compute it,
/// because its scores always satisfy `f(0,0) + f(1,1) = f(0,1) + f(1,0)` (both sides equal
/// `w₁ + w₂ + 2b`), so the two equal pairs cannot both be positive while the two unequal pairs are
/// both negative. The lecture's two-layer net with ReLU can: `z₁ = x + y − 1`, `z₂ = 1 − (x + y)`,
/// `h = relu(z)`, `out = 2(h₁ + h₂) − 1` gives +1 on (0,0), (1,1) and −1 on (0,1), (1,0).
/// Without the activation the same weights give −1 everywhere.
public enum EqualityDemo {
    /// The four inputs `(x, y)`, in the lecture's order.
    public static let inputs: [(Float, Float)] = [(0, 0), (0, 1), (1, 0), (1, 1)]
    /// The targets: 1 when `x == y`, else 0 (the class, for training).
    public static let targets: [Float] = inputs.map { $0.0 == $0.1 ? 1 : 0 }

    /// One line of the lecture's table.
    public struct Row: Equatable, Sendable {
        /// Inputs, hidden pre-activations, hidden activations, and the output `2(h1 + h2) − 1`.
        public var x: Float, y: Float, z1: Float, z2: Float, h1: Float, h2: Float, output: Float
    }

    /// The lecture's hand-set network as two `Dense` layers: hidden `W = [[1, 1], [−1, −1]]`,
    /// `b = [−1, 1]` with `activation`; output `W = [[2, 2]]`, `b = [−1]`.
    public static func handSetNetwork(activation: Activation = .relu) -> (hidden: Dense, output: Dense) {
        (Dense(name: "hidden", weight: Tensor(shape: [2, 2], scalars: [1, 1, -1, -1]),
               bias: Tensor(shape: [2], scalars: [-1, 1]), activation: activation),
         Dense(name: "output", weight: Tensor(shape: [1, 2], scalars: [2, 2]),
               bias: Tensor(shape: [1], scalars: [-1])))
    }

    private static var inputTensor: Tensor {
        Tensor(shape: [4, 2], scalars: inputs.flatMap { [$0.0, $0.1] })
    }

    /// The lecture's table: every intermediate value of the hand-set net on the four inputs.
    public static func table(activation: Activation = .relu) -> [Row] {
        let (hidden, output) = handSetNetwork(activation: activation)
        let tape = Tape(training: false)
        let x = tape.constant(inputTensor)
        let z = linear(x, weight: tape.parameter(hidden.weight), bias: tape.parameter(hidden.bias))
        let h = activation(z)
        let out = output(h)
        return inputs.indices.map { i in
            Row(x: inputs[i].0, y: inputs[i].1, z1: z.value[i, 0], z2: z.value[i, 1],
                h1: h.value[i, 0], h2: h.value[i, 1], output: out.value[i, 0])
        }
    }

    /// The share of the four inputs on which `scores` (positive = "equal") is right.
    public static func accuracy(scores: [Float]) -> Double {
        Double(zip(scores, targets).filter { ($0 > 0) == ($1 == 1) }.count) / Double(targets.count)
    }

    /// The result of training a classifier on the four points.
    public struct TrainingResult: Sendable {
        /// The final scores (logits) on the four inputs.
        public var scores: [Float]
        /// The share classified right.
        public var accuracy: Double
        /// The final binary cross-entropy.
        public var loss: Float
    }

    /// Trains a linear classifier (`hidden: nil`) or a two-layer net with a ReLU hidden layer of
    /// `hidden` units, with binary cross-entropy on the logits and Adam, full batch. Weights start
    /// Glorot uniform, biases uniform in ±1/√fanIn.
    public static func train(hidden: Int?, steps: Int = 300, learningRate: Float = 0.05, seed: UInt64 = 1) -> TrainingResult {
        var generator = SeededGenerator(seed: seed)
        let layers: [Dense] = if let hidden {
            [Dense(name: "hidden", inputSize: 2, outputSize: hidden, activation: .relu, generator: &generator),
             Dense(name: "output", inputSize: hidden, outputSize: 1, generator: &generator)]
        } else {
            [Dense(name: "linear", inputSize: 2, outputSize: 1, generator: &generator)]
        }
        // With zero biases every hidden unit sits exactly on its kink at (0, 0), where ReLU passes no
        // gradient; start the biases as PyTorch does, uniform in ±1/√fanIn.
        for layer in layers {
            let bound = 1 / Float(layer.inputSize).squareRoot()
            layer.bias.value = Tensor.uniform(layer.bias.value.shape, lower: -bound, upper: bound, using: &generator)
        }
        let optimizer = Adam(parameters: layers.flatMap(\.parameters), learningRate: learningRate)
        let targets = Tensor(shape: [4, 1], scalars: self.targets)
        func forward(_ tape: Tape) -> Variable {
            layers.reduce(tape.constant(inputTensor)) { x, layer in layer(x) }
        }
        for _ in 0..<steps {
            let tape = Tape()
            tape.backward(binaryCrossEntropy(logits: forward(tape), targets: targets))
            optimizer.step()
        }
        let tape = Tape(training: false)
        let logits = forward(tape)
        let scores = logits.value.scalars
        return TrainingResult(scores: scores, accuracy: accuracy(scores: scores),
                              loss: binaryCrossEntropy(logits: logits, targets: targets).value.scalar)
    }

    /// The report `tagkit demo equality` prints.
    public static func report(seed: UInt64 = 1) -> String {
        func cell(_ text: String) -> String { String(repeating: " ", count: max(0, 14 - text.count)) + text }
        func number(_ v: Float) -> String { v == v.rounded() ? String(Int(v)) : String(format2: v) }
        var lines = ["Equality of two binary inputs (lecture item 1)", "",
                     "Hand-set two-layer net, g(x) = max(x, 0):",
                     "(x, y)" + ["z1 = x+y-1", "z2 = 1-(x+y)", "h1 = g(z1)", "h2 = g(z2)", "2(h1+h2)-1"].map(cell).joined()]
        for row in table() {
            lines.append("(\(Int(row.x)), \(Int(row.y)))" + [row.z1, row.z2, row.h1, row.h2, row.output].map { cell(number($0)) }.joined())
        }
        let identity = table(activation: .identity).map(\.output)
        lines += ["", "The same weights without the activation output \(identity.map { String(Int($0)) }.joined(separator: ", ")): "
                  + "accuracy \(percent(accuracy(scores: identity)))."]
        let linear = train(hidden: nil, seed: seed)
        let s = linear.scores
        lines += ["Trained linear classifier: accuracy \(percent(linear.accuracy)), loss \(String(format2: linear.loss)); "
                  + "f(0,0)+f(1,1) = \(String(format2: s[0] + s[3])) = f(0,1)+f(1,0) = \(String(format2: s[1] + s[2]))."]
        let net = train(hidden: 8, seed: seed)
        lines += ["Trained two-layer ReLU net (8 hidden units): accuracy \(percent(net.accuracy)), loss \(String(format2: net.loss))."]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }
}

extension String {
    /// `value` with two decimals (no Foundation formatting).
    init(format2 value: Float) {
        let scaled = (Double(value) * 100).rounded()
        let sign = scaled < 0 ? "-" : ""
        let magnitude = Int(abs(scaled))
        let fraction = magnitude % 100
        self = "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
