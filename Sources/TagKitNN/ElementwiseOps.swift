#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TagKitTensor

/// Elementwise ops on variables of equal shape, and with scalars. Each is a primitive with a
/// hand-written vector-Jacobian product.
extension Variable {
    /// `y = f(x)` elementwise, with `∂y/∂x = derivative(x, y)`. Inlined into each caller so the
    /// closures become straight-line loop bodies.
    @inline(__always)
    func mapElements(_ f: (Float) -> Float, derivative: @escaping (Float, Float) -> Float) -> Variable {
        let input = value
        var output = input
        output.withUnsafeMutableBufferPointer { y in
            for i in y.indices { y[i] = f(y[i]) }
        }
        let result = output
        return tape.record(inputs: [self], output: output) { context in
            let dy = context.outputGradient(0)
            context.accumulateGradient(ofInput: 0) { dx in
                input.withUnsafeBufferPointer { x in
                    result.withUnsafeBufferPointer { y in
                        dy.withUnsafeBufferPointer { dy in
                            for i in dx.indices { dx[i] += derivative(x[i], y[i]) * dy[i] }
                        }
                    }
                }
            }
        }
    }

    /// `eˣ` elementwise.
    public func exp() -> Variable { mapElements({ expf($0) }, derivative: { _, y in y }) }
    /// `ln x` elementwise (x > 0).
    public func log() -> Variable { mapElements({ logf($0) }, derivative: { x, _ in 1 / x }) }
    /// `x²` elementwise.
    public func squared() -> Variable { mapElements({ $0 * $0 }, derivative: { x, _ in 2 * x }) }

    /// `a + b`, elementwise, shapes equal.
    public static func + (a: Variable, b: Variable) -> Variable { combine(a, b, sign: 1) }
    /// `a − b`, elementwise, shapes equal.
    public static func - (a: Variable, b: Variable) -> Variable { combine(a, b, sign: -1) }

    private static func combine(_ a: Variable, _ b: Variable, sign: Float) -> Variable {
        precondition(a.shape == b.shape, "elementwise op on shapes \(a.shape) and \(b.shape)")
        var output = a.value
        b.value.withUnsafeBufferPointer { pb in
            output.withUnsafeMutableBufferPointer { po in
                VectorMath.add(sign, times: pb.baseAddress!, into: po.baseAddress!, count: po.count)
            }
        }
        return a.tape.record(inputs: [a, b], output: output) { context in
            let dy = context.outputGradient(0)
            if context.needsGradient(ofInput: 0) { context.accumulateGradient(dy, ofInput: 0) }
            if context.needsGradient(ofInput: 1) {
                dy.withUnsafeBufferPointer { g in
                    context.accumulateGradient(ofInput: 1) { db in
                        VectorMath.add(sign, times: g.baseAddress!, into: db.baseAddress!, count: db.count)
                    }
                }
            }
        }
    }

    /// `a ∘ b` (Hadamard product), shapes equal.
    public static func * (a: Variable, b: Variable) -> Variable {
        precondition(a.shape == b.shape, "elementwise product of shapes \(a.shape) and \(b.shape)")
        let (va, vb) = (a.value, b.value)
        var output = va
        vb.withUnsafeBufferPointer { pb in
            output.withUnsafeMutableBufferPointer { po in
                for i in po.indices { po[i] *= pb[i] }
            }
        }
        return a.tape.record(inputs: [a, b], output: output) { context in
            let dy = context.outputGradient(0)
            for (i, other) in [(0, vb), (1, va)] where context.needsGradient(ofInput: i) {
                context.accumulateGradient(ofInput: i) { dx in
                    other.withUnsafeBufferPointer { o in
                        dy.withUnsafeBufferPointer { g in
                            for k in dx.indices { dx[k] += o[k] * g[k] }
                        }
                    }
                }
            }
        }
    }

    /// `s · x`, elementwise.
    public static func * (s: Float, x: Variable) -> Variable {
        var output = x.value
        output.withUnsafeMutableBufferPointer { y in for i in y.indices { y[i] *= s } }
        return x.tape.record(inputs: [x], output: output) { context in
            let dy = context.outputGradient(0)
            dy.withUnsafeBufferPointer { g in
                context.accumulateGradient(ofInput: 0) { dx in
                    VectorMath.add(s, times: g.baseAddress!, into: dx.baseAddress!, count: dx.count)
                }
            }
        }
    }

    /// `x + s`, elementwise.
    public static func + (x: Variable, s: Float) -> Variable {
        var output = x.value
        output.withUnsafeMutableBufferPointer { y in for i in y.indices { y[i] += s } }
        return x.tape.record(inputs: [x], output: output) { context in
            context.accumulateGradient(context.outputGradient(0), ofInput: 0)
        }
    }

    /// `s − x`, elementwise.
    public static func - (s: Float, x: Variable) -> Variable { (-1 * x) + s }
}
