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
    public func callAsFunction(_ x: Variable) -> Variable { x.activated(self) }
}

extension Activation {
    /// `x ← g(x)` over a buffer (the case is chosen once, outside the loop).
    func apply(_ x: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .identity:
            return
        case .relu:
            var i = 0
            while i + 16 <= x.count {
                let pointer = UnsafeMutableRawPointer(x.baseAddress! + i)
                var lanes = pointer.loadUnaligned(as: SIMD16<Float>.self)
                lanes.replace(with: 0, where: lanes .< 0)
                pointer.storeBytes(of: lanes, as: SIMD16<Float>.self)
                i += 16
            }
            while i < x.count { x[i] = x[i] > 0 ? x[i] : 0; i += 1 }
        case .sigmoid:
            for i in x.indices { x[i] = Activation.sigmoid.apply(x[i]) }
        case .tanh:
            for i in x.indices { x[i] = tanhf(x[i]) }
        }
    }

    /// `dx += g'(x) ∘ dy`, with `g'` written through the output `y = g(x)`.
    func accumulateGradient(output y: UnsafeBufferPointer<Float>, outputGradient dy: UnsafeBufferPointer<Float>,
                            into dx: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .identity:
            for i in dx.indices { dx[i] += dy[i] }
        case .relu:
            for i in dx.indices where y[i] > 0 { dx[i] += dy[i] }
        case .sigmoid:
            for i in dx.indices { dx[i] += y[i] * (1 - y[i]) * dy[i] }
        case .tanh:
            for i in dx.indices { dx[i] += (1 - y[i] * y[i]) * dy[i] }
        }
    }
}

extension Variable {
    /// `g(x)` elementwise, one primitive for every activation; VJP `dx = g'(x) ∘ dy` (from the output).
    public func activated(_ activation: Activation) -> Variable {
        guard activation != .identity else { return self }
        var output = value
        output.withUnsafeMutableBufferPointer { activation.apply($0) }
        let result = output
        return tape.record(inputs: [self], output: output) { context in
            let dy = context.outputGradient(0)
            context.accumulateGradient(ofInput: 0) { dx in
                result.withUnsafeBufferPointer { y in
                    dy.withUnsafeBufferPointer { g in activation.accumulateGradient(output: y, outputGradient: g, into: dx) }
                }
            }
        }
    }

    /// `max(x, 0)` elementwise; ∂/∂x = 1 where x > 0, else 0.
    public func relu() -> Variable { activated(.relu) }

    /// `1 / (1 + e⁻ˣ)` elementwise (computed without overflow for large |x|); ∂/∂x = y(1 − y).
    public func sigmoid() -> Variable { activated(.sigmoid) }

    /// `tanh x` elementwise; ∂/∂x = 1 − y².
    public func tanh() -> Variable { activated(.tanh) }
}
