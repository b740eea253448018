import Foundation
import Testing
import TagKitTestSupport
import TagKitText
@testable import TagKitEvaluation

/// One row of `eval-golden/MANIFEST.tsv`: a conlleval.pl run and what it printed.
struct GoldenRun: CustomTestStringConvertible, Sendable {
    var input: String
    var options: [String]
    var stdout: String
    var stderr: String?
    var exitStatus: Int32
    var testDescription: String { "\(input) \(options.joined(separator: " "))" }

    /// conlleval's options as `ConllevalOptions` (the manifest writes them in shell form: `-d '\t'`).
    func conllevalOptions() throws -> ConllevalOptions {
        var result = ConllevalOptions()
        var index = 0
        while index < options.count {
            switch options[index] {
            case "-r": result.raw = true
            case "-o": index += 1; result.outsideTag = options[index]
            case "-d": index += 1; result.delimiter = try FieldDelimiter(perlRegex: options[index])
            default: Issue.record("unknown option \(options[index])")
            }
            index += 1
        }
        return result
    }

    static func all() throws -> [GoldenRun] {
        let text = try String(contentsOfFile: SharedData.data("eval-golden/MANIFEST.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { row in
            let cells = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let options = cells[1] == "(none)" ? [] : cells[1].split(separator: " ").map {
                $0.hasPrefix("'") && $0.hasSuffix("'") ? String($0.dropFirst().dropLast()) : String($0)
            }
            return GoldenRun(input: cells[0], options: options, stdout: cells[2],
                             stderr: cells[3] == "-" ? nil : cells[3], exitStatus: Int32(cells[4])!)
        }
    }
}

@Suite struct ConllevalGoldenTests {
    static let runs = (try? GoldenRun.all()) ?? []

    @Test func manifestIsRead() {
        #expect(Self.runs.count == 44)
    }

    /// Every conlleval.pl run of the manifest: the same stdout bytes, or the same failure.
    @Test(arguments: runs)
    func reproducesConlleval(run: GoldenRun) throws {
        let expected = try Data(contentsOf: URL(fileURLWithPath: SharedData.data("eval-golden/\(run.stdout)")))
        let options = try run.conllevalOptions()
        let table = TagTable(raw: options.raw, outsideTag: options.outsideTag)
        var counter = ConllevalCounter(table: table)
        let path = SharedData.data("eval-golden/\(run.input)")
        do {
            try ConllevalReader(options: options, table: table).read(path: path, into: &counter)
            #expect(run.exitStatus == 0)
            #expect(Data(ConllevalReport.render(counter.counts, types: table.types)) == expected)
        } catch let error as ConllevalFormatError {
            #expect(error.exitStatus == run.exitStatus)
            #expect(expected.isEmpty)
            let stderr = try String(contentsOfFile: SharedData.data("eval-golden/\(try #require(run.stderr))"), encoding: .utf8)
            #expect(stderr == error.message + "\n")
            #expect(error.description.hasPrefix(path + ":"))
        }
    }

    /// Regex delimiters that conlleval users pass give the same report on a TAB file as `-d '\t'`.
    @Test(arguments: ["\\s+", "[ \\t]", "\\s"])
    func regexDelimitersReadTabFiles(pattern: String) throws {
        let options = ConllevalOptions(delimiter: try FieldDelimiter(perlRegex: pattern))
        let table = TagTable()
        var counter = ConllevalCounter(table: table)
        try ConllevalReader(options: options, table: table)
            .read(path: SharedData.data("eval-golden/e18_multicolumn.tab.txt"), into: &counter)
        let expected = try Data(contentsOf: URL(fileURLWithPath: SharedData.data("eval-golden/e18_multicolumn.tab.conlleval.txt")))
        #expect(Data(ConllevalReport.render(counter.counts, types: table.types)) == expected)
    }
}
