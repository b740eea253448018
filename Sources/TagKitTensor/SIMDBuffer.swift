/// Unaligned loads and stores of `SIMD16<Float>` from float buffers, with partial forms for the tail
/// of a row whose length is not a multiple of sixteen (missing lanes read as zero, and are not written).
///
/// Row loops walk `stride(from: 0, to: width, by: 16)` and pass `width - offset` as the count.
public enum SIMDBuffer {
    /// Sixteen floats starting at `pointer`.
    @inlinable @inline(__always)
    public static func load(_ pointer: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Float>.self)
    }

    /// The first `min(count, 16)` floats at `pointer`, the remaining lanes zero.
    ///
    /// A partial row is copied into a zeroed register's bytes in one block: setting lanes one by one
    /// compiles to a long chain of stack shuffles on baseline x86-64, which cost more than the math of
    /// the row's tail in the LSTM step.
    @inlinable @inline(__always)
    public static func load(_ pointer: UnsafePointer<Float>, count: Int) -> SIMD16<Float> {
        if count >= 16 { return load(pointer) }
        var vector = SIMD16<Float>()
        withUnsafeMutableBytes(of: &vector) { lanes in
            lanes.baseAddress!.copyMemory(from: pointer, byteCount: count * MemoryLayout<Float>.stride)
        }
        return vector
    }

    /// Writes sixteen floats at `pointer`.
    @inlinable @inline(__always)
    public static func store(_ vector: SIMD16<Float>, to pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: SIMD16<Float>.self)
    }

    /// Writes the first `min(count, 16)` lanes at `pointer` (copied as one block, as `load(_:count:)` reads).
    @inlinable @inline(__always)
    public static func store(_ vector: SIMD16<Float>, to pointer: UnsafeMutablePointer<Float>, count: Int) {
        if count >= 16 { return store(vector, to: pointer) }
        withUnsafeBytes(of: vector) { lanes in
            UnsafeMutableRawPointer(pointer).copyMemory(from: lanes.baseAddress!, byteCount: count * MemoryLayout<Float>.stride)
        }
    }
}
