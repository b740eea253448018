/// Learning-rate decay `η_epoch = η₀ / (1 + decay · epoch)` (epochs counted from 0).
public struct InverseTimeDecay: Sendable {
    /// η₀, the rate of epoch 0.
    public var initialLearningRate: Float
    /// d.
    public var decay: Float

    /// The schedule `η₀ / (1 + d · epoch)`.
    public init(initialLearningRate: Float, decay: Float) {
        self.initialLearningRate = initialLearningRate
        self.decay = decay
    }

    /// The learning rate for `epoch`.
    public func learningRate(epoch: Int) -> Float {
        initialLearningRate / (1 + decay * Float(epoch))
    }
}
