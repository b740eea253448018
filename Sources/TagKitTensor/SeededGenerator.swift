#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// TagKit's one source of randomness: xoshiro256** (Blackman & Vigna, 2018) seeded through
/// SplitMix64, so the same seed gives the same integer stream on every platform and Swift version
/// (normal draws also go through the C library's `log` and `cos`).
///
/// The 64-bit seed is expanded into the 256-bit state by four SplitMix64 steps
/// (`z = (x += 0x9E3779B97F4A7C15); z = (z ^ z>>30)·0xBF58476D1CE4E5B9; z = (z ^ z>>27)·0x94D049BB133111EB;
/// z ^ z>>31`), which never yields the all-zero state. Each `next()` returns
/// `rotl(s1 · 5, 7) · 9` and advances the state. Conforms to `RandomNumberGenerator`, so it can
/// drive the standard library's `shuffled(using:)`; TagKit's own helpers (`nextUnitFloat`,
/// `nextNormal`) avoid standard-library algorithms whose output could change between releases.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// A generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform value in [0, 1) with 24 random bits (every representable multiple of 2⁻²⁴).
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A uniform value in [0, 1) with 53 random bits.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-shift; the bias is below 2⁻³² for bounds
    /// under 2³²).
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "empty range")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A standard normal value (mean 0, variance 1) by the Box–Muller transform, in Double.
    public mutating func nextNormal() -> Double {
        let u1 = 1 - nextUnitDouble()  // (0, 1]: the logarithm stays finite
        let u2 = nextUnitDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// The indices `0..<count` in a random order (Fisher–Yates).
    public mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        var i = count - 1
        while i > 0 {
            order.swapAt(i, nextIndex(below: i + 1))
            i -= 1
        }
        return order
    }

    @inline(__always)
    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
