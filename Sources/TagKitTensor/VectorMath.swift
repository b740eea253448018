/// Vectorised loops over raw `Float` buffers, for the hot paths of tensor ops.
///
/// Sums keep `SIMD16<Float>` accumulators: a plain scalar loop does not vectorise (strict
/// floating-point order), see PLATFORM.md. Multiply and add are written separately (no
/// `addProduct`, which falls back to per-lane calls on baseline x86-64). Nothing allocates.
public enum VectorMath {
    /// `y[i] += x[i]` for `i < count`.
    @inlinable
    public static func add(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 16 <= count {
            let sum = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
                + UnsafeRawPointer(y + i).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: sum, as: SIMD16<Float>.self)
            i += 16
        }
        while i < count { y[i] += x[i]; i += 1 }
    }

    /// `y[i] += a · x[i]` for `i < count`.
    @inlinable
    public static func add(_ a: Float, times x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        let scale = SIMD16<Float>(repeating: a)
        while i + 16 <= count {
            let product = scale * UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
            let sum = product + UnsafeRawPointer(y + i).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: sum, as: SIMD16<Float>.self)
            i += 16
        }
        while i < count { y[i] += a * x[i]; i += 1 }
    }

    /// `Σ x[i]`, accumulated in 16 lanes.
    @inlinable
    public static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD16<Float>()
        var i = 0
        while i + 16 <= count {
            lanes += UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
            i += 16
        }
        var total = lanes.sum()
        while i < count { total += x[i]; i += 1 }
        return total
    }

    /// `Σ x[i] · y[i]`, accumulated in 16 lanes.
    @inlinable
    public static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD16<Float>()
        var i = 0
        while i + 16 <= count {
            let product = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
                * UnsafeRawPointer(y + i).loadUnaligned(as: SIMD16<Float>.self)
            lanes += product
            i += 16
        }
        var total = lanes.sum()
        while i < count { total += x[i] * y[i]; i += 1 }
        return total
    }

    /// `max x[i]` (`-infinity` for an empty buffer).
    @inlinable
    public static func maximum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var best = -Float.infinity
        for i in 0..<count where x[i] > best { best = x[i] }
        return best
    }
}
