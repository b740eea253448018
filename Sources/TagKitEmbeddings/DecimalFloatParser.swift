#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of parsing one decimal number.
public enum DecimalFloatStatus: UInt8, Sendable {
    /// A number was read; `value` is its correctly rounded Float32.
    case ok
    /// No number starts here (no digit, or a bare sign or point).
    case invalid
    /// The number's magnitude rounds beyond `Float.greatestFiniteMagnitude` (for example `1e39`).
    case outOfRange
}

/// Parses decimal text (`-0.41242`, `5.27e-05`, `+3.`, `.5E+2`) into the correctly rounded Float32,
/// the value C `strtof` returns, without building a `String`.
///
/// Grammar: an optional sign, digits with at most one decimal point (at least one digit in all), then
/// optionally `e`/`E`, an optional sign and at least one digit. `inf`, `nan` and hexadecimal floats are
/// not numbers here. Magnitudes that round above the largest finite Float32 are `.outOfRange`; tiny
/// magnitudes round to subnormals or to a signed zero, as `strtof` does. `-0` keeps its sign.
///
/// Method (Clinger's fast path plus a double-rounding guard): up to 19 significant digits are gathered
/// into a `UInt64` mantissa `m` with a decimal exponent `e` (value = m · 10^e). When no non-zero digit
/// was dropped, `m < 2^53` and `|e| ≤ 22`, both `m` and `10^|e|` are exact Doubles, so one IEEE
/// multiplication or division gives the correctly rounded Double `d`. Rounding `d` to Float32 equals
/// rounding the exact decimal to Float32 unless `d` falls exactly on a midpoint between two Float32
/// values (the only place where rounding twice can differ from rounding once; every such midpoint is a
/// Double, and `d` is always a normal Float32 magnitude here, between 1e-22 and 9.1e37). Such
/// midpoints, and every number outside the fast path, are handed to `strtof` on the exact field bytes.
public struct DecimalFloatParser {
    /// 10^0 … 10^22, all exact in Double.
    /// Written once on first use and only read afterwards.
    nonisolated(unsafe) private static let powersOfTen: UnsafeMutablePointer<Double> = {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: 23)
        var power = 1.0
        for exponent in 0...22 {
            table[exponent] = power
            power *= 10
        }
        return table
    }()

    private let powers: UnsafeMutablePointer<Double>

    public init() {
        powers = Self.powersOfTen
    }

    /// Parses the number starting at `start` (not beyond `end`).
    /// - Returns: the value, the first byte after the number (where parsing stopped), and the status.
    ///   The caller decides whether the byte at `stop` may follow a number (a separator or the end).
    @inline(__always)
    public func parse(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>)
        -> (value: Float, stop: UnsafePointer<UInt8>, status: DecimalFloatStatus)
    {
        var p = start
        var negative = false
        if p < end, p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+") {
            negative = p.pointee == UInt8(ascii: "-")
            p += 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var sawDigit = false
        var droppedNonZero = false
        while p < end {
            let digit = p.pointee &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            sawDigit = true
            if significantDigits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                if mantissa != 0 { significantDigits += 1 }
            } else {
                exponent += 1
                if digit != 0 { droppedNonZero = true }
            }
            p += 1
        }
        if p < end, p.pointee == UInt8(ascii: ".") {
            p += 1
            while p < end {
                let digit = p.pointee &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                sawDigit = true
                if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    if mantissa != 0 { significantDigits += 1 }
                    exponent -= 1
                } else if digit != 0 {
                    droppedNonZero = true
                }
                p += 1
            }
        }
        guard sawDigit else { return (0, start, .invalid) }
        if p < end, p.pointee | 0x20 == UInt8(ascii: "e") {
            var q = p + 1
            var exponentNegative = false
            if q < end, q.pointee == UInt8(ascii: "-") || q.pointee == UInt8(ascii: "+") {
                exponentNegative = q.pointee == UInt8(ascii: "-")
                q += 1
            }
            var written = 0
            var sawExponentDigit = false
            while q < end {
                let digit = q.pointee &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                sawExponentDigit = true
                if written < 100_000 { written = written * 10 + Int(digit) }
                q += 1
            }
            // Without a digit the `e` is not part of the number (strtof reads `1e` as `1`).
            if sawExponentDigit {
                exponent += exponentNegative ? -written : written
                p = q
            }
        }
        if mantissa == 0 { return (negative ? -0.0 : 0.0, p, .ok) }
        if !droppedNonZero, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let exact = Double(mantissa)
            let rounded = exponent < 0 ? exact / powers[-exponent] : exact * powers[exponent]
            // A Float32 keeps 24 of the Double's 53 significand bits; the 29 dropped bits equal
            // exactly 1000…0 only on a Float32 rounding midpoint.
            if rounded.bitPattern & 0x1FFF_FFFF != 0x1000_0000 {
                let single = Float(rounded)
                return (negative ? -single : single, p, .ok)
            }
        }
        return Self.parseWithStrtof(start, p)
    }

    /// Reads `[start, stop)` (already checked to be a number) with the C library.
    private static func parseWithStrtof(_ start: UnsafePointer<UInt8>, _ stop: UnsafePointer<UInt8>)
        -> (value: Float, stop: UnsafePointer<UInt8>, status: DecimalFloatStatus)
    {
        let length = stop - start
        let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { field -> Float in
            let base = field.baseAddress!
            UnsafeMutableRawPointer(base).copyMemory(from: start, byteCount: length)
            base[length] = 0
            return strtof(base, nil)
        }
        return (value, stop, value.isInfinite ? .outOfRange : .ok)
    }
}
