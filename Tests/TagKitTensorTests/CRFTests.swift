import Foundation
import Testing
@testable import TagKitTensor

/// A tiny CRF problem whose every tag path can be enumerated: the exact oracle for the lattice,
/// the decoders and the gradient.
private struct CRFCase {
    var tagCount: Int
    var lengths: [Int]
    var paddedLength: Int
    var emissions: [Double]
    var transitions: [Double]
    var start: [Double]
    var end: [Double]

    init(tagCount: Int = 3, lengths: [Int] = [4, 1, 0, 3], paddedLength: Int = 5, seed: UInt64 = 3) {
        var generator = TestGenerator(seed: seed)
        self.tagCount = tagCount
        self.lengths = lengths
        self.paddedLength = paddedLength
        emissions = generator.values(lengths.count * paddedLength * tagCount, scale: 2)
        transitions = generator.values(tagCount * tagCount, scale: 1.5)
        start = generator.values(tagCount)
        end = generator.values(tagCount)
    }

    /// Every tag path of a sequence with its score, in Double.
    func paths(_ sequence: Int) -> [(tags: [Int], score: Double)] {
        let length = lengths[sequence]
        guard length > 0 else { return [([], 0)] }
        var all: [[Int]] = [[]]
        for _ in 0..<length { all = all.flatMap { prefix in (0..<tagCount).map { prefix + [$0] } } }
        return all.map { ($0, score(sequence, $0)) }
    }

    func score(_ sequence: Int, _ tags: [Int]) -> Double {
        let base = sequence * paddedLength * tagCount
        var total = start[tags[0]] + end[tags.last!]
        for (time, tag) in tags.enumerated() {
            total += emissions[base + time * tagCount + tag]
            if time > 0 { total += transitions[tags[time - 1] * tagCount + tag] }
        }
        return total
    }

    func logPartition(_ sequence: Int) -> Double {
        guard lengths[sequence] > 0 else { return 0 }
        let scores = paths(sequence).map(\.score)
        let maximum = scores.max()!
        return maximum + Foundation.log(scores.reduce(0) { $0 + Foundation.exp($1 - maximum) })
    }

    /// Float copies and a call with the CRF's raw buffers.
    func withParameters<R>(_ body: (UnsafePointer<Float>, CRFParameters) -> R) -> R {
        let e = emissions.map(Float.init), t = transitions.map(Float.init)
        let s = start.map(Float.init), n = end.map(Float.init)
        return e.withUnsafeBufferPointer { e in t.withUnsafeBufferPointer { t in
            s.withUnsafeBufferPointer { s in n.withUnsafeBufferPointer { n in
                body(e.baseAddress!, CRFParameters(transitions: t.baseAddress!, start: s.baseAddress!, end: n.baseAddress!))
            } }
        } }
    }

    func lattice() -> CRFLattice {
        withParameters { emissions, parameters in
            CRFLattice(emissions: emissions, lengths: lengths, paddedLength: paddedLength, tagCount: tagCount,
                       parameters: parameters)
        }
    }
}

@Suite struct CRFTests {
    @Test(arguments: [(3, [4, 1, 0, 3]), (18, [3, 2])])
    func logPartitionEqualsLogSumExpOverAllPaths(tagCount: Int, lengths: [Int]) {
        let problem = CRFCase(tagCount: tagCount, lengths: lengths, paddedLength: 5)
        let lattice = problem.lattice()
        for sequence in lengths.indices {
            let exact = problem.logPartition(sequence)
            #expect(abs(Double(lattice.logPartition[sequence]) - exact) <= 1e-5 * max(1, abs(exact)))
        }
    }

    @Test(arguments: [(3, [4, 1, 0, 3]), (18, [3, 2])])
    func viterbiEqualsTheEnumeratedArgmax(tagCount: Int, lengths: [Int]) {
        let problem = CRFCase(tagCount: tagCount, lengths: lengths, paddedLength: 5, seed: 11)
        let decoded = problem.withParameters { emissions, parameters in
            CRFDecoder.viterbi(emissions: emissions, lengths: lengths, paddedLength: 5, tagCount: tagCount,
                               parameters: parameters)
        }
        for sequence in lengths.indices {
            let best = problem.paths(sequence).max { $0.score < $1.score }!
            #expect(decoded[sequence].tags == best.tags)
            #expect(abs(Double(decoded[sequence].score) - best.score) < 1e-4)
        }
    }

    @Test func nBestEqualsTheEnumeratedTopN() {
        let problem = CRFCase(seed: 5)
        let decoded = problem.withParameters { emissions, parameters in
            CRFDecoder.nBest(emissions: emissions, lengths: problem.lengths, paddedLength: problem.paddedLength,
                             tagCount: problem.tagCount, parameters: parameters, count: 7)
        }
        for sequence in problem.lengths.indices {
            let ranked = problem.paths(sequence).sorted { $0.score > $1.score }.prefix(7)
            // The one-token sequence has only three paths; the empty one has one, the empty path.
            #expect(decoded[sequence].count == ranked.count)
            #expect(decoded[sequence].map(\.tags) == ranked.map(\.tags))
            for (path, exact) in zip(decoded[sequence], ranked) {
                #expect(abs(Double(path.score) - exact.score) < 1e-4)
            }
        }
    }

