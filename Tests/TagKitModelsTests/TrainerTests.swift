import Testing
import TagKitNN
import TagKitTensor
import TagKitTestSupport
@testable import TagKitModels

/// A softmax classifier over 2-d points: the smallest model with a real loss.
private final class PointClassifier: TrainableModel {
    let layer: Dense
    /// Makes the loss NaN from this update on (counting updates), to test recovery.
    var poisonAfter: Int?
    private var updates = 0

    init(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        layer = Dense(inputSize: 2, outputSize: 2, generator: &generator)
    }

    var parameters: [Parameter] { layer.parameters }

    func loss(_ batch: [(Float, Float, Int)], on tape: Tape) -> Variable {
        updates += 1
        let inputs = tape.constant(Tensor(shape: [batch.count, 2], scalars: batch.flatMap { [$0.0, $0.1] }))
        let loss = crossEntropy(logits: layer(inputs), labels: batch.map(\.2))
        if let poisonAfter, updates > poisonAfter { return loss * tape.constant(Tensor(scalar: .nan)) }
        return loss
    }

    func tokenCount(_ example: (Float, Float, Int)) -> Int { 1 }

    func accuracy(_ data: [(Float, Float, Int)]) -> Double {
        let tape = Tape(training: false)
        let logits = layer(tape.constant(Tensor(shape: [data.count, 2], scalars: data.flatMap { [$0.0, $0.1] }))).value
        let correct = data.indices.filter { i in (logits[i, 1] > logits[i, 0] ? 1 : 0) == data[i].2 }.count
        return Double(correct) / Double(data.count)
    }
}

@Suite struct TrainerTests {
    /// Points labelled by which side of the line x + y = 0 they fall on.
    private func points(_ count: Int, seed: UInt64) -> [(Float, Float, Int)] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let x = generator.nextUnitFloat() * 2 - 1, y = generator.nextUnitFloat() * 2 - 1
            return (x, y, x + y > 0 ? 1 : 0)
        }
    }

    private var configuration: TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.epochs = 15
        configuration.learningRate = 0.5
        configuration.batchSize = 8
        return configuration
    }

    @Test func lossFallsAndTheModelLearns() throws {
        let model = PointClassifier(seed: 3)
        let data = points(200, seed: 1)
        let before = model.accuracy(data)
        let history = try Trainer(model: model, configuration: configuration).train(data)
        #expect(history.count == 15)
        #expect(history.last!.meanLoss < history.first!.meanLoss / 2)
        #expect(model.accuracy(data) > 0.95)
        #expect(model.accuracy(data) > before)
    }

    @Test func theSameSeedGivesTheSameParametersBitForBit() throws {
        let data = points(100, seed: 2)
        let first = PointClassifier(seed: 9), second = PointClassifier(seed: 9)
        try Trainer(model: first, configuration: configuration).train(data)
        try Trainer(model: second, configuration: configuration).train(data)
        #expect(first.parameters.map(\.value) == second.parameters.map(\.value))
        var other = configuration
        other.seed = 2
        let third = PointClassifier(seed: 9)
        try Trainer(model: third, configuration: other).train(data)
        #expect(first.parameters.map(\.value) != third.parameters.map(\.value))
    }

    @Test func keepsTheBestDevEpochAndStopsOnPatience() throws {
        let model = PointClassifier(seed: 4)
        let data = points(100, seed: 3)
        var configuration = configuration
        configuration.patience = 2
        configuration.epochs = 50
        var saved: [Tensor] = []
        var scores = [0.5, 0.9, 0.7, 0.8, 0.95]   // best at epoch 2 until epoch 5 would improve: patience stops at 4
        let history = try Trainer(model: model, configuration: configuration).train(
            data, devScore: { scores.removeFirst() }, onBest: { _ in saved = model.parameters.map(\.value) })
        #expect(history.count == 4)
        #expect(history.map(\.isBest) == [true, true, false, false])
        #expect(model.parameters.map(\.value) == saved)
    }

    @Test func aNonFiniteLossStopsAndRestoresTheLastGoodModel() throws {
        let model = PointClassifier(seed: 5)
        let data = points(40, seed: 4)
        var configuration = configuration
        configuration.batchSize = 40       // one update per epoch
        model.poisonAfter = 2
        var saved: [Tensor] = []
        #expect {
            try Trainer(model: model, configuration: configuration).train(
                data, devScore: { 1 }, onBest: { _ in saved = model.parameters.map(\.value) })
        } throws: { error in "\(error)".contains("the loss became nan in epoch 3, batch 1") }
        #expect(!saved.isEmpty)
        #expect(model.parameters.map(\.value) == saved)
    }
}
