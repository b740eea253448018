#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TagKitNN
import TagKitTensor

/// A model the `Trainer` can fit: parameters, and a loss over a batch of examples.
public protocol TrainableModel: AnyObject {
    associatedtype Example
    /// Every parameter, in a fixed order (frozen ones included).
    var parameters: [Parameter] { get }
    /// The batch's mean loss, computed on `tape` (a training tape: dropout on).
    func loss(_ batch: [Example], on tape: Tape) -> Variable
    /// The example's size in tokens, for throughput figures.
    func tokenCount(_ example: Example) -> Int
    /// Runs after every optimizer step, for constraints on the parameters (e.g. Kim's max-norm).
    func didUpdateParameters()
}

extension TrainableModel {
    /// No constraint by default.
    public func didUpdateParameters() {}
}

/// What happened in one epoch.
public struct EpochRecord: Codable, Equatable, Sendable {
    /// 1-based.
    public var epoch: Int
    public var learningRate: Float
    /// Mean of the batch losses.
    public var meanLoss: Double
    /// Training time (forward, backward, update), seconds.
    public var seconds: Double
    public var tokensPerSecond: Double
    /// The dev score after the epoch (higher is better), if there is dev data.
    public var devScore: Double?
    /// Whether this epoch gave the best dev score so far (or, without dev data, is the latest).
    public var isBest: Bool
}

/// Progress reports during training, for a progress bar or a log.
public enum TrainingEvent: Sendable {
    /// After each update: epoch (1-based), batches done and in all, tokens/s so far this epoch, the batch loss.
    case batch(epoch: Int, done: Int, total: Int, tokensPerSecond: Double, loss: Double)
    /// After each epoch.
    case epoch(EpochRecord)
}

/// Why training stopped early with an error.
public struct TrainingError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Fits a model by mini-batch gradient descent with the schedule of a `TrainingConfiguration`,
/// keeping the parameters of the epoch with the best dev score.
public final class Trainer<Model: TrainableModel> {
    public let model: Model
    public let configuration: TrainingConfiguration
    private let optimizer: any Optimizer
    private var generator: SeededGenerator

    public init(model: Model, configuration: TrainingConfiguration) {
        self.model = model
        self.configuration = configuration
        let trainable = model.parameters.filter(\.isTrainable)
        switch configuration.optimizer {
        case .sgd:
            optimizer = SGD(parameters: trainable, learningRate: configuration.learningRate,
                            momentum: configuration.momentum, weightDecay: configuration.weightDecay)
        case .adam:
            optimizer = Adam(parameters: trainable, learningRate: configuration.learningRate,
                             weightDecay: configuration.weightDecay)
        case .adadelta:
            optimizer = Adadelta(parameters: trainable, learningRate: configuration.learningRate,
                                 weightDecay: configuration.weightDecay)
        }
        generator = SeededGenerator(seed: configuration.seed ^ 0x7472_6169_6E65_7221)
    }

    /// Trains on `examples`. After each epoch `devScore` (if given) scores the model; when it improves,
    /// `onBest` runs (e.g. to save the model). At the end the best parameters are restored.
    ///
    /// A non-finite loss stops training: the best parameters so far are restored and a
    /// `TrainingError` is thrown, so whatever `onBest` saved stays the last good model.
    @discardableResult
    public func train(_ examples: [Model.Example], batchSize: Int? = nil,
                      devScore: (() throws -> Double)? = nil,
                      onBest: (EpochRecord) throws -> Void = { _ in },
                      observe: (TrainingEvent) -> Void = { _ in }) throws -> [EpochRecord] {
        guard !examples.isEmpty else { throw TrainingError(description: "the training data holds no examples") }
        let batching = LengthBatches(batchSize: batchSize ?? configuration.batchSize)
        let lengths = examples.map(model.tokenCount)
        let schedule = InverseTimeDecay(initialLearningRate: configuration.learningRate, decay: configuration.learningRateDecay)
        var history: [EpochRecord] = []
        var best: (score: Double, values: [Tensor])?
        var sinceBest = 0
        for epoch in 1...max(1, configuration.epochs) {
            optimizer.learningRate = schedule.learningRate(epoch: epoch - 1)
            let batches = batching.batches(lengths: lengths, generator: &generator)
            let start = monotonicSeconds()
            var tokens = 0
            var lossSum = 0.0
            for (index, batch) in batches.enumerated() {
                // The tape holds every parameter's value: it must be gone before the in-place update,
                // or each update copies the parameters (copy-on-write), whole embedding tables included.
                let value = forwardBackward(batch.map { examples[$0] })
                guard value.isFinite else {
                    if let best { restore(best.values) }
                    throw TrainingError(description: "the loss became \(value) in epoch \(epoch), batch \(index + 1); "
                        + "training stopped and the last good model was kept (try a lower learning rate or clipping)")
                }
                if configuration.clipNorm > 0 { clipGradientNorm(optimizer.parameters, maximumNorm: configuration.clipNorm) }
                optimizer.step()
                model.didUpdateParameters()
                lossSum += value
                tokens += batch.reduce(0) { $0 + lengths[$1] }
                let elapsed = monotonicSeconds() - start
                observe(.batch(epoch: epoch, done: index + 1, total: batches.count,
                               tokensPerSecond: elapsed > 0 ? Double(tokens) / elapsed : 0, loss: value))
            }
            let seconds = monotonicSeconds() - start
            let score = try devScore?()
            let improved = score.map { value in best.map { value > $0.score } ?? true } ?? true
            let record = EpochRecord(epoch: epoch, learningRate: optimizer.learningRate, meanLoss: lossSum / Double(batches.count),
                                     seconds: seconds, tokensPerSecond: seconds > 0 ? Double(tokens) / seconds : 0,
                                     devScore: score, isBest: improved)
            history.append(record)
            observe(.epoch(record))
            if improved {
                best = (score ?? Double(epoch), model.parameters.map(\.value))
                sinceBest = 0
                try onBest(record)
            } else {
                sinceBest += 1
                if let patience = configuration.patience, sinceBest >= patience { break }
            }
        }
        if let best { restore(best.values) }
        return history
    }

    /// The batch's loss; when finite, its gradients are accumulated into the parameters.
    private func forwardBackward(_ batch: [Model.Example]) -> Double {
        let tape = Tape(training: true)
        let loss = model.loss(batch, on: tape)
        let value = Double(loss.value.scalar)
        if value.isFinite { tape.backward(loss) }
        return value
    }

    private func restore(_ values: [Tensor]) {
        for (parameter, value) in zip(model.parameters, values) { parameter.value = value }
    }
}

/// Seconds on a monotonic clock.
func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}
