import Foundation
import Testing
import TagKitTestSupport
import TagKitText
@testable import TagKitEvaluation

@Suite struct AlignedColumnsReaderTests {
    /// Writes `gold` and `predicted` to a temporary directory and returns their paths.
    private func files(_ gold: String, _ predicted: String) throws -> (String, String) {
        let directory = try SharedData.temporaryDirectory()
        let goldPath = directory.appendingPathComponent("gold.conll").path
        let predictedPath = directory.appendingPathComponent("pred.conll").path
        try Data(gold.utf8).write(to: URL(fileURLWithPath: goldPath))
        try Data(predicted.utf8).write(to: URL(fileURLWithPath: predictedPath))
        return (goldPath, predictedPath)
    }

    private func evaluate(_ gold: String, _ predicted: String, tagColumn: Int? = nil,
                          delimiter: String = " ") throws -> Evaluation {
        let (goldPath, predictedPath) = try files(gold, predicted)
        return try Evaluation(EvaluationRequest(
            input: .aligned(gold: goldPath, predicted: predictedPath, tagColumn: tagColumn),
            options: ConllevalOptions(delimiter: try FieldDelimiter(perlRegex: delimiter))))
    }

    /// Splitting a golden conlleval file into a gold file and a prediction file gives conlleval's report.
    @Test func pairedFilesScoreLikeTheJoinedFile() throws {
        let joined = try String(contentsOfFile: SharedData.data("eval-golden/real_es_test.txt"), encoding: .utf8)
        var gold = "", predicted = ""
        for line in joined.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let fields = line.split(separator: " ")
            if fields.isEmpty {
                gold += "\n"; predicted += "\n"
            } else {
                gold += "\(fields[0])\t\(fields[1])\t\(fields[2])\n"
                predicted += "\(fields[0])\t\(fields[3])\n"
            }
        }
        let evaluation = try evaluate(gold, predicted, delimiter: "\\t")
        let expected = try Data(contentsOf: URL(fileURLWithPath: SharedData.data("eval-golden/real_es_test.conlleval.txt")))
        #expect(Data(evaluation.textReport()) == expected)
    }

    @Test func tagColumnPicksAField() throws {
        let evaluation = try evaluate("Ana B-PER x\nvive O x\n", "Ana B-PER y\nvive B-LOC y\n", tagColumn: 2)
        #expect(evaluation.counts.goldTotal == 1)
        #expect(evaluation.counts.foundTotal == 2)
        #expect(evaluation.counts.correctTotal == 1)
    }

    private func failure(_ gold: String, _ predicted: String, tagColumn: Int? = nil) throws -> InputError {
        do {
            _ = try evaluate(gold, predicted, tagColumn: tagColumn)
        } catch let error as InputError {
            return error
        }
        Issue.record("misaligned files were scored")
        throw CancellationError()
    }

    @Test func differentTokensNameBothLines() throws {
        let error = try failure("a O\nb O\n", "a O\nc O\n")
        #expect(error.file.hasSuffix("gold.conll"))
        #expect(error.line == 2)
        #expect(error.description.contains("pred.conll:2"))
        #expect(error.description.contains("'c'") && error.description.contains("'b'"))
    }

    @Test func aBlankLineInOneFileOnlyIsAnError() throws {
        let error = try failure("a O\n\nb O\n", "a O\nb O\n\n")
        #expect(error.line == 2)
        #expect(error.description.contains("pred.conll:2"))
        #expect(error.description.contains("sentence break"))
    }

    @Test func filesOfDifferentLengthAreAnError() throws {
        let shortPrediction = try failure("a O\nb O\n", "a O\n")
        #expect(shortPrediction.file.hasSuffix("pred.conll"))
        #expect(shortPrediction.description.contains("gold.conll:2"))
        #expect(shortPrediction.found == "the end of the file")
        let shortGold = try failure("a O\n", "a O\nb O\n")
        #expect(shortGold.file.hasSuffix("gold.conll"))
        #expect(shortGold.description.contains("pred.conll:2"))
    }

    @Test func aMissingTagColumnIsAnError() throws {
        let error = try failure("a\tO\n", "a\tO\n")
        #expect(error.description.contains("-d '\\t'"))
        let beyond = try failure("a O\n", "a O\n", tagColumn: 3)
        #expect(beyond.description.contains("tag column 3"))
    }
}
