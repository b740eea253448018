extension Evaluation {
    /// The machine-readable report, one JSON object:
    /// `{"mode", "scheme", "tokens", "accuracy", "overall": {gold, found, correct, precision, recall, f1},
    /// "types": [{"type", gold, found, correct, precision, recall, f1}, …]}`, plus `"confusion"`
    /// (`labels`, and `counts[gold][predicted]`) and `"disagreements"` when requested.
    /// Precision, recall, F1 and accuracy are in percent, computed as the text report computes them.
    public func jsonReport() -> [UInt8] {
        var json = JSONWriter()
        let (overall, types) = scoreRows()
        json.open("{")
        json.key("mode"); json.string(request.mode.name)
        json.key("scheme")
        if case .strict(let scheme) = request.mode { json.string(scheme.seqevalName) } else { json.null() }
        json.key("tokens"); json.number(counts.tokens)
        json.key("accuracy"); json.number(counts.tokens > 0 ? 100 * Double(counts.correctTags) / Double(counts.tokens) : 0)
        json.key("overall"); Self.write(overall, name: nil, into: &json)
        json.key("types")
        json.open("[")
        for (name, row) in types { Self.write(row, name: name, into: &json) }
        json.close("]")
        if let confusion {
            let labels = confusion.orderedLabels(types: table.types)
            json.key("confusion")
            json.open("{")
            json.key("labels")
            json.open("[")
            for label in labels { json.string(table.types.string(label)) }
            json.close("]")
            json.key("counts")
            json.open("[")
            for gold in labels {
                json.open("[")
                for predicted in labels { json.number(confusion.count(gold: gold, predicted: predicted)) }
                json.close("]")
            }
            json.close("]")
            json.close("}")
        }
        if let disagreements {
            json.key("disagreements")
            json.open("[")
            for item in disagreements {
                json.open("{")
                json.key("sentence"); json.number(item.sentence)
                json.key("first_token"); json.number(item.firstToken)
                json.key("last_token"); json.number(item.lastToken)
                json.key("column"); json.string(item.side.rawValue)
                json.key("type"); json.string(item.type)
                json.key("found_by"); json.string(item.foundBy.rawValue)
                json.key("text"); json.string(item.text)
                json.close("}")
            }
            json.close("]")
        }
        json.close("}")
        return json.bytes + [UInt8(ascii: "\n")]
    }

    private static func write(_ row: ScoreRow, name: String?, into json: inout JSONWriter) {
        json.open("{")
        if let name { json.key("type"); json.string(name) }
        json.key("gold"); json.number(row.gold)
        json.key("found"); json.number(row.found)
        json.key("correct"); json.number(row.correct)
        json.key("precision"); json.number(row.precision)
        json.key("recall"); json.number(row.recall)
        json.key("f1"); json.number(row.f1)
        json.close("}")
    }
}

/// A minimal compact JSON writer: commas are inserted between values automatically.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    mutating func open(_ bracket: Character) {
        separate()
        bytes += Array(String(bracket).utf8)
        needsComma = false
    }

    mutating func close(_ bracket: Character) {
        bytes += Array(String(bracket).utf8)
        needsComma = true
    }

    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ text: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): bytes += Array("\\\\".utf8)
            case 0x0A: bytes += Array("\\n".utf8)
            case 0x0D: bytes += Array("\\r".utf8)
            case 0x09: bytes += Array("\\t".utf8)
            case 0 ..< 0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func number(_ value: Int) {
        separate()
        bytes += Array(String(value).utf8)
        needsComma = true
    }

    /// A finite double in shortest round-trip form; NaN and infinities (never produced here) become null.
    mutating func number(_ value: Double) {
        guard value.isFinite else { return null() }
        separate()
        bytes += Array(value.description.utf8)
        needsComma = true
    }

    mutating func null() {
        separate()
        bytes += Array("null".utf8)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}
