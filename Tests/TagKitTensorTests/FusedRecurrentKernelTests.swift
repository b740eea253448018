import Foundation
import Testing
@testable import TagKitTensor

/// A small padded batch, random weights and a random linear loss `L = Σ output∘R + Σ h_T∘S + Σ c_T∘Q`.
private struct RecurrentCase {
    var reference: RecurrentReference
    var lengths: [Int]
    var paddedLength: Int
    var reversed: Bool
    var input: [Double]
    var initialHidden: [Double]
    var initialCell: [Double]
    var outputWeight: [Double]
    var finalHiddenWeight: [Double]
    var finalCellWeight: [Double]

    init(cell: RecurrentCell, inputSize: Int = 3, hiddenSize: Int = 4, lengths: [Int] = [3, 1, 0, 4],
         paddedLength: Int = 5, reversed: Bool, seed: UInt64 = 7) {
        var generator = TestGenerator(seed: seed)
        let rows = cell.gateCount * hiddenSize
        reference = RecurrentReference(cell: cell, inputSize: inputSize, hiddenSize: hiddenSize,
                                       inputWeight: generator.values(rows * inputSize, scale: 0.8),
                                       recurrentWeight: generator.values(rows * hiddenSize, scale: 0.8),
                                       bias: generator.values(rows, scale: 0.5))
        self.lengths = lengths
        self.paddedLength = paddedLength
        self.reversed = reversed
        let batch = lengths.count
        input = generator.values(batch * paddedLength * inputSize)
        initialHidden = generator.values(batch * hiddenSize, scale: 0.5)
        initialCell = generator.values(batch * hiddenSize, scale: 0.5)
        outputWeight = generator.values(batch * paddedLength * hiddenSize)
        finalHiddenWeight = generator.values(batch * hiddenSize)
        finalCellWeight = cell == .lstm ? generator.values(batch * hiddenSize) : []
    }

    var kernel: FusedRecurrentKernel {
        FusedRecurrentKernel(cell: reference.cell, inputSize: reference.inputSize, hiddenSize: reference.hiddenSize)
    }

    func referenceResult() -> RecurrentReference.Result {
        reference.run(input: input, lengths: lengths, paddedLength: paddedLength, reversed: reversed,
                      initialHidden: initialHidden, initialCell: initialCell)
    }

    func loss(_ result: RecurrentReference.Result) -> Double {
        var total = zip(result.output, outputWeight).reduce(0) { $0 + $1.0 * $1.1 }
        total += zip(result.finalHidden, finalHiddenWeight).reduce(0) { $0 + $1.0 * $1.1 }
        total += zip(result.finalCell, finalCellWeight).reduce(0) { $0 + $1.0 * $1.1 }
        return total
    }

    struct KernelResult {
        var output: [Float], finalHidden: [Float], finalCell: [Float]
        var inputWeight: [Float], recurrentWeight: [Float], bias: [Float]
        var input: [Float], initialHidden: [Float], initialCell: [Float]
    }

    /// Runs the fused kernel forward and backward on Float copies of the case.
    func runKernel(input override: [Float]? = nil) -> KernelResult {
        let hidden = reference.hiddenSize
        let batch = lengths.count
        let layout = PackedSequenceLayout(lengths: lengths, paddedLength: paddedLength)
        let w = reference.inputWeight.map(Float.init), u = reference.recurrentWeight.map(Float.init)
        let b = reference.bias.map(Float.init)
        let x = override ?? input.map(Float.init)
        let h0 = initialHidden.map(Float.init), c0 = initialCell.map(Float.init)
        let r = outputWeight.map(Float.init), s = finalHiddenWeight.map(Float.init)
        let q = reference.cell == .lstm ? finalCellWeight.map(Float.init) : [Float](repeating: 0, count: batch * hidden)
        var result = KernelResult(
            output: [Float](repeating: .nan, count: batch * paddedLength * hidden),
            finalHidden: [Float](repeating: .nan, count: batch * hidden),
            finalCell: [Float](repeating: .nan, count: batch * hidden),
            inputWeight: [Float](repeating: 0, count: w.count), recurrentWeight: [Float](repeating: 0, count: u.count),
            bias: [Float](repeating: 0, count: b.count), input: [Float](repeating: 0, count: x.count),
            initialHidden: [Float](repeating: 0, count: h0.count), initialCell: [Float](repeating: 0, count: c0.count))
        let kernel = kernel
        w.withUnsafeBufferPointer { w in u.withUnsafeBufferPointer { u in b.withUnsafeBufferPointer { b in
            let parameters = RecurrentParameters(inputWeight: w.baseAddress!, recurrentWeight: u.baseAddress!,
                                                 bias: b.baseAddress!)
            let trace = kernel.forward(layout: layout, reversed: reversed, input: x, parameters: parameters,
                                       initialHidden: h0, initialCell: c0,
                                       output: &result.output, outputStride: hidden,
                                       finalHidden: &result.finalHidden, finalCell: &result.finalCell)
            result.inputWeight.withUnsafeMutableBufferPointer { gw in
                result.recurrentWeight.withUnsafeMutableBufferPointer { gu in
                    result.bias.withUnsafeMutableBufferPointer { gb in
                        kernel.backward(trace, parameters: parameters, outputGradient: r, outputGradientStride: hidden,
                                        finalHiddenGradient: s, finalCellGradient: q,
                                        parameterGradients: RecurrentParameterGradients(
                                            inputWeight: gw.baseAddress!, recurrentWeight: gu.baseAddress!,
                                            bias: gb.baseAddress!),
                                        inputGradient: &result.input,
                                        initialHiddenGradient: &result.initialHidden,
                                        initialCellGradient: &result.initialCell)
                    }
                }
            }
        } } }
        return result
    }

