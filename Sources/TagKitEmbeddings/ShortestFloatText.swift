/// How a shortest decimal is laid out.
public enum DecimalLayout: String, CaseIterable, Sendable {
    /// Positional (`0.418`, `-1`, `0`, `-0`) unless `0 < |x| < 1e-4`, then scientific with at least
    /// two exponent digits (`5.27e-05`): gensim's `str(np.float32)` and the shared GloVe file.
    case scientificBelow1e4 = "scientific-below-1e-4"
    /// Always positional (`0.0000034118773`): `np.format_float_positional`, the shared navec file.
    case positional
}

/// Writes a Float32 as the shortest decimal that reads back to the same value.
///
/// The digits are those of Swift's `description` (shortest round-trip, closest to the exact value);
/// only the layout is rearranged (`DecimalLayout`). With the matching layout this reproduces every
/// value of the shared GloVe, word2vec, fastText and navec files byte for byte.
public enum ShortestFloatText {
    /// Appends the text of `value` (finite) to `output`.
    public static func append(_ value: Float, layout: DecimalLayout = .scientificBelow1e4, to output: inout [UInt8]) {
        precondition(value.isFinite, "only finite values are written")
        if value.sign == .minus { output.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        if magnitude == 0 {
            output.append(UInt8(ascii: "0"))
            return
        }
        // Split Swift's shortest text into significant digits and a decimal exponent:
        // magnitude = 0.d1d2…dn × 10^pointPosition.
        var digits: [UInt8] = []
        digits.reserveCapacity(12)
        var pointPosition = 0
        var sawPoint = false
        var exponent = 0
        var exponentNegative = false
        var inExponent = false
        var description = magnitude.description
        description.withUTF8 { text in
            for byte in text {
                if inExponent {
                    if byte == UInt8(ascii: "-") { exponentNegative = true } else if byte != UInt8(ascii: "+") {
                        exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                    }
                } else if byte == UInt8(ascii: ".") {
                    sawPoint = true
                } else if byte == UInt8(ascii: "e") {
                    inExponent = true
                } else if digits.isEmpty && byte == UInt8(ascii: "0") {
                    if sawPoint { pointPosition -= 1 }
                } else {
                    digits.append(byte)
                    if !sawPoint { pointPosition += 1 }
                }
            }
        }
        pointPosition += exponentNegative ? -exponent : exponent
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
        if layout == .scientificBelow1e4, Double(magnitude) < 1e-4 {
            output.append(digits[0])
            if digits.count > 1 {
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: digits[1...])
            }
            let scientific = pointPosition - 1
            output.append(contentsOf: Array((scientific < 0 ? "e-" : "e+").utf8))
            if abs(scientific) < 10 { output.append(UInt8(ascii: "0")) }
            output.append(contentsOf: Array(String(abs(scientific)).utf8))
        } else if pointPosition <= 0 {
            output.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: ".")])
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -pointPosition))
            output.append(contentsOf: digits)
        } else if pointPosition >= digits.count {
            output.append(contentsOf: digits)
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: pointPosition - digits.count))
        } else {
            output.append(contentsOf: digits[..<pointPosition])
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: digits[pointPosition...])
        }
    }

    /// The text of `value` as a String.
    public static func string(_ value: Float, layout: DecimalLayout = .scientificBelow1e4) -> String {
        var bytes: [UInt8] = []
        append(value, layout: layout, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
