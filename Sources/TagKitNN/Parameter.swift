import TagKitTensor

/// A trainable tensor: its value, the gradient accumulated into it by backward passes, and which
/// rows that gradient touches.
///
/// Layers declare their parameters explicitly (`Layer.parameters`); optimizers update
/// `value` in place from `gradient` and then clear the gradient. Gradients accumulate across
/// backward passes (several tapes) until `zeroGradient()`, which is how a batch of examples
/// processed one by one adds up to one step.
///
/// A parameter with `hasSparseGradient` (an embedding table `[rows, columns]`) records which rows
/// received gradient: the optimizer updates and clears those rows only, so a step costs
/// O(touched rows · columns), not O(rows · columns).
public final class Parameter {
    /// Which rows of the gradient are non-zero.
    public enum UpdatedRows: Equatable, Sendable {
        /// Every element may be non-zero.
        case all
        /// Only these rows (of the parameter read as `[rowCount, columnCount]`), in first-touch order.
        case rows([Int])
    }

    /// A name unique within a model (`"encoder.weight"`), used as the key in model files.
    public let name: String
    /// The current value.
    public var value: Tensor
    /// ∂loss/∂value summed over the backward passes since the last `zeroGradient()`; same shape as `value`.
    ///
    /// Allocated on first use, so a model that only predicts (a loaded tagger) holds no gradients.
    public internal(set) var gradient: Tensor {
        get { storedGradient ?? Tensor.zeros(value.shape) }
        _modify {
            if storedGradient == nil { storedGradient = Tensor.zeros(value.shape) }
            yield &storedGradient!
        }
    }
    private var storedGradient: Tensor?
    /// When false the parameter is frozen: tapes treat it as a constant and no gradient flows into it.
    public var isTrainable: Bool
    /// Whether the gradient is tracked by rows (see the type's description).
    public let hasSparseGradient: Bool

    private var touchedRows: [Int] = []
    private var isRowTouched: [Bool]
    private var allTouched = false

    /// A parameter holding `value`, trainable unless told otherwise.
    public init(name: String, value: Tensor, isTrainable: Bool = true, hasSparseGradient: Bool = false) {
        self.name = name
        self.value = value
        self.isTrainable = isTrainable
        self.hasSparseGradient = hasSparseGradient
        self.isRowTouched = hasSparseGradient ? [Bool](repeating: false, count: value.rowCount) : []
    }

    /// The rows whose gradient may be non-zero since the last `zeroGradient()`.
    public var updatedRows: UpdatedRows {
        hasSparseGradient && !allTouched ? .rows(touchedRows) : .all
    }

    /// Clears the gradient (only the touched rows for a sparse parameter).
    public func zeroGradient() {
        guard storedGradient != nil else { return }
        let columns = value.columnCount
        switch updatedRows {
        case .all:
            gradient.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        case .rows(let rows):
            gradient.withUnsafeMutableBufferPointer { g in
                for row in rows {
                    UnsafeMutableBufferPointer(rebasing: g[row * columns ..< (row + 1) * columns]).update(repeating: 0)
                }
            }
        }
        for row in touchedRows { isRowTouched[row] = false }
        touchedRows.removeAll(keepingCapacity: true)
        allTouched = false
    }

    /// Calls `body` with the whole gradient for accumulation; marks every row touched.
    func accumulateGradient(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        allTouched = true
        gradient.withUnsafeMutableBufferPointer(body)
    }

    /// Adds row `k` of `source` (`[rows.count, columnCount]`) to gradient row `rows[k]`, for every k.
    func accumulateGradientRows(_ rows: [Int], from source: UnsafeBufferPointer<Float>) {
        let columns = value.columnCount
        if hasSparseGradient && !allTouched {
            for row in rows where !isRowTouched[row] {
                isRowTouched[row] = true
                touchedRows.append(row)
            }
        }
        gradient.withUnsafeMutableBufferPointer { g in
            addRows(rows, columns: columns, from: source, into: g)
        }
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

/// `into[rows[k]] += from[k]` for every k, rows of length `columns`.
func addRows(_ rows: [Int], columns: Int, from source: UnsafeBufferPointer<Float>,
             into target: UnsafeMutableBufferPointer<Float>) {
    guard let s = source.baseAddress, let t = target.baseAddress else { return }
    for (k, row) in rows.enumerated() {
        VectorMath.add(s + k * columns, into: t + row * columns, count: columns)
    }
}
