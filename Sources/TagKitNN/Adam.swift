#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TagKitTensor

/// Adam (Kingma & Ba, 2015) with optional L2 weight decay added to the gradient:
///
/// `g ← ∇θ + λθ`, `m ← β₁m + (1 − β₁)g`, `v ← β₂v + (1 − β₂)g²`, `t ← t + 1`,
/// `θ ← θ − η · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)`.
///
/// `t` counts steps globally; sparse parameters update only their touched rows (like PyTorch's
/// `SparseAdam`).
public final class Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    private var firstMoments: [Tensor]
    private var secondMoments: [Tensor]
    /// The number of steps taken.
    public private(set) var stepCount = 0

    public init(parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        firstMoments = parameters.map { Tensor.zeros($0.value.shape) }
        secondMoments = parameters.map { Tensor.zeros($0.value.shape) }
    }

    public func step() {
        stepCount += 1
        let (b1, b2, eps, lambda) = (beta1, beta2, epsilon, weightDecay)
        let correction1 = 1 - Float(pow(Double(b1), Double(stepCount)))
        let correction2 = 1 - Float(pow(Double(b2), Double(stepCount)))
        let stepSize = learningRate / correction1
        let scale2 = 1 / correction2
        for (index, parameter) in parameters.enumerated() where parameter.isTrainable {
            parameter.gradient.withUnsafeBufferPointer { g in
                firstMoments[index].withUnsafeMutableBufferPointer { m in
                    secondMoments[index].withUnsafeMutableBufferPointer { v in
                        parameter.forEachUpdatedRange { range in
                            parameter.value.withUnsafeMutableBufferPointer { theta in
                                for i in range {
                                    let grad = g[i] + lambda * theta[i]
                                    m[i] = b1 * m[i] + (1 - b1) * grad
                                    v[i] = b2 * v[i] + (1 - b2) * grad * grad
                                    theta[i] -= stepSize * m[i] / ((v[i] * scale2).squareRoot() + eps)
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
