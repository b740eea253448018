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
        mapElements({ $0 > 0 ? $0 : 0 }, derivative: { x, _ in x > 0 ? 1 : 0 })
    }

    /// `1 / (1 + e⁻ˣ)` elementwise (computed without overflow for large |x|); ∂/∂x = y(1 − y).
    public func sigmoid() -> Variable {
        mapElements({ x in
            x >= 0 ? 1 / (1 + expf(-x)) : expf(x) / (1 + expf(x))
        }, derivative: { _, y in y * (1 - y) })
    }

    /// `tanh x` elementwise; ∂/∂x = 1 − y².
    public func tanh() -> Variable {
        mapElements({ tanhf($0) }, derivative: { _, y in 1 - y * y })
    }
}