    @Test(arguments: [3, 18])
    func tokenMarginalsSumToOneAndEqualTheEnumeratedPosterior(tagCount: Int) {
        let problem = CRFCase(tagCount: tagCount, lengths: tagCount == 3 ? [4, 1, 0, 3] : [3, 1], paddedLength: 5)
        let marginals = problem.lattice().tokenMarginals()
        let k = tagCount
        for (sequence, length) in problem.lengths.enumerated() {
            let logZ = problem.logPartition(sequence)
            var expected = [Double](repeating: 0, count: problem.paddedLength * k)
            for path in problem.paths(sequence) {
                for (time, tag) in path.tags.enumerated() { expected[time * k + tag] += Foundation.exp(path.score - logZ) }
            }
            for time in 0..<problem.paddedLength {
                let row = (sequence * problem.paddedLength + time) * k
                let values = marginals[row..<row + k]
                if time < length {
                    #expect(abs(values.reduce(0, +) - 1) < 1e-5)
                } else {
                    #expect(values.allSatisfy { $0 == 0 })
                }
                for j in 0..<k { #expect(abs(Double(values[row + j]) - expected[time * k + j]) < 1e-5) }
            }
        }
    }

    @Test func segmentProbabilityEqualsTheEnumeratedShareOfPaths() {
        let problem = CRFCase(seed: 8)
        let lattice = problem.lattice()
        for (sequence, first, tags) in [(0, 1, [2, 0]), (0, 0, [1, 1, 1, 1]), (0, 3, [0]), (3, 0, [2, 1]), (1, 0, [1])] {
            let logZ = problem.logPartition(sequence)
            let exact = problem.paths(sequence)
                .filter { Array($0.tags[first..<first + tags.count]) == tags }
                .reduce(0) { $0 + Foundation.exp($1.score - logZ) }
            #expect(abs(lattice.segmentProbability(sequence: sequence, first: first, tags: tags) - exact) < 1e-5)
        }
    }

    @Test func negativeLogLikelihoodGradientMatchesFiniteDifferences() {
        var problem = CRFCase(seed: 13)
        var generator = TestGenerator(seed: 21)
        let gold = (0..<problem.lengths.count * problem.paddedLength).map { _ in Int.random(in: 0..<3, using: &generator) }
        let scales: [Float] = [0.7, -1.3, 2, 0.4]
        // L = Σ_b scale_b · NLL_b, exactly, through the enumeration.
        func loss(_ problem: CRFCase) -> Double {
            problem.lengths.indices.reduce(0) { total, sequence in
                let length = problem.lengths[sequence]
                guard length > 0 else { return total }
                let tags = Array(gold[sequence * problem.paddedLength..<sequence * problem.paddedLength + length])
                return total + Double(scales[sequence]) * (problem.logPartition(sequence) - problem.score(sequence, tags))
            }
        }
        let lattice = problem.lattice()
        let nll = lattice.negativeLogLikelihood(tags: gold)
        for (sequence, length) in problem.lengths.enumerated() {
            let tags = Array(gold[sequence * problem.paddedLength..<sequence * problem.paddedLength + length])
            let exact = length == 0 ? 0 : problem.logPartition(sequence) - problem.score(sequence, tags)
            #expect(abs(Double(nll[sequence]) - exact) < 1e-4)
        }
        var emissionGradient = [Float](repeating: 0, count: problem.emissions.count)
        var transitionGradient = [Float](repeating: 0, count: 9)
        var startGradient = [Float](repeating: 0, count: 3), endGradient = [Float](repeating: 0, count: 3)
        transitionGradient.withUnsafeMutableBufferPointer { t in
            startGradient.withUnsafeMutableBufferPointer { s in
                endGradient.withUnsafeMutableBufferPointer { e in
                    lattice.accumulateNegativeLogLikelihoodGradient(
                        tags: gold, scales: scales, emissionGradient: &emissionGradient,
                        parameterGradients: CRFParameterGradients(transitions: t.baseAddress!, start: s.baseAddress!,
                                                                  end: e.baseAddress!))
                }
            }
        }
        func numeric(_ path: WritableKeyPath<CRFCase, [Double]>) -> [Double] {
            (0..<problem[keyPath: path].count).map { index in
                let original = problem[keyPath: path][index]
                problem[keyPath: path][index] = original + 1e-6
                let plus = loss(problem)
                problem[keyPath: path][index] = original - 1e-6
                let minus = loss(problem)
                problem[keyPath: path][index] = original
                return (plus - minus) / 2e-6
            }
        }
        func close(_ analytic: [Float], _ exact: [Double]) -> Bool {
            zip(analytic, exact).allSatisfy { abs(Double($0) - $1) < 1e-4 + 1e-4 * abs($1) }
        }
        #expect(close(emissionGradient, numeric(\.emissions)))
        #expect(close(transitionGradient, numeric(\.transitions)))
        #expect(close(startGradient, numeric(\.start)))
        #expect(close(endGradient, numeric(\.end)))
        // Padded positions receive nothing.
        for (sequence, length) in problem.lengths.enumerated() {
            for time in length..<problem.paddedLength {
                let row = (sequence * problem.paddedLength + time) * 3
                #expect(emissionGradient[row..<row + 3].allSatisfy { $0 == 0 })
            }
        }
    }
}
