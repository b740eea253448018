import Foundation
import Testing
import TagKitTestSupport

@Suite struct DemoCommandTests {
    @Test func equalityPrintsTheLectureTable() throws {
        let result = try TagKitProcess.run(["demo", "equality"])
        #expect(result.status == 0)
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        let table = lines.filter { $0.hasPrefix("(0") || $0.hasPrefix("(1") }.map { $0.split(separator: " ").map(String.init) }
        #expect(table == [["(0,", "0)", "-1", "1", "0", "1", "1"],
                          ["(0,", "1)", "0", "0", "0", "0", "-1"],
                          ["(1,", "0)", "0", "0", "0", "0", "-1"],
                          ["(1,", "1)", "1", "-1", "1", "0", "1"]])
        #expect(lines.contains { $0.hasPrefix("Trained linear classifier: accuracy 50 %") })
        #expect(lines.contains { $0.hasPrefix("Trained two-layer ReLU net (8 hidden units): accuracy 100 %") })
    }

    @Test func sinePrintsTheErrorAndWritesAWellFormedPlot() throws {
        let directory = try SharedData.temporaryDirectory()
        let svg = directory.appendingPathComponent("sine.svg").path
        let result = try TagKitProcess.run(["demo", "sine", "--hidden", "10", "--steps", "50", "--svg", svg])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("layers 1 → 10 → 10 → 1 (relu), 50 Adam steps"))
        #expect(result.stdoutText.contains("evaluation MSE "))
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c",
                           "import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); "
                           + "print(len([e for e in r.iter() if e.tag.endswith('polyline')]))", svg]
        let pipe = Pipe()
        check.standardOutput = pipe
        try check.run()
        let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        #expect(printed == "2\n")
    }

    @Test func sineRejectsBadOptions() throws {
        let result = try TagKitProcess.run(["demo", "sine", "--hidden", "0"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--hidden must be positive"))
        let unknown = try TagKitProcess.run(["demo", "sine", "--activation", "softmax"])
        #expect(unknown.status != 0)
    }
}
