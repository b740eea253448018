import TagKitTensor

/// The global L2 norm of all gradients, `√(Σ_p Σ_i g_pi²)` (accumulated in Double); if it exceeds
/// `maximumNorm`, every gradient is scaled by `maximumNorm / norm`. Returns the norm before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maximumNorm: Float) -> Float {
    var total = 0.0
    for parameter in parameters where parameter.isTrainable {
        parameter.gradient.withUnsafeBufferPointer { g in
            parameter.forEachUpdatedRange { range in
                let base = g.baseAddress! + range.lowerBound
                total += Double(VectorMath.dot(base, base, count: range.count))
            }
        }
    }
    let norm = Float(total.squareRoot())
    guard norm > maximumNorm, norm > 0 else { return norm }
    let scale = maximumNorm / norm
    for parameter in parameters where parameter.isTrainable {
        parameter.forEachUpdatedRange { range in
            parameter.gradient.withUnsafeMutableBufferPointer { g in
                for i in range { g[i] *= scale }
            }
        }
    }
    return norm
}
