import Foundation
import Testing
import TagKitTestSupport
import TagKitText
@testable import TagKitEvaluation

/// One `*.seqeval-{strict,default}.json` golden: seqeval 1.2.2's own numbers for an input.
struct SeqevalGolden: CustomTestStringConvertible, Sendable {
    var file: String
    var testDescription: String { file }

    static func all(mode: String) throws -> [SeqevalGolden] {
        try FileManager.default.contentsOfDirectory(atPath: SharedData.data("eval-golden"))
            .filter { $0.hasSuffix(".seqeval-\(mode).json") }.sorted().map { SeqevalGolden(file: $0) }
    }

    /// The JSON; seqeval writes NaN for the macro average of no types, which JSONSerialization rejects.
    func json() throws -> [String: Any] {
        let text = try String(contentsOfFile: SharedData.data("eval-golden/\(file)"), encoding: .utf8)
            .replacingOccurrences(of: "NaN", with: "null")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

/// Runs the counter that `make` builds over the golden's input, read as make_golden.py read it.
private func count<Sink: TagSequenceSink>(_ json: [String: Any], _ make: (TagTable) -> Sink,
                                          counts: (Sink) -> SpanCounts) throws -> (SpanCounts, TagTable) {
    let reader = try #require(json["reader"] as? [String: Any])
    let delimiter = try #require(reader["delimiter"] as? String)
    let raw = try #require(reader["raw_mode_transform"] as? Bool)
    let outsideTag = try #require(reader["o_tag"] as? String)
    let options = ConllevalOptions(delimiter: try FieldDelimiter(perlRegex: delimiter), raw: raw, outsideTag: outsideTag)
    let table = TagTable(raw: options.raw, outsideTag: options.outsideTag)
    var sink = make(table)
    let input = try #require(json["input"] as? String)
    try ConllevalReader(options: options, table: table).read(path: SharedData.data("eval-golden/\(input)"), into: &sink)
    return (counts(sink), table)
}

/// Agreement to the digits seqeval's numbers carry: the strict goldens differ from a fresh seqeval 1.2.2
/// run (and from exact division) by a few units in the last place, e.g. 9/11 stored as 0.8181818181818183.
private func close(_ value: Double, _ expected: Double) -> Bool {
    abs(value - expected) <= 1e-12
}

/// Checks counts and every number of seqeval's classification report.
private func expectMatches(_ counts: SpanCounts, _ table: TagTable, _ json: [String: Any]) throws {
    let entities = try #require(json["entities"] as? [String: Int])
    #expect(counts.goldTotal == entities["true"])
    #expect(counts.foundTotal == entities["pred"])
    #expect(counts.correctTotal == entities["correct"])
    let report = try #require(json["classification_report"] as? [String: [String: Any]])
    let scores = SeqevalScores(counts, types: table.types)
    func expectRow(_ row: SeqevalScores.Row, _ name: String) throws {
        let golden = try #require(report[name], "seqeval has no row \(name)")
        for (key, value) in [("precision", row.precision), ("recall", row.recall), ("f1-score", row.f1)] {
            if let expected = golden[key] as? Double {
                #expect(close(value, expected), "\(name) \(key): \(value) against \(expected)")
            } else {
                #expect(value.isNaN, "\(name) \(key) should be NaN")
            }
        }
        #expect(row.support == golden["support"] as? Int, "\(name) support")
    }
    #expect(Set(scores.types.map { table.types.string($0.type) }) == Set(report.keys).subtracting(["micro avg", "macro avg", "weighted avg"]))
    for (type, row) in scores.types { try expectRow(row, table.types.string(type)) }
    try expectRow(scores.micro, "micro avg")
    try expectRow(scores.macro, "macro avg")
    try expectRow(scores.weighted, "weighted avg")
    let overall = try #require(json["overall"] as? [String: Double])
    #expect(close(scores.micro.precision, try #require(overall["precision"])))
    #expect(close(scores.micro.recall, try #require(overall["recall"])))
    #expect(close(scores.micro.f1, try #require(overall["f1"])))
}

@Suite struct SeqevalGoldenTests {
    static let strict = (try? SeqevalGolden.all(mode: "strict")) ?? []
    static let defaults = (try? SeqevalGolden.all(mode: "default")) ?? []

    @Test func goldensAreListed() {
        #expect(Self.strict.count == 41)
        #expect(Self.defaults.count == 41)
    }

    @Test(arguments: strict)
    func strictModeMatchesSeqeval(golden: SeqevalGolden) throws {
        let json = try golden.json()
        if json["skipped"] != nil { return }
        let schemeName = try #require(json["scheme"] as? String)
        let scheme = try #require(StrictScheme(rawValue: schemeName.lowercased()))
        let error = json["error"] as? String
        do {
            let (counts, table) = try count(json, { StrictCounter(scheme: scheme, table: $0) }, counts: \.counts)
            if let error {
                // seqeval cannot score an empty input at all; TagKit reports zero phrases.
                #expect(error.hasPrefix("TypeError"))
                #expect(counts.tokens == 0 && counts.goldTotal == 0)
            } else {
                try expectMatches(counts, table, json)
            }
        } catch let inputError as InputError {
            // seqeval raises KeyError on a tag whose first letter is no prefix; TagKit names the line.
            #expect(error?.hasPrefix("KeyError") == true, "\(inputError)")
            #expect(inputError.line != nil)
        }
    }

    @Test(arguments: defaults)
    func defaultModeMatchesSeqeval(golden: SeqevalGolden) throws {
        let json = try golden.json()
        if json["skipped"] != nil { return }
        let (counts, table) = try count(json, { SeqevalDefaultCounter(table: $0) }, counts: \.counts)
        if let error = json["error"] as? String {
            #expect(error.hasPrefix("TypeError"))
            #expect(counts.tokens == 0 && counts.goldTotal == 0)
        } else {
            try expectMatches(counts, table, json)
        }
    }
}
