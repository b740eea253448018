/// A dense array of `Float` (Float32) values with a shape, stored row-major and contiguously.
///
/// `Tensor` has value semantics: copies share storage until one of them is written to
/// (copy-on-write, inherited from the `[Float]` that holds the values). The element at
/// index `(i0, i1, …, iN)` lives at flat offset `((i0 · d1 + i1) · d2 + …) · dN + iN`.
///
/// Hot loops reach the values through `withUnsafeBufferPointer` / `withUnsafeMutableBufferPointer`
/// (hoist the pointer out of the loop); matrix products go through `Gemm` only.
///
/// ```swift
/// var t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
/// t[1, 2] = 60          // row 1, column 2
/// t.shape               // [2, 3]
/// t.scalars             // [1, 2, 3, 4, 5, 60]
/// ```
public struct Tensor: Sendable, Equatable, CustomStringConvertible {
    /// The extent of each dimension; the product is `count`. A scalar has shape `[]`.
    public private(set) var shape: [Int]
    /// The values in row-major order.
    public private(set) var scalars: [Float]

    /// A tensor of `shape` holding `scalars` in row-major order.
    /// - Precondition: `scalars.count` equals the product of `shape`, every extent ≥ 0.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
        precondition(shape.reduce(1, *) == scalars.count,
                     "shape \(shape) needs \(shape.reduce(1, *)) values, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` with every element equal to `value`.
    public init(shape: [Int], repeating value: Float) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
        self.shape = shape
        self.scalars = [Float](repeating: value, count: shape.reduce(1, *))
    }

    /// A tensor of `shape` filled with zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }

    /// A rank-0 tensor holding `value`.
    public init(scalar value: Float) { self.init(shape: [], scalars: [value]) }

    /// A tensor of `shape` whose element at flat offset `i` is `body(i)`.
    public init(shape: [Int], generating body: (Int) -> Float) {
        self.init(shape: shape, scalars: (0..<shape.reduce(1, *)).map(body))
    }

    /// The number of elements (the product of `shape`).
    @inlinable public var count: Int { scalars.count }
    /// The number of dimensions.
    @inlinable public var rank: Int { shape.count }
    /// The value of a one-element tensor.
    public var scalar: Float {
        precondition(count == 1, "scalar of a tensor of shape \(shape)")
        return scalars[0]
    }

    /// The size of the last dimension (1 for a scalar): the row length when the tensor is read as a
    /// matrix `[rowCount, columnCount]` of its leading dimensions flattened.
    public var columnCount: Int { shape.last ?? 1 }
    /// The product of every dimension but the last (`count / columnCount`, 0 if the tensor is empty).
    public var rowCount: Int { columnCount == 0 ? shape.dropLast().reduce(1, *) : count / columnCount }

    /// The same values with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// The flat row-major offset of a multi-index.
    public func offset(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "index \(index) for shape \(shape)")
        var flat = 0
        for (i, extent) in zip(index, shape) {
            precondition(i >= 0 && i < extent, "index \(index) out of range for shape \(shape)")
            flat = flat * extent + i
        }
        return flat
    }

    /// The element at a multi-index, e.g. `t[row, column]`.
    public subscript(_ index: Int...) -> Float {
        get { scalars[offset(index)] }
        set { scalars[offset(index)] = newValue }
    }

    /// Row `i` of the tensor read as a matrix `[rowCount, columnCount]`.
    public func row(_ i: Int) -> ArraySlice<Float> {
        scalars[i * columnCount ..< (i + 1) * columnCount]
    }

    /// For each row of the tensor read as `[rowCount, columnCount]`, the column of its largest value
    /// (the first one on ties): the predicted class of each row of scores.
    public func argmaxOfRows() -> [Int] {
        let columns = columnCount
        guard columns > 0 else { return [] }
        return (0..<rowCount).map { row in
            var best = 0
            for j in 1..<columns where scalars[row * columns + j] > scalars[row * columns + best] { best = j }
            return best
        }
    }

    /// Calls `body` with the values (read-only).
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the values for writing (makes the storage unique first).
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try scalars.withUnsafeMutableBufferPointer { try body($0) }
    }

    public var description: String { "Tensor(shape: \(shape), scalars: \(scalars))" }
}
