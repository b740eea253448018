import TagKitTensor

/// Stochastic gradient descent, per example or per batch (whatever the gradients were
/// accumulated over), with optional momentum and L2 weight decay, as PyTorch's `SGD`:
///
/// `g ← ∇θ + λθ`; with momentum μ > 0: `v ← μv + g`, `θ ← θ − ηv`; without: `θ ← θ − ηg`.
public final class SGD: Optimizer {
    /// The parameters updated, in order.
    public let parameters: [Parameter]
    /// η.
    public var learningRate: Float
    /// μ; 0 for plain SGD.
    public let momentum: Float
    /// λ, the L2 coefficient added to the gradient.
    public let weightDecay: Float
    private var velocities: [Tensor]

    /// An optimizer with zero velocities for `parameters`.
    public init(parameters: [Parameter], learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        velocities = momentum > 0 ? parameters.map { Tensor.zeros($0.value.shape) } : []
    }

    /// One update from the accumulated gradients, which are then cleared.
    public func step() {
        let (eta, mu, lambda) = (learningRate, momentum, weightDecay)
        for (index, parameter) in parameters.enumerated() where parameter.isTrainable {
            parameter.gradient.withUnsafeBufferPointer { g in
                parameter.forEachUpdatedRange { range in
                    parameter.value.withUnsafeMutableBufferPointer { theta in
                        if mu > 0 {
                            velocities[index].withUnsafeMutableBufferPointer { v in
                                for i in range {
                                    v[i] = mu * v[i] + (g[i] + lambda * theta[i])
                                    theta[i] -= eta * v[i]
                                }
                            }
                        } else {
                            for i in range { theta[i] -= eta * (g[i] + lambda * theta[i]) }
                        }
                    }
                }
            }
            parameter.zeroGradient()
        }
    }
}
