import Foundation
import Testing
import TagKitTensor
@testable import TagKitNN

@Suite struct DemoTests {
    /// The lecture's table, row by row: inputs, z1, z2, h1, h2, output.
    @Test func handSetNetworkReproducesTheLectureTable() {
        let expected: [[Float]] = [
            [0, 0, -1, 1, 0, 1, 1],
            [0, 1, 0, 0, 0, 0, -1],
            [1, 0, 0, 0, 0, 0, -1],
            [1, 1, 1, -1, 1, 0, 1],
        ]
        let rows = EqualityDemo.table().map { [$0.x, $0.y, $0.z1, $0.z2, $0.h1, $0.h2, $0.output] }
        #expect(rows == expected)
        #expect(EqualityDemo.accuracy(scores: EqualityDemo.table().map(\.output)) == 1)
    }

    @Test func withoutTheActivationNothingWorks() {
        let outputs = EqualityDemo.table(activation: .identity).map(\.output)
        #expect(outputs == [-1, -1, -1, -1])
        #expect(EqualityDemo.accuracy(scores: outputs) == 0.5)
    }

    /// A trained linear classifier stays at or below 3/4, and its scores obey the identity that
    /// makes equality impossible for it; a trained two-layer ReLU net reaches 100 %.
    @Test(arguments: Array(1...8) as [UInt64])
    func linearFailsTwoLayerSucceeds(seed: UInt64) {
        let linear = EqualityDemo.train(hidden: nil, seed: seed)
        #expect(linear.accuracy <= 0.75)
        let s = linear.scores
        #expect(abs((s[0] + s[3]) - (s[1] + s[2])) < 1e-5)
        let net = EqualityDemo.train(hidden: 8, seed: seed)
        #expect(net.accuracy == 1)
        #expect(net.loss < 0.1)
    }

    @Test func reportShowsTheTable() {
        let report = EqualityDemo.report()
        #expect(report.contains("(0, 0)            -1             1             0             1             1\n"))
        #expect(report.contains("Trained two-layer ReLU net (8 hidden units): accuracy 100 %"))
    }

    /// 100 hidden units fit sin x markedly better than 10 (small training budget, fixed seed).
    @Test func widerNetworkFitsTheSineBetter() {
        Gemm.threadCount = 1
        func error(_ hidden: Int) -> Double {
            SineDemo.run(.init(hidden: hidden, steps: 600, seed: 2, sampleCount: 100, evaluationCount: 201)).meanSquaredError
        }
        let narrow = error(10), wide = error(100)
        #expect(wide < 0.02)
        #expect(wide * 5 < narrow, "MSE with 100 units \(wide), with 10 units \(narrow)")
    }

    @Test func svgPlotsBothCurves() {
        let result = SineDemo.run(.init(hidden: 4, steps: 5, sampleCount: 20, evaluationCount: 30))
        let svg = SineDemo.svg(result, title: "sin <x> & fit")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<polyline").count == 3)
        #expect(svg.contains("sin &lt;x&gt; &amp; fit"))
        let firstPolyline = svg.components(separatedBy: "points=\"")[1].prefix { $0 != "\"" }
        #expect(firstPolyline.split(separator: " ").count == 30)
    }
}