    /// Central differences of the loss (in Double, through the reference) w.r.t. each element of the
    /// vector `path` selects.
    func numericGradient(_ path: WritableKeyPath<RecurrentCase, [Double]>) -> [Double] {
        (0..<self[keyPath: path].count).map { index in
            let epsilon = 1e-6
            var plus = self, minus = self
            plus[keyPath: path][index] += epsilon
            minus[keyPath: path][index] -= epsilon
            return (plus.loss(plus.referenceResult()) - minus.loss(minus.referenceResult())) / (2 * epsilon)
        }
    }
}

/// `|analytic - numeric| ≤ 1e-4 + 1e-3 |numeric|` element-wise.
private func close(_ analytic: [Float], _ numeric: [Double]) -> Bool {
    analytic.count == numeric.count
        && zip(analytic, numeric).allSatisfy { abs(Double($0) - $1) <= 1e-4 + 1e-3 * abs($1) }
}

@Suite struct FusedRecurrentKernelTests {
    init() { Gemm.threadCount = 1 }

    @Test func layoutPacksByDecreasingLengthAndReversesWithinEachSequence() {
        let layout = PackedSequenceLayout(lengths: [2, 0, 3, 3], paddedLength: 4)
        #expect(layout.order == [2, 3, 0, 1])
        #expect(layout.batchSizes == [3, 3, 2])
        #expect(layout.offsets == [0, 3, 6, 8])
        #expect(layout.tokenCount == 8)
        // Forward: step t of sequence b is time t.
        #expect(layout.paddedRows(reversed: false) == [8, 12, 0, 9, 13, 1, 10, 14])
        // Reversed: step t of sequence b is time lengths[b] - 1 - t.
        #expect(layout.paddedRows(reversed: true) == [10, 14, 1, 9, 13, 0, 8, 12])
    }

    @Test(arguments: RecurrentCell.allCases, [false, true])
    func forwardMatchesTheReference(cell: RecurrentCell, reversed: Bool) {
        // Hidden size 19 covers a full sixteen-lane chunk and a tail.
        for hiddenSize in [4, 19] {
            let testCase = RecurrentCase(cell: cell, hiddenSize: hiddenSize, reversed: reversed)
            let expected = testCase.referenceResult()
            let actual = testCase.runKernel()
            #expect(zip(actual.output, expected.output).allSatisfy { abs(Double($0) - $1) < 1e-5 })
            #expect(zip(actual.finalHidden, expected.finalHidden).allSatisfy { abs(Double($0) - $1) < 1e-5 })
            if cell == .lstm {
                #expect(zip(actual.finalCell, expected.finalCell).allSatisfy { abs(Double($0) - $1) < 1e-5 })
            }
        }
    }

    @Test(arguments: RecurrentCell.allCases, [false, true])
    func gradientsMatchFiniteDifferences(cell: RecurrentCell, reversed: Bool) {
        let testCase = RecurrentCase(cell: cell, reversed: reversed)
        let analytic = testCase.runKernel()
        #expect(close(analytic.inputWeight, testCase.numericGradient(\.reference.inputWeight)))
        #expect(close(analytic.recurrentWeight, testCase.numericGradient(\.reference.recurrentWeight)))
        #expect(close(analytic.bias, testCase.numericGradient(\.reference.bias)))
        #expect(close(analytic.input, testCase.numericGradient(\.input)))
        #expect(close(analytic.initialHidden, testCase.numericGradient(\.initialHidden)))
        if cell == .lstm {
            #expect(close(analytic.initialCell, testCase.numericGradient(\.initialCell)))
        } else {
            #expect(analytic.initialCell.allSatisfy { $0 == 0 })
        }
    }

    @Test(arguments: RecurrentCell.allCases)
    func paddedPositionsAreNeverReadAndGetZeroOutputAndGradient(cell: RecurrentCell) {
        let testCase = RecurrentCase(cell: cell, reversed: true)
        let inputSize = testCase.reference.inputSize
        var poisoned = testCase.input.map(Float.init)
        for (sequence, length) in testCase.lengths.enumerated() {
            for time in length..<testCase.paddedLength {
                for feature in 0..<inputSize {
                    poisoned[(sequence * testCase.paddedLength + time) * inputSize + feature] = .nan
                }
            }
        }
        let clean = testCase.runKernel()
        let result = testCase.runKernel(input: poisoned)
        #expect(result.output == clean.output)
        #expect(result.input == clean.input)
        let hidden = testCase.reference.hiddenSize
        for (sequence, length) in testCase.lengths.enumerated() {
            for time in length..<testCase.paddedLength {
                let outputRow = (sequence * testCase.paddedLength + time) * hidden
                #expect(result.output[outputRow..<outputRow + hidden].allSatisfy { $0 == 0 })
                let inputRow = (sequence * testCase.paddedLength + time) * inputSize
                #expect(result.input[inputRow..<inputRow + inputSize].allSatisfy { $0 == 0 })
            }
        }
        // The empty sequence (index 2) hands its initial state through and its gradient back.
        #expect(Array(result.finalHidden[2 * hidden..<3 * hidden])
                == testCase.initialHidden[2 * hidden..<3 * hidden].map(Float.init))
        #expect(Array(result.initialHidden[2 * hidden..<3 * hidden])
                == testCase.finalHiddenWeight[2 * hidden..<3 * hidden].map(Float.init))
    }
}
