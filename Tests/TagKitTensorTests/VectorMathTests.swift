import Foundation
import Testing
@testable import TagKitTensor

@Suite struct VectorMathTests {
    private typealias BufferFunction = (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void

    /// Evenly spaced points over `range` plus their negatives' magnitudes spread logarithmically
    /// towards zero, so both the polynomial core and the range reduction are covered.
    private func sweep(_ range: ClosedRange<Float>, count: Int) -> [Float] {
        let step = (range.upperBound - range.lowerBound) / Float(count - 1)
        var values = (0..<count).map { range.lowerBound + Float($0) * step }
        for exponent in stride(from: -30.0, through: 1.0, by: 0.001) {
            let magnitude = Float(Foundation.pow(10.0, exponent))
            values.append(magnitude)
            values.append(-magnitude)
        }
        return values.filter { range.contains($0) }
    }

    private func apply(_ function: BufferFunction, _ input: [Float]) -> [Float] {
        var output = [Float](repeating: .nan, count: input.count)
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                function(source.baseAddress!, target.baseAddress!, input.count)
            }
        }
        return output
    }

    /// The largest relative error over the inputs whose exact result is a normal Float.
    private func maxRelativeError(_ function: BufferFunction, _ reference: (Double) -> Double,
                                  over input: [Float]) -> Double {
        let output = apply(function, input)
        var worst = 0.0
        for (x, y) in zip(input, output) {
            let exact = reference(Double(x))
            guard abs(exact) >= Double(Float.leastNormalMagnitude), abs(exact) <= Double(Float.greatestFiniteMagnitude)
            else { continue }
            worst = max(worst, abs(Double(y) - exact) / abs(exact))
        }
        return worst
    }

    @Test func expMatchesLibm() {
        let error = maxRelativeError(VectorMath.exp, Foundation.exp, over: sweep(-87.3...88.7, count: 200_000))
        #expect(error <= 2e-7)
    }

    @Test func tanhMatchesLibm() {
        let error = maxRelativeError(VectorMath.tanh, Foundation.tanh, over: sweep(-12...12, count: 200_000))
        #expect(error <= 2e-7)
    }

    @Test func sigmoidMatchesLibm() {
        let error = maxRelativeError(VectorMath.sigmoid, { 1 / (1 + Foundation.exp(-$0)) },
                                     over: sweep(-87...30, count: 200_000))
        #expect(error <= 2e-7)
    }

    @Test func logMatchesLibm() {
        var input = (1...100_000).map { Float($0) * 1e-3 }
        input += stride(from: -44.0, through: 38.0, by: 0.0005).map { Float(Foundation.pow(10.0, $0)) }
        input = input.filter { $0 > 0 && $0.isFinite }
        let error = maxRelativeError(VectorMath.log, Foundation.log, over: input)
        #expect(error <= 2e-7)
        // Around 1 the result is small; its absolute error must be small too.
        let nearOne = (0..<2_000).map { 1 + (Float($0) - 1_000) * 1e-6 }
        let output = apply(VectorMath.log, nearOne)
        for (x, y) in zip(nearOne, output) {
            #expect(abs(Double(y) - Foundation.log(Double(x))) <= 1e-7 * max(abs(Foundation.log(Double(x))), 1e-30) + 1e-13)
        }
    }

    @Test func edgeValuesFollowTheDocumentedPolicy() {
        let input: [Float] = [.infinity, -.infinity, .nan, 0, -0.0, 89, 1000, -104, -1000, 100, -100]
        let exps = apply(VectorMath.exp, input)
        #expect(exps[0] == .infinity && exps[1] == 0 && exps[2].isNaN && exps[3] == 1 && exps[4] == 1)
        #expect(exps[5] == .infinity && exps[6] == .infinity && exps[7] <= Float.leastNonzeroMagnitude && exps[8] == 0)
        let tanhs = apply(VectorMath.tanh, input)
        #expect(tanhs[0] == 1 && tanhs[1] == -1 && tanhs[2].isNaN && tanhs[3] == 0)
        #expect(tanhs[4] == 0 && tanhs[4].sign == .minus)
        #expect(tanhs[9] == 1 && tanhs[10] == -1)
        let sigmoids = apply(VectorMath.sigmoid, input)
        #expect(sigmoids[0] == 1 && sigmoids[1] == 0 && sigmoids[2].isNaN && sigmoids[3] == 0.5)
        #expect(sigmoids[9] == 1 && sigmoids[10] < Float.leastNormalMagnitude)
        let logs = apply(VectorMath.log, [.infinity, 0, -1, .nan, -.infinity, Float.leastNonzeroMagnitude])
        #expect(logs[0] == .infinity && logs[1] == -.infinity && logs[2].isNaN && logs[3].isNaN && logs[4].isNaN)
        #expect(abs(Double(logs[5]) - Foundation.log(Double(Float.leastNonzeroMagnitude))) < 1e-4)
    }

    @Test func subnormalExpResultsKeepTheirAbsoluteError() {
        let input = stride(from: Float(-103.9), through: -87.4, by: 0.01).map { $0 }
        let output = apply(VectorMath.exp, input)
        for (x, y) in zip(input, output) {
            #expect(abs(Double(y) - Foundation.exp(Double(x))) <= Double(Float.leastNonzeroMagnitude))
        }
    }

    @Test func tanhIsOddAndTailsAreHandledLikeFullRegisters() {
        // 37 elements: two full registers and a tail of five.
        let input = (0..<37).map { Float($0) * 0.37 - 6 }
        let forward = apply(VectorMath.tanh, input)
        let negated = apply(VectorMath.tanh, input.map { -$0 })
        #expect(zip(forward, negated).allSatisfy { $0 == -$1 })
        for (index, x) in input.enumerated() {
            let single = apply(VectorMath.tanh, [x])
            #expect(single[0] == forward[index])
        }
    }
}
