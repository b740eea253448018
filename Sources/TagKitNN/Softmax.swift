#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TagKitTensor

extension Variable {
    /// Softmax over the last axis: `y_j = e^{x_j − m} / Σ_k e^{x_k − m}` with `m = max_k x_k`
    /// (the shift keeps every exponent ≤ 0). Shape unchanged.
    /// VJP per row: `dx = y ∘ (dy − ⟨dy, y⟩)`.
    public func softmax() -> Variable {
        let columns = value.columnCount
        var output = value
        output.withUnsafeMutableBufferPointer { y in
            for row in 0..<(columns == 0 ? 0 : y.count / columns) {
                let p = y.baseAddress! + row * columns
                let m = VectorMath.maximum(p, count: columns)
                var total: Float = 0
                for j in 0..<columns { p[j] = expf(p[j] - m); total += p[j] }
                let scale = 1 / total
                for j in 0..<columns { p[j] *= scale }
            }
        }
        let result = output
        return tape.record(inputs: [self], output: output) { context in
            let dy = context.outputGradient(0)
            context.accumulateGradient(ofInput: 0) { dx in
                result.withUnsafeBufferPointer { y in
                    dy.withUnsafeBufferPointer { g in
                        for row in 0..<(dx.count / columns) {
                            let base = row * columns
                            let inner = VectorMath.dot(y.baseAddress! + base, g.baseAddress! + base, count: columns)
                            for j in base..<base + columns { dx[j] += y[j] * (g[j] - inner) }
                        }
                    }
                }
            }
        }
    }

    /// Log-softmax over the last axis: `y_j = x_j − m − ln Σ_k e^{x_k − m}`, `m = max_k x_k`
    /// (numerically stable). Shape unchanged. VJP per row: `dx = dy − softmax(x) · Σ_j dy_j`.
    public func logSoftmax() -> Variable {
        let columns = value.columnCount
        var output = value
        output.withUnsafeMutableBufferPointer { y in
            for row in 0..<(columns == 0 ? 0 : y.count / columns) {
                let p = y.baseAddress! + row * columns
                let m = VectorMath.maximum(p, count: columns)
                var total: Float = 0
                for j in 0..<columns { total += expf(p[j] - m) }
                let shift = m + logf(total)
                for j in 0..<columns { p[j] -= shift }
            }
        }
        let result = output
        return tape.record(inputs: [self], output: output) { context in
            let dy = context.outputGradient(0)
            context.accumulateGradient(ofInput: 0) { dx in
                result.withUnsafeBufferPointer { y in
                    dy.withUnsafeBufferPointer { g in
                        for row in 0..<(dx.count / columns) {
                            let base = row * columns
                            let total = VectorMath.sum(g.baseAddress! + base, count: columns)
                            for j in base..<base + columns { dx[j] += g[j] - expf(y[j]) * total }
                        }
                    }
                }
            }
        }
    }
}
