import Foundation
import Testing
import TagKitTestSupport

/// `tagkit eval` end to end: the built executable against conlleval.pl's golden outputs.
@Suite struct EvalCommandTests {
    private static func golden(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: SharedData.data("eval-golden/\(name)")))
    }

    /// MANIFEST rows that cover every option and failure: (input, options, stdout, stderr, status).
    static let rows: [(String, [String], String, String?, Int32)] = [
        ("real_es_test.txt", [], "real_es_test.conlleval.txt", nil, 0),
        ("real_uner_en_test.tab.txt", ["-d", "\\t"], "real_uner_en_test.tab.conlleval.txt", nil, 0),
        ("real_wikigold_test.raw.txt", ["-r"], "real_wikigold_test.raw.conlleval.txt", nil, 0),
        ("e19_nolabel.raw.txt", ["-r", "-o", "NOLABEL"], "e19_nolabel.raw.conlleval.txt", nil, 0),
        ("e21_type_names.txt", [], "e21_type_names.conlleval.txt", nil, 0),
        ("e23b_crlf_one_sentence.txt", [], "e23b_crlf_one_sentence.conlleval.txt", nil, 0),
        ("e25_rounding.txt", [], "e25_rounding.conlleval.txt", nil, 0),
        ("e01_empty.txt", [], "e01_empty.conlleval.txt", nil, 0),
        ("e23_crlf.txt", [], "e23_crlf.conlleval.txt", "e23_crlf.conlleval.stderr.txt", 1),
        ("x01_err_extra_column.txt", [], "x01_err_extra_column.conlleval.txt", "x01_err_extra_column.conlleval.stderr.txt", 1),
        ("x02_err_docstart_one_field.txt", [], "x02_err_docstart_one_field.conlleval.txt", "x02_err_docstart_one_field.conlleval.stderr.txt", 255),
        ("real_uner_en_test.tab.txt", [], "x03_err_tab_file_default_delimiter.conlleval.txt", "x03_err_tab_file_default_delimiter.conlleval.stderr.txt", 255),
    ]

    @Test(arguments: rows.indices)
    func fileArgumentReproducesConlleval(row: Int) throws {
        let (input, options, stdout, stderr, status) = Self.rows[row]
        let path = SharedData.data("eval-golden/\(input)")
        let result = try TagKitProcess.run(["eval"] + options + [path])
        #expect(result.status == status)
        #expect(result.stdout == (try Self.golden(stdout)))
        if let stderr {
            let message = String(decoding: try Self.golden(stderr), as: UTF8.self).trimmingCharacters(in: .newlines)
            #expect(result.stderr.contains(message))
            #expect(result.stderr.hasPrefix(path + ":"), "names the file and line: \(result.stderr)")
        }
    }

    @Test func standardInputWorksToo() throws {
        let input = try Self.golden("e16c_final_blank_matters.txt")
        let result = try TagKitProcess.run(["eval"], stdin: input)
        #expect(result.status == 0)
        #expect(result.stdout == (try Self.golden("e16c_final_blank_matters.conlleval.txt")))
        let dash = try TagKitProcess.run(["eval", "-"], stdin: try Self.golden("x01_err_extra_column.txt"))
        #expect(dash.status == 1)
        #expect(dash.stderr.contains("<stdin>:3: unexpected number of features: 4 (3)"))
    }

    @Test func strictModeAndJSON() throws {
        let path = SharedData.data("eval-golden/e12_iobes.txt")
        let result = try TagKitProcess.run(["eval", "--mode", "strict", "--scheme", "iobes", "--json", path])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(json["mode"] as? String == "strict")
        #expect(json["scheme"] as? String == "IOBES")
        let overall = try #require(json["overall"] as? [String: Any])
        #expect(overall["gold"] as? Int == 17)
        #expect(overall["found"] as? Int == 11)
        #expect(overall["correct"] as? Int == 9)
    }

    @Test func strictModeNamesABadTag() throws {
        let path = SharedData.data("eval-golden/e17_brackets.txt")
        let result = try TagKitProcess.run(["eval", "--mode", "strict", path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(path):1: expected a tag whose first letter is a seqeval prefix"))
    }

    @Test func misalignedGoldAndPredictionFail() throws {
        let directory = try SharedData.temporaryDirectory()
        let gold = directory.appendingPathComponent("gold.txt"), predicted = directory.appendingPathComponent("pred.txt")
        try Data("Ana B-PER\nvive O\n\nen O\n".utf8).write(to: gold)
        try Data("Ana B-PER\nvive O\nen O\n".utf8).write(to: predicted)
        let result = try TagKitProcess.run(["eval", "--gold", gold.path, "--pred", predicted.path])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(gold.path):3") && result.stderr.contains("\(predicted.path):3"))
    }

    @Test func unsupportedDelimiterIsRejected() throws {
        let result = try TagKitProcess.run(["eval", "-d", "a|b", SharedData.data("eval-golden/e02_all_o.txt")])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot use field delimiter 'a|b'"))
    }
}
