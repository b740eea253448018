#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TagKitTensor

/// The activation functions of the lecture, each differentiable almost everywhere.
public enum Activation: String, CaseIterable, Sendable {
    /// `g(x) = x`.
    case identity
    /// `g(x) = max(x, 0)`; `g'(0)` is taken as 0.
    case relu
    /// `g(x) = σ(x) = eˣ / (eˣ + 1)`.
    case sigmoid
    /// `g(x) = tanh x = 2σ(2x) − 1`.
    case tanh

    /// `g(x)` for one value.
    @inlinable
    public func apply(_ x: Float) -> Float {
        switch self {
        case .identity: x
        case .relu: x > 0 ? x : 0
        case .sigmoid: x >= 0 ? 1 / (1 + expf(-x)) : expf(x) / (1 + expf(x))
        case .tanh: tanhf(x)
        }
    }

    /// `g'(x)` written through the output `y = g(x)` (for ReLU, `y > 0` exactly when `x > 0`).
    @inlinable
    public func derivative(output y: Float) -> Float {
        switch self {
        case .identity: 1
        case .relu: y > 0 ? 1 : 0
        case .sigmoid: y * (1 - y)
        case .tanh: 1 - y * y
        }
    }

    /// Applies the function to every element of `x`.
    public func callAsFunction(_ x: Variable) -> Variable {
        switch self {
        case .identity: x
        case .relu: x.relu()
        case .sigmoid: x.sigmoid()
        case .tanh: x.tanh()
        }
    }
}

extension Variable {
    /// `max(x, 0)` elementwise; ∂/∂x = 1 where x > 0, else 0.
    public func relu() -> Variable {
        mapElements(Activation.relu.apply, derivative: { _, y in Activation.relu.derivative(output: y) })
    }

    /// `1 / (1 + e⁻ˣ)` elementwise (computed without overflow for large |x|); ∂/∂x = y(1 − y).
    public func sigmoid() -> Variable {
        mapElements(Activation.sigmoid.apply, derivative: { _, y in Activation.sigmoid.derivative(output: y) })
    }

    /// `tanh x` elementwise; ∂/∂x = 1 − y².
    public func tanh() -> Variable {
        mapElements(Activation.tanh.apply, derivative: { _, y in Activation.tanh.derivative(output: y) })
    }
}
