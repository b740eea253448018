import Foundation
@testable import TagKitTensor

/// SplitMix64: a small seeded generator for test data.
struct TestGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func values(_ count: Int, scale: Double = 1) -> [Double] {
        (0..<count).map { _ in Double.random(in: -scale...scale, using: &self) }
    }
}

/// The recurrent cells written out per sequence and per step in Double, straight from the equations
/// in `RecurrentCell`'s documentation: the oracle the fused kernels are compared with.
struct RecurrentReference {
    var cell: RecurrentCell
    var inputSize: Int
    var hiddenSize: Int
    /// `W [G·H, in]`, `U [G·H, H]`, `b [G·H]`.
    var inputWeight: [Double]
    var recurrentWeight: [Double]
    var bias: [Double]

    struct Result {
        var output: [Double]       // [B, T, H], zero at padded positions
        var finalHidden: [Double]  // [B, H]
        var finalCell: [Double]    // [B, H]
    }

    private func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }

    /// `Σ_k M[row, k] v[k]` for a row-major matrix with `columns` columns.
    private func dot(_ matrix: [Double], row: Int, columns: Int, _ vector: [Double]) -> Double {
        var sum = 0.0
        for k in 0..<columns { sum += matrix[row * columns + k] * vector[k] }
        return sum
    }

    func run(input: [Double], lengths: [Int], paddedLength: Int, reversed: Bool,
             initialHidden: [Double], initialCell: [Double]) -> Result {
        let h = hiddenSize
        var result = Result(output: [Double](repeating: 0, count: lengths.count * paddedLength * h),
                            finalHidden: [], finalCell: [])
        for (sequence, length) in lengths.enumerated() {
            var state = Array(initialHidden[sequence * h..<(sequence + 1) * h])
            var memory = Array(initialCell[sequence * h..<(sequence + 1) * h])
            for step in 0..<length {
                let time = reversed ? length - 1 - step : step
                let rowStart = (sequence * paddedLength + time) * inputSize
                let x = Array(input[rowStart..<rowStart + inputSize])
                func preactivation(_ block: Int, _ unit: Int, recurrent: [Double]) -> Double {
                    let row = block * h + unit
                    return dot(inputWeight, row: row, columns: inputSize, x)
                        + dot(recurrentWeight, row: row, columns: h, recurrent) + bias[row]
                }
                switch cell {
                case .rnn:
                    state = (0..<h).map { Foundation.tanh(preactivation(0, $0, recurrent: state)) }
                case .gru:
                    let update = (0..<h).map { sigmoid(preactivation(0, $0, recurrent: state)) }
                    let reset = (0..<h).map { sigmoid(preactivation(1, $0, recurrent: state)) }
                    let resetState = (0..<h).map { reset[$0] * state[$0] }
                    let candidate = (0..<h).map { Foundation.tanh(preactivation(2, $0, recurrent: resetState)) }
                    state = (0..<h).map { update[$0] * state[$0] + (1 - update[$0]) * candidate[$0] }
                case .lstm:
                    let inputGate = (0..<h).map { sigmoid(preactivation(0, $0, recurrent: state)) }
                    let forget = (0..<h).map { sigmoid(preactivation(1, $0, recurrent: state)) }
                    let candidate = (0..<h).map { Foundation.tanh(preactivation(2, $0, recurrent: state)) }
                    let outputGate = (0..<h).map { sigmoid(preactivation(3, $0, recurrent: state)) }
                    memory = (0..<h).map { forget[$0] * memory[$0] + inputGate[$0] * candidate[$0] }
                    state = (0..<h).map { outputGate[$0] * Foundation.tanh(memory[$0]) }
                }
                let outputStart = (sequence * paddedLength + time) * h
                result.output.replaceSubrange(outputStart..<outputStart + h, with: state)
            }
            result.finalHidden += state
            result.finalCell += memory
        }
        return result
    }
}
