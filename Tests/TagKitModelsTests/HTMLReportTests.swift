import Testing
@testable import TagKitModels

@Suite struct HTMLReportTests {
    private func record(_ epoch: Int, loss: Double, score: Double, best: Bool) -> EpochRecord {
        EpochRecord(epoch: epoch, learningRate: 0.01, meanLoss: loss, seconds: 1, tokensPerSecond: 1000, devScore: score, isBest: best)
    }

    @Test func drawsOneCurvePointPerEpochAndMarksTheBest() {
        let history = [record(1, loss: 9, score: 50, best: true), record(2, loss: 5, score: 70, best: true),
                       record(3, loss: 4, score: 65, best: false)]
        let report = HTMLReport(title: "NER <wikigold>", summary: [("train", "a & b")], history: history, scoreName: "dev F1",
                                tables: [ReportTable(title: "Confusion", header: ["gold", "PER", "O"],
                                                     rows: [["PER", "10", "2"], ["O", "1", "300"]], heat: true)])
        let html = report.render()
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(html.contains("<title>NER &lt;wikigold&gt;</title>"))
        #expect(html.contains("<dd>a &amp; b</dd>"))
        #expect(html.components(separatedBy: "<polyline").count == 3)        // loss and dev F1
        #expect(html.components(separatedBy: "<circle").count == 7)          // 3 points per chart
        #expect(html.contains("r=\"5\" fill=\"#f1c40f\"><title>epoch 2: 70.00</title>"))
        #expect(html.contains("<td class=\"n\" style=\"background:rgba(36,113,163,0.7)\">300</td>"))
    }

    @Test func aRunWithoutDevDataDrawsOnlyTheLoss() {
        let history = [EpochRecord(epoch: 1, learningRate: 0.1, meanLoss: 2, seconds: 1, tokensPerSecond: 1, devScore: nil, isBest: true)]
        let html = HTMLReport(title: "t", summary: [], history: history, scoreName: "dev F1", tables: []).render()
        #expect(html.components(separatedBy: "<polyline").count == 2)
    }
}
