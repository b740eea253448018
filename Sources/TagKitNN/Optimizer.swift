import TagKitTensor

/// Updates parameters in place from their accumulated gradients.
///
/// `step()` applies the gradients accumulated since the last step (by one or more backward
/// passes) and clears them. Frozen parameters (`isTrainable == false`) are skipped. For a
/// parameter with a sparse gradient only the touched rows are updated ("lazy" updates: weight
/// decay and moment decay of an untouched row wait until the row is next touched), so an
/// embedding step costs O(touched rows), not O(vocabulary).
public protocol Optimizer: AnyObject {
    /// The parameters updated, in a fixed order.
    var parameters: [Parameter] { get }
    /// The step size η.
    var learningRate: Float { get set }
    /// Applies and clears the accumulated gradients.
    func step()
}

extension Optimizer {
    /// Clears every parameter's gradient without updating.
    public func zeroGradients() {
        for parameter in parameters { parameter.zeroGradient() }
    }
}

extension Parameter {
    /// Calls `body` with the flat element ranges whose gradient may be non-zero: the whole tensor,
    /// or the touched rows of a sparse parameter.
    func forEachUpdatedRange(_ body: (Range<Int>) -> Void) {
        switch updatedRows {
        case .all:
            body(0..<value.count)
        case .rows(let rows):
            let columns = value.columnCount
            for row in rows { body(row * columns ..< (row + 1) * columns) }
        }
    }
}

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

/// Learning-rate decay `η_epoch = η₀ / (1 + decay · epoch)` (epochs counted from 0).
public struct InverseTimeDecay: Sendable {
    public var initialLearningRate: Float
    public var decay: Float

    public init(initialLearningRate: Float, decay: Float) {
        self.initialLearningRate = initialLearningRate
        self.decay = decay
    }

    /// The learning rate for `epoch`.
    public func learningRate(epoch: Int) -> Float {
        initialLearningRate / (1 + decay * Float(epoch))
    }
}
