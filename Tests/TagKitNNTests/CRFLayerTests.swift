import Foundation
import Testing
import TagKitTensor
@testable import TagKitNN

@Suite struct CRFLayerTests {
    private let lengths = [3, 1, 0, 2]
    private let tags = [0, 2, 1, 0, /**/ 1, 0, 0, 0, /**/ 0, 0, 0, 0, /**/ 2, 2, 0, 0]

    private func emissions(seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return Tensor.normal([4, 4, 3], using: &generator)
    }

    @Test func negativeLogLikelihoodGradientsMatchFiniteDifferences() {
        var generator = SeededGenerator(seed: 1)
        let crf = CRF(tagCount: 3, generator: &generator)
        let error = GradientCheck.maximumError(inputs: [emissions(seed: 2)], parameters: crf.parameters) { _, v in
            crf.negativeLogLikelihood(v[0], tags: tags, lengths: lengths)
        }
        #expect(error < 1e-2)
    }

    @Test func lossIsPositiveAndPaddedEmissionsGetNoGradient() {
        var generator = SeededGenerator(seed: 3)
        let crf = CRF(tagCount: 3, generator: &generator)
        let tape = Tape()
        let input = tape.variable(emissions(seed: 4))
        let nll = crf.negativeLogLikelihood(input, tags: tags, lengths: lengths)
        #expect(nll.shape == [4])
        #expect(nll.value.scalars[0] > 0 && nll.value.scalars[1] > 0 && nll.value.scalars[2] == 0 && nll.value.scalars[3] > 0)
        tape.backward(nll.mean())
        for (sequence, length) in lengths.enumerated() {
            for time in 0..<4 {
                let row = (0..<3).map { input.gradient![sequence, time, $0] }
                // Inside a sequence each row is (marginals − one-hot)/B, which sums to zero.
                if time < length {
                    #expect(abs(row.reduce(0, +)) < 1e-6 && row.contains { $0 != 0 })
                } else {
                    #expect(row.allSatisfy { $0 == 0 })
                }
            }
        }
    }

    @Test func decodingAgreesWithTheLatticesMostProbableTags() {
        var generator = SeededGenerator(seed: 5)
        let crf = CRF(tagCount: 3, generator: &generator)
        let scores = emissions(seed: 6)
        let best = crf.decode(scores, lengths: lengths)
        let top = crf.nBest(scores, lengths: lengths, count: 2)
        let lattice = crf.lattice(scores, lengths: lengths)
        for sequence in lengths.indices {
            #expect(top[sequence][0].tags == best[sequence].tags)
            #expect(abs(top[sequence][0].score - best[sequence].score) < 1e-5)
            #expect(best[sequence].tags.count == lengths[sequence])
            guard lengths[sequence] > 0 else { continue }
            // The best path is at least as probable as the runner-up, and no path beats probability 1.
            let probability = lattice.segmentProbability(sequence: sequence, first: 0, tags: best[sequence].tags)
            #expect(probability <= 1 && abs(probability - Foundation.exp(Double(best[sequence].score - lattice.logPartition[sequence]))) < 1e-5)
            if top[sequence].count > 1 { #expect(top[sequence][1].score <= best[sequence].score) }
        }
    }
}
