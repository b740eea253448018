import Foundation
import Testing
@testable import TagKitTensor

@Suite struct LSTMInferenceTests {
    /// Positions read their input from a few shared rows (as a tagger's repeated words do); the
    /// inference kernel, fed those rows' projections `W x + b`, matches the double-precision
    /// reference LSTM on the expanded input, never writes padded rows, and gives the final states.
    @Test(arguments: [(4, false), (4, true), (18, false), (18, true)])
    func matchesTheReferenceOnSharedRows(hiddenSize: Int, reversed: Bool) {
        let (inputSize, lengths, paddedLength) = (3, [3, 1, 0, 5], 5)
        var generator = TestGenerator(seed: 11)
        let rows = 4 * hiddenSize
        let reference = RecurrentReference(cell: .lstm, inputSize: inputSize, hiddenSize: hiddenSize,
                                           inputWeight: generator.values(rows * inputSize, scale: 0.8),
                                           recurrentWeight: generator.values(rows * hiddenSize, scale: 0.8),
                                           bias: generator.values(rows, scale: 0.5))
        let distinct = generator.values(3 * inputSize)
        let positions = lengths.count * paddedLength
        let projectionRow = (0..<positions).map { ($0 * 7) % 3 }
        let input = projectionRow.flatMap { distinct[$0 * inputSize ..< ($0 + 1) * inputSize] }
        let zeros = [Double](repeating: 0, count: lengths.count * hiddenSize)
        let expected = reference.run(input: input, lengths: lengths, paddedLength: paddedLength, reversed: reversed,
                                     initialHidden: zeros, initialCell: zeros)

        let projection: [Float] = (0..<3).flatMap { row in
            (0..<rows).map { gate in
                Float(reference.bias[gate] + (0..<inputSize).reduce(0) {
                    $0 + reference.inputWeight[gate * inputSize + $1] * distinct[row * inputSize + $1]
                })
            }
        }
        let sentinel: Float = 7
        var output = [Float](repeating: sentinel, count: positions * hiddenSize)
        var finalHidden = [Float](repeating: sentinel, count: lengths.count * hiddenSize)
        let recurrentWeight = reference.recurrentWeight.map(Float.init)
        LSTMInference.run(hiddenSize: hiddenSize,
                          layout: PackedSequenceLayout(lengths: lengths, paddedLength: paddedLength), reversed: reversed,
                          projection: projection, projectionStride: rows, projectionRow: projectionRow,
                          recurrentWeight: recurrentWeight, output: &output, outputStride: hiddenSize,
                          finalHidden: &finalHidden)

        for (sequence, length) in lengths.enumerated() {
            for time in 0..<paddedLength {
                let row = (sequence * paddedLength + time) * hiddenSize
                for unit in 0..<hiddenSize {
                    if time < length {
                        #expect(abs(Double(output[row + unit]) - expected.output[row + unit]) < 1e-5)
                    } else {
                        #expect(output[row + unit] == sentinel)
                    }
                }
            }
        }
        for (value, reference) in zip(finalHidden, expected.finalHidden) {
            #expect(abs(Double(value) - reference) < 1e-5)
        }
    }
}
