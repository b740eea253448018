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
    /// The parameters updated, in order.
    public let parameters: [Parameter]
    /// η.
    public var learningRate: Float
    /// β₁, β₂ (moment decay rates), ε (added to the denominator), λ (L2 weight decay).
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    private var firstMoments: [Tensor]
    private var secondMoments: [Tensor]
    /// The number of steps taken.
    public private(set) var stepCount = 0

    /// An optimizer with zero moments for `parameters` (PyTorch's defaults).
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

    /// One Adam update from the accumulated gradients, which are then cleared.
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
                                Self.update(theta.baseAddress! + range.lowerBound, m.baseAddress! + range.lowerBound,
                                            v.baseAddress! + range.lowerBound, g.baseAddress! + range.lowerBound,
                                            count: range.count, b1: b1, b2: b2, eps: eps, lambda: lambda,
                                            stepSize: stepSize, scale2: scale2)
                            }
                        }
                    }
                }
            }
            parameter.zeroGradient()
        }
    }

    /// The update of `count` consecutive elements, 16 lanes at a time (multiply and add written
    /// separately: no fused multiply-add on baseline x86-64).
    @inline(__always)
    private static func update(_ theta: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                               _ v: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, count: Int,
                               b1: Float, b2: Float, eps: Float, lambda: Float, stepSize: Float, scale2: Float) {
        typealias Lanes = SIMD16<Float>
        func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
        func store(_ x: Lanes, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: x, as: Lanes.self) }
        var i = 0
        while i + 16 <= count {
            let t = load(theta + i)
            let grad = load(g + i) + lambda * t
            let mi = b1 * load(m + i) + (1 - b1) * grad
            let vi = b2 * load(v + i) + (1 - b2) * (grad * grad)
            store(mi, m + i)
            store(vi, v + i)
            store(t - stepSize * mi / ((vi * scale2).squareRoot() + eps), theta + i)
            i += 16
        }
        while i < count {
            let grad = g[i] + lambda * theta[i]
            m[i] = b1 * m[i] + (1 - b1) * grad
            v[i] = b2 * v[i] + (1 - b2) * (grad * grad)
            theta[i] -= stepSize * m[i] / ((v[i] * scale2).squareRoot() + eps)
            i += 1
        }
    }
}
