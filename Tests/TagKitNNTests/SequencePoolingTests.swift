import Testing
import TagKitTensor
@testable import TagKitNN

@Suite struct SequencePoolingTests {
    private let rows: Tensor = {
        var generator = SeededGenerator(seed: 8)
        return Tensor.normal([6, 3], using: &generator)
    }()
    /// Three sequences of 2, 0 and 4 rows: the empty one must give zeros and take no gradient.
    private let lengths = [2, 0, 4]

    @Test func gradientsMatchCentralDifferences() {
        for pooling in SequencePooling.allCases {
            let error = GradientCheck.maximumError(inputs: [rows]) { _, v in
                poolSequences(v[0], lengths: lengths, pooling: pooling)
            }
            #expect(error < 1e-2, "\(pooling)")
        }
    }

    @Test func valuesFollowTheDefinitions() {
        let tape = Tape(training: false)
        let x = tape.constant(rows)
        let sum = poolSequences(x, lengths: lengths, pooling: .sum).value
        let mean = poolSequences(x, lengths: lengths, pooling: .mean).value
        let max = poolSequences(x, lengths: lengths, pooling: .max).value
        for j in 0..<3 {
            let first = [rows[0, j], rows[1, j]], last = (2..<6).map { rows[$0, j] }
            #expect(abs(sum[0, j] - first.reduce(0, +)) < 1e-6)
            #expect(abs(sum[2, j] - last.reduce(0, +)) < 1e-6)
            #expect(abs(mean[2, j] - last.reduce(0, +) / 4) < 1e-6)
            #expect(max[0, j] == first.max()!)
            #expect(max[2, j] == last.max()!)
            #expect(sum[1, j] == 0 && mean[1, j] == 0 && max[1, j] == 0)
        }
    }
}
