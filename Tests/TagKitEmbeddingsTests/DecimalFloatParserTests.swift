import Foundation
import Testing
import TagKitTestSupport
@testable import TagKitEmbeddings

@Suite struct DecimalFloatParserTests {
    /// Parses `text` with the fast parser; nil unless the whole text is one number.
    private func parse(_ text: String) -> (Float, DecimalFloatStatus)? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> (Float, DecimalFloatStatus)? in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            let (value, stop, status) = DecimalFloatParser().parse(base, base + buffer.count)
            guard status != .invalid, stop == base + buffer.count else { return nil }
            return (value, status)
        }
    }

    private func strtofValue(_ text: String) -> Float {
        text.withCString { strtof($0, nil) }
    }

    /// Every numeric field of the first `lines` lines of `path` (after `skip` header lines).
    private func fields(of path: String, skip: Int, lines: Int) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var result: [String] = []
        for line in text.split(separator: "\n").dropFirst(skip).prefix(lines) {
            result.append(contentsOf: line.split(separator: " ").dropFirst().map(String.init))
        }
        return result
    }

    private func expectSameAsStrtof(_ fields: [String]) {
        var mismatches: [String] = []
        for field in fields {
            guard let (value, status) = parse(field), status == .ok else {
                mismatches.append("\(field): not parsed")
                continue
            }
            if value.bitPattern != strtofValue(field).bitPattern { mismatches.append(field) }
        }
        #expect(mismatches.count == 0, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test func everyValueOfTheEWTWord2vecFileMatchesStrtof() throws {
        let values = try fields(of: SharedData.data("embeddings/ewt.w2v.50d.txt"), skip: 1, lines: .max)
        #expect(values.count == 6731 * 50)
        expectSameAsStrtof(values)
    }

    @Test func theFirst20kGloVeLinesMatchStrtof() throws {
        let values = try fields(of: SharedData.data("embeddings/glove.6B.50d.100k.txt"), skip: 0, lines: 20_000)
        #expect(values.count == 20_000 * 50)
        expectSameAsStrtof(values)
    }

    @Test func float32MidpointsAreRoundedOnceNotTwice() {
        // 1 + 3·2^-24 is the midpoint between 1 + 2^-23 (odd) and 1 + 2^-22 (even). These decimals lie
        // just below or above it but round to it as Doubles; rounding that Double again goes to even.
        let cases = ["1.0000001788139343", "1.0000001788139342", "1.00000017881393433", "1.0000001788139344",
                     "1.000000178813934326171875", "1.000000059604644775390625", "1.0000000596046448",
                     "-1.0000001788139343", "3.4028235677973366e38", "0.10000000745058060"]
        for text in cases {
            #expect(parse(text)?.0.bitPattern == strtofValue(text).bitPattern, "\(text)")
        }
        #expect(parse("1.0000001788139343")?.0 == Float(1).nextUp)
        // The trap itself: decimal → Double → Float lands on the wrong neighbour here.
        #expect(Float(Double("1.0000001788139343")!) == Float(1).nextUp.nextUp)
    }

    @Test func exponentsSignsAndZeros() {
        let cases = ["0", "-0", "+0", "0.0", "-0.000", "0e999", "5.27e-05", "-6.3681e-05", "1E+2", ".5", "5.",
                     "+3.25", "1e-4", "123456789012345678901234567890", "0.000000000000000000000000000001234",
                     "9999999999999999999", "18446744073709551616", "1e22", "1e23", "4.2e-22", "4.2e-23",
                     "3.4028235e38", "3.40282356e38", "00012.5000", "1.17549435e-38"]
        for text in cases {
            #expect(parse(text)?.0.bitPattern == strtofValue(text).bitPattern, "\(text)")
        }
        #expect(parse("-0")?.0.sign == .minus)
    }

    @Test func subnormalsAndUnderflowRoundLikeStrtof() {
        let cases = ["1e-45", "1.4e-45", "7e-46", "7.1e-46", "1e-46", "1.1754942e-38", "2.5e-40", "-3e-44", "1e-300"]
        for text in cases {
            #expect(parse(text)?.0.bitPattern == strtofValue(text).bitPattern, "\(text)")
        }
        #expect(parse("1e-300")?.0 == 0)
    }

    @Test func overflowIsReportedNotInfinite() {
        for text in ["1e39", "-3.5e38", "3.4028236e38", "1e400"] {
            #expect(parse(text)?.1 == .outOfRange, "\(text)")
        }
        #expect(parse("3.4028235e38")?.1 == .ok)
    }

    @Test func nonNumbersAreInvalid() {
        for text in ["", "-", "+", ".", "e5", "-.e1", "nan", "inf", "-inf", "0x1p3", "abc"] {
            #expect(parse(text) == nil, "\(text)")
        }
        // A dangling exponent marker is not part of the number: `1e` stops before `e`.
        let bytes = Array("1e".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            let (value, stop, status) = DecimalFloatParser().parse(buffer.baseAddress!, buffer.baseAddress! + 2)
            #expect(value == 1 && status == .ok && stop == buffer.baseAddress! + 1)
        }
    }

    @Test func decimalsNextToRandomMidpointsMatchStrtof() {
        // Float32 midpoints printed with 15–17 significant digits, and their neighbours one unit
        // away in the last digit: the cases both fast paths must hand on or get right.
        var generator = SeededGenerator(seed: 3)
        var texts: [String] = []
        for _ in 0..<10_000 {
            let value = Float.random(in: 1e-6...1000, using: &generator)
            let midpoint = (Double(value) + Double(value.nextUp)) / 2
            let digits = Int.random(in: 15...17, using: &generator)
            let text = String(format: "%.\(digits - 1)e", midpoint)
            texts.append(text)
            let parts = text.split(separator: "e")
            if let mantissa = Double(parts[0]) {
                let step = pow(10, Double(-(digits - 1)))
                for neighbour in [mantissa - step, mantissa + step] {
                    texts.append(String(format: "%.\(digits - 1)fe\(parts[1])", neighbour))
                }
            }
        }
        var mismatches: [String] = []
        for text in texts where parse(text)?.0.bitPattern != strtofValue(text).bitPattern {
            mismatches.append(text)
        }
        #expect(mismatches.count == 0, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test func randomShortDecimalsWithNegativeExponentsMatchStrtof() {
        var generator = SeededGenerator(seed: 5)
        var mismatches: [String] = []
        for _ in 0..<50_000 {
            let digits = Int.random(in: 1...17, using: &generator)
            var text = String(UInt64.random(in: 1...9, using: &generator))
            for _ in 1..<digits { text += String(UInt64.random(in: 0...9, using: &generator)) }
            text += "e-\(Int.random(in: 1...22, using: &generator))"
            if parse(text)?.0.bitPattern != strtofValue(text).bitPattern { mismatches.append(text) }
        }
        #expect(mismatches.count == 0, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test func randomFloatsPrintedAtManyPrecisionsMatchStrtof() {
        var generator = SeededGenerator(seed: 7)
        var texts: [String] = []
        for _ in 0..<20_000 {
            let bits = UInt32.random(in: 0...UInt32.max, using: &generator)
            let value = Float(bitPattern: bits)
            guard value.isFinite else { continue }
            let precision = Int.random(in: 1...20, using: &generator)
            texts.append(String(format: "%.\(precision)g", Double(value)))
        }
        for text in texts {
            guard let (value, status) = parse(text) else {
                Issue.record("not parsed: \(text)")
                continue
            }
            let expected = strtofValue(text)
            if expected.isInfinite {
                #expect(status == .outOfRange, "\(text)")
            } else {
                #expect(value.bitPattern == expected.bitPattern, "\(text)")
            }
        }
    }
}

/// SplitMix64: a small seeded generator for reproducible test data.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
