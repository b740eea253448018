import TagKitTensor

/// A lookup table of vectors: row `i` of `table` is the vector of index `i` (`x_j = U w_j` with a
/// one-hot `w_j`, computed as a row lookup).
///
/// - Input: `count` indices in `0..<table rows`. Output: `[count, dimension]`.
/// - Parameter: `table` `[rows, dimension]`, with a **sparse gradient**: a backward pass marks only
///   the looked-up rows, and the optimizers update only those.
/// - Initialisation: `U(±√(3 / dimension))` (unit variance per vector), or a given matrix
///   (pretrained vectors), trainable or frozen.
public final class Embedding: Layer {
    /// `U`, `[rowCount, dimension]`, with a sparse gradient.
    public let table: Parameter

    /// The number of vectors.
    public var rowCount: Int { table.value.shape[0] }
    /// The length of each vector.
    public var dimension: Int { table.value.shape[1] }
    /// `[table]`.
    public var parameters: [Parameter] { [table] }

    /// A random trainable table `[rowCount, dimension]`, named `name.weight`.
    public init(name: String = "embedding", rowCount: Int, dimension: Int, generator: inout SeededGenerator) {
        let bound = (3 / Float(dimension)).squareRoot()
        table = Parameter(name: "\(name).weight",
                          value: Tensor.uniform([rowCount, dimension], lower: -bound, upper: bound, using: &generator),
                          hasSparseGradient: true)
    }

    /// A table initialised from `weights` `[rows, dimension]`; `trainable: false` freezes it.
    public init(name: String = "embedding", weights: Tensor, trainable: Bool) {
        precondition(weights.rank == 2, "embedding table of shape \(weights.shape)")
        table = Parameter(name: "\(name).weight", value: weights, isTrainable: trainable, hasSparseGradient: true)
    }

    /// The rows `indices`, stacked: `[indices.count, dimension]`.
    public func callAsFunction(_ indices: [Int], on tape: Tape) -> Variable {
        tape.parameter(table).gatherRows(indices)
    }
}
