import TagKitTensor

/// Adadelta (Zeiler, 2012), the optimizer of Kim's (2014) CNN, with optional L2 weight decay added to
/// the gradient; per element, with running averages `E[g²]` and `E[Δ²]` starting at 0:
///
/// `g ← ∇θ + λθ`, `E[g²] ← ρ·E[g²] + (1 − ρ)·g²`, `Δ ← √(E[Δ²] + ε) / √(E[g²] + ε) · g`,
/// `E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²`, `θ ← θ − η·Δ`.
///
/// The same update as PyTorch's `torch.optim.Adadelta` (η = 1, ρ = 0.95, ε = 1e-6 as Kim).
/// Sparse parameters update only their touched rows.
public final class Adadelta: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let rho: Float, epsilon: Float, weightDecay: Float
    private var squaredGradientAverages: [Tensor]
    private var squaredUpdateAverages: [Tensor]

    public init(parameters: [Parameter], learningRate: Float = 1, rho: Float = 0.95, epsilon: Float = 1e-6,
                weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.rho = rho
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        squaredGradientAverages = parameters.map { Tensor.zeros($0.value.shape) }
        squaredUpdateAverages = parameters.map { Tensor.zeros($0.value.shape) }
    }

    public func step() {
        let (rho, eps, lambda, eta) = (rho, epsilon, weightDecay, learningRate)
        for (index, parameter) in parameters.enumerated() where parameter.isTrainable {
            parameter.gradient.withUnsafeBufferPointer { g in
                squaredGradientAverages[index].withUnsafeMutableBufferPointer { eg in
                    squaredUpdateAverages[index].withUnsafeMutableBufferPointer { ed in
                        parameter.forEachUpdatedRange { range in
                            parameter.value.withUnsafeMutableBufferPointer { theta in
                                for i in range {
                                    let grad = g[i] + lambda * theta[i]
                                    eg[i] = rho * eg[i] + (1 - rho) * grad * grad
                                    let delta = (ed[i] + eps).squareRoot() / (eg[i] + eps).squareRoot() * grad
                                    ed[i] = rho * ed[i] + (1 - rho) * delta * delta
                                    theta[i] -= eta * delta
                                }
                            }
                        }
                    }
                }
            }
            parameter.zeroGradient()
        }
    }
}
