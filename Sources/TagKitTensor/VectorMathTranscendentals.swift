/// Vectorized transcendental functions (exp, tanh, sigmoid, log) over `Float` buffers and
/// `SIMD16<Float>` registers.
///
/// Scalar libm `tanhf` costs ~14 ns per element on the project's machine; these polynomials run at
/// ~1 ns (see PLATFORM.md). The code targets baseline x86-64 (SSE2, no FMA): products and sums are
/// written separately and clamping uses `replacing(with:where:)`, which lowers to compare-and-blend.
///
/// Accuracy, measured against Double-precision libm over dense sweeps (`VectorMathTests`):
/// relative error ≤ 2e-7 wherever the exact result is a normal Float. Edge policy:
/// - `exp`: `exp(x) = +inf` for `x ≥ 89` (the true result already exceeds `Float.greatestFiniteMagnitude`
///   from 88.73 on); results in the subnormal range (`x < -87.34`) keep an absolute error below
///   `2⁻¹⁴⁹`, and `x ≤ -104` gives 0; `exp(-inf) = 0`, `exp(+inf) = +inf`.
/// - `tanh`: exactly ±1 for `|x| ≥ 9.1` (and ±inf); odd: `tanh(-x) = -tanh(x)`, `tanh(-0) = -0`.
/// - `sigmoid`: `σ(x) = 1 / (1 + exp(-x))`; exactly 1 for large positive `x` and +inf, 0 for `x ≤ -104`
///   and -inf; subnormal results have an absolute error below `2⁻¹⁴⁹`.
/// - `log`: `log(0) = -inf`, `log(x < 0) = NaN`, `log(+inf) = +inf`; subnormal inputs are exact-scaled.
/// - NaN in gives NaN out for every function.
extension VectorMath {
    /// `y[i] = exp(x[i])` for `i` in `0..<count`. `x` and `y` may be the same buffer.
    public static func exp(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        map(x, y, count) { exp($0) }
    }

    /// `y[i] = tanh(x[i])` for `i` in `0..<count`. `x` and `y` may be the same buffer.
    public static func tanh(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        map(x, y, count) { tanh($0) }
    }

    /// `y[i] = 1 / (1 + exp(-x[i]))` for `i` in `0..<count`. `x` and `y` may be the same buffer.
    public static func sigmoid(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        map(x, y, count) { sigmoid($0) }
    }

    /// `y[i] = log(x[i])` (natural logarithm) for `i` in `0..<count`. `x` and `y` may be the same buffer.
    public static func log(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        map(x, y, count) { log($0) }
    }

    /// Applies `body` to `count` floats sixteen at a time; the tail goes through the same code in a
    /// zero-padded register, so every element sees identical arithmetic.
    @inline(__always)
    static func map(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int,
        _ body: (SIMD16<Float>) -> SIMD16<Float>
    ) {
        var index = 0
        while index + 16 <= count {
            SIMDBuffer.store(body(SIMDBuffer.load(x + index)), to: y + index)
            index += 16
        }
        if index < count {
            let rest = count - index
            SIMDBuffer.store(body(SIMDBuffer.load(x + index, count: rest)), to: y + index, count: rest)
        }
    }

    // MARK: - Register functions

    /// `exp` of sixteen lanes: `x = n·ln2 + r` with `|r| ≤ ln2/2`, `exp(r)` by the Cephes minimax
    /// polynomial, then scaled by `2^⌊n/2⌋ · 2^(n-⌊n/2⌋)` so that neither factor overflows or goes
    /// subnormal on its own.
    @inlinable @inline(__always)
    public static func exp(_ input: SIMD16<Float>) -> SIMD16<Float> {
        var x = input
        x.replace(with: 89, where: x .> 89)
        x.replace(with: -104, where: x .< -104)
        // Round x·log2(e) to the nearest integer with the 1.5·2²³ trick: the sum's low mantissa bits
        // hold n, and subtracting the constant back gives n as a float.
        let magic: Float = 12_582_912
        let shifted = x * 1.442_695_040_888_963_4 + SIMD16(repeating: magic)
        let n = shifted - SIMD16(repeating: magic)
        let nBits = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- SIMD16(repeating: 0x4B40_0000)
        // r = x - n·ln2, with ln2 split in two so that n·ln2hi is exact.
        var r = x - n * 0.693_359_375
        r = r - n * -2.121_944_400_546_905_827_679e-4
        var p = r * 1.987_569_150_0e-4 + SIMD16(repeating: 1.398_199_950_7e-3)
        p = p * r + SIMD16(repeating: 8.333_451_907_3e-3)
        p = p * r + SIMD16(repeating: 4.166_579_589_4e-2)
        p = p * r + SIMD16(repeating: 1.666_666_545_9e-1)
        p = p * r + SIMD16(repeating: 5.000_000_120_1e-1)
        let r2 = r * r
        let expR = p * r2 + r + SIMD16(repeating: 1)
        let half = nBits &>> 1
        let rest = nBits &- half
        let scaleA = unsafeBitCast((half &+ SIMD16(repeating: 127)) &<< 23, to: SIMD16<Float>.self)
        let scaleB = unsafeBitCast((rest &+ SIMD16(repeating: 127)) &<< 23, to: SIMD16<Float>.self)
        return expR * scaleA * scaleB
    }

