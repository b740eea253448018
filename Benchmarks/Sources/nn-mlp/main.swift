// nn-mlp: full training steps (forward, loss, backward, Adam) of a multilayer perceptron in TagKit
// and in PyTorch, one thread each, measured in the same run (three alternating rounds, best of
// each side). Prints steps/s and the ratio.
//
//   swift run -c release --package-path Benchmarks nn-mlp
import BenchmarkSupport
import Foundation
import TagKit

struct Shape {
    var sizes: [Int]
    var batch: Int
    var crossEntropyLoss: Bool
    var steps: Int
    var spec: String { "\(sizes.map(String.init).joined(separator: "-")):\(batch):\(crossEntropyLoss ? "ce" : "mse"):\(steps)" }
}

func tagkitStepsPerSecond(_ shape: Shape) -> Double {
    var generator = SeededGenerator(seed: 0)
    let layers = (0..<shape.sizes.count - 1).map { i in
        Dense(name: "l\(i)", inputSize: shape.sizes[i], outputSize: shape.sizes[i + 1],
              activation: i < shape.sizes.count - 2 ? .relu : .identity, generator: &generator)
    }
    let optimizer = Adam(parameters: layers.flatMap(\.parameters), learningRate: 1e-3)
    let x = Tensor.normal([shape.batch, shape.sizes[0]], using: &generator)
    let target = Tensor.normal([shape.batch, shape.sizes.last!], using: &generator)
    let labels = (0..<shape.batch).map { _ in generator.nextIndex(below: shape.sizes.last!) }
    func step() {
        let tape = Tape()
        let output = layers.reduce(tape.constant(x)) { h, layer in layer(h) }
        let loss = shape.crossEntropyLoss ? crossEntropy(logits: output, labels: labels) : meanSquaredError(output, target: target)
        tape.backward(loss)
        optimizer.step()
    }
    for _ in 0..<20 { step() }
    let seconds = Measure.median(warmup: 0, repeats: 5) { for _ in 0..<shape.steps { step() } }
    return Double(shape.steps) / seconds
}

/// The PyTorch script exited with an error.
struct TorchPeerFailed: Error {}

func torchStepsPerSecond(_ shapes: [Shape]) throws -> [String: Double] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Peer.python)
    let script = Peer.projectRoot.appendingPathComponent("Benchmarks/Scripts/nn_mlp_torch.py").path
    process.arguments = [script] + shapes.map(\.spec)
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw TorchPeerFailed() }
    var rates: [String: Double] = [:]
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
        let fields = line.split(separator: " ")
        if fields.count == 2, let rate = Double(fields[1]) { rates[String(fields[0])] = rate }
    }
    return rates
}

func main() throws {
    Gemm.threadCount = 1
    let shapes = [
        Shape(sizes: [1, 100, 100, 1], batch: 200, crossEntropyLoss: false, steps: 200),
        Shape(sizes: [300, 512, 512, 10], batch: 64, crossEntropyLoss: true, steps: 50),
        Shape(sizes: [300, 512, 512, 10], batch: 1, crossEntropyLoss: true, steps: 200),
    ]
    // The machine is shared: alternate the two sides for three rounds and keep each side's best.
    var torch: [String: Double] = [:], ours: [String: Double] = [:]
    for _ in 0..<3 {
        for (spec, rate) in try torchStepsPerSecond(shapes) { torch[spec] = max(torch[spec] ?? 0, rate) }
        for shape in shapes { ours[shape.spec] = max(ours[shape.spec] ?? 0, tagkitStepsPerSecond(shape)) }
    }
    print("shape (sizes:batch:loss:steps)      TagKit steps/s   PyTorch steps/s   TagKit/PyTorch")
    for shape in shapes {
        let (a, b) = (ours[shape.spec]!, torch[shape.spec] ?? .nan)
        print(shape.spec.padding(toLength: 36, withPad: " ", startingAt: 0),
              String(format: "%14.1f   %15.1f   %14.2f", a, b, a / b))
    }
}

try main()
