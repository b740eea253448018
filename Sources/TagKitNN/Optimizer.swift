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