    /// `tanh` of sixteen lanes: an odd Cephes polynomial for `|x| < 0.625`, where `1 - 2/(e^{2x}+1)`
    /// would lose digits to cancellation, and `sign(x)·(1 - 2/(e^{2|x|}+1))` elsewhere.
    @inlinable @inline(__always)
    public static func tanh(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let signBit = SIMD16<UInt32>(repeating: 0x8000_0000)
        let bits = unsafeBitCast(x, to: SIMD16<UInt32>.self)
        var magnitude = unsafeBitCast(bits & ~signBit, to: SIMD16<Float>.self)
        let small = magnitude .< 0.625
        magnitude.replace(with: 9.1, where: magnitude .> 9.1)
        let e = exp(magnitude + magnitude)
        var result = SIMD16<Float>(repeating: 1) - SIMD16<Float>(repeating: 2) / (e + SIMD16(repeating: 1))
        let z = magnitude * magnitude
        var p = z * -5.704_988_727_45e-3 + SIMD16(repeating: 2.063_908_879_54e-2)
        p = p * z + SIMD16(repeating: -5.373_971_555_31e-2)
        p = p * z + SIMD16(repeating: 1.333_144_220_36e-1)
        p = p * z + SIMD16(repeating: -3.333_328_194_22e-1)
        result.replace(with: p * z * magnitude + magnitude, where: small)
        // Both branches work on |x|; the sign bit of x is put back last, so tanh(-0) = -0.
        result = unsafeBitCast(unsafeBitCast(result, to: SIMD16<UInt32>.self) | (bits & signBit),
                               to: SIMD16<Float>.self)
        return result
    }

    /// The logistic sigmoid of sixteen lanes, `1 / (1 + exp(-x))`.
    @inlinable @inline(__always)
    public static func sigmoid(_ x: SIMD16<Float>) -> SIMD16<Float> {
        SIMD16(repeating: 1) / (SIMD16(repeating: 1) + exp(-x))
    }

    /// The natural logarithm of sixteen lanes: `x = m·2^e` with `m ∈ [√½, √2)`, `log(m)` by the Cephes
    /// polynomial in `m - 1`, plus `e·ln2` (split in two parts).
    @inlinable @inline(__always)
    public static func log(_ input: SIMD16<Float>) -> SIMD16<Float> {
        // Subnormal inputs are scaled into the normal range first (exactly, by 2²³).
        let subnormal = input .< Float.leastNormalMagnitude
        var x = input
        x.replace(with: input * 8_388_608, where: subnormal)
        var exponentShift = SIMD16<Float>(repeating: 0)
        exponentShift.replace(with: -23, where: subnormal)
        let bits = unsafeBitCast(x, to: SIMD16<Int32>.self)
        var e = SIMD16<Float>(((bits &>> 23) & SIMD16(repeating: 0xFF)) &- SIMD16(repeating: 126))
            + exponentShift
        // Mantissa in [0.5, 1).
        var m = unsafeBitCast((bits & SIMD16(repeating: 0x007F_FFFF)) | SIMD16(repeating: 0x3F00_0000),
                              to: SIMD16<Float>.self)
        let below = m .< 0.707_106_781_186_547_524
        e.replace(with: e - SIMD16(repeating: 1), where: below)
        m.replace(with: m + m, where: below)
        m = m - SIMD16(repeating: 1)
        let z = m * m
        var p = m * 7.037_683_629_2e-2 + SIMD16(repeating: -1.151_461_031_0e-1)
        p = p * m + SIMD16(repeating: 1.167_699_874_0e-1)
        p = p * m + SIMD16(repeating: -1.242_014_084_6e-1)
        p = p * m + SIMD16(repeating: 1.424_932_278_7e-1)
        p = p * m + SIMD16(repeating: -1.666_805_766_5e-1)
        p = p * m + SIMD16(repeating: 2.000_071_476_5e-1)
        p = p * m + SIMD16(repeating: -2.499_999_399_3e-1)
        p = p * m + SIMD16(repeating: 3.333_333_117_4e-1)
        var y = p * m * z
        y = y + e * -2.121_944_400_546_905_827_679e-4
        y = y - z * 0.5
        var result = m + y + e * 0.693_359_375
        result.replace(with: -.infinity, where: input .== 0)
        result.replace(with: .nan, where: input .< 0)
        result.replace(with: .infinity, where: input .== .infinity)
        result.replace(with: input, where: input .!= input)
        return result
    }
}
