/// How a model is trained: optimizer, schedule, batches, stopping, seed. Stored in the model file
/// beside the architecture so a model says how it was made.
///
/// Defaults are the R1 recipe: SGD with learning rate 0.015 and momentum 0.9, decayed as
/// `lr / (1 + 0.05 · epoch)`, global gradient norm clipped at 5, batches of 10 sentences.
public struct TrainingConfiguration: Codable, Equatable, Sendable {
    public enum OptimizerKind: String, Codable, CaseIterable, Sendable { case sgd, adam, adadelta }

    /// Passes over the training data (at most; early stopping may end sooner).
    public var epochs: Int = 20
    /// Sentences (or texts) per update.
    public var batchSize: Int = 10
    public var optimizer: OptimizerKind = .sgd
    /// The initial learning rate η₀.
    public var learningRate: Float = 0.015
    /// SGD momentum (ignored by Adam).
    public var momentum: Float = 0.9
    /// `d` in `η_epoch = η₀ / (1 + d · epoch)`; 0 keeps the rate constant.
    public var learningRateDecay: Float = 0.05
    /// Maximum global L2 norm of the gradients; 0 disables clipping.
    public var clipNorm: Float = 5
    /// L2 weight decay added by the optimizer.
    public var weightDecay: Float = 0
    /// Stop after this many epochs without a better dev score (`nil`: run every epoch).
    public var patience: Int?
    /// Seeds initialisation, dropout and batch order: the same seed gives the same model, bit for bit.
    public var seed: UInt64 = 1

    public init() {}
}
