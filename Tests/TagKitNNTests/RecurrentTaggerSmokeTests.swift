import Testing
import TagKitTensor
@testable import TagKitNN

/// The recurrent layers and the CRF trained together on a toy labelling task whose tags need both
/// directions: the tag of a token is 1 + (its feature class) when the next token's class is 0, else 0.
@Suite struct RecurrentTaggerSmokeTests {
    @Test func biLSTMCRFLearnsATaskThatNeedsTheRightContext() {
        Gemm.threadCount = 1
        var generator = SeededGenerator(seed: 3)
        let (batch, time, classes) = (6, 7, 3)
        let lengths = [7, 5, 6, 1, 4, 7]
        var input = Tensor.zeros([batch, time, classes])
        var tags = [Int](repeating: 0, count: batch * time)
        var featureClass = [Int](repeating: 0, count: batch * time)
        for index in 0..<batch * time { featureClass[index] = generator.nextIndex(below: classes) }
        for (sequence, length) in lengths.enumerated() {
            for position in 0..<length {
                let row = sequence * time + position
                input[sequence, position, featureClass[row]] = 1
                let nextIsZero = position + 1 < length && featureClass[row + 1] == 0
                tags[row] = nextIsZero ? 1 + featureClass[row] : 0
            }
        }
        let encoder = Bidirectional<LSTM>(inputSize: classes, hiddenSize: 8, generator: &generator)
        let projection = Dense(inputSize: 16, outputSize: classes + 1, generator: &generator)
        let crf = CRF(tagCount: classes + 1, generator: &generator)
        let optimizer = Adam(parameters: encoder.parameters + projection.parameters + crf.parameters, learningRate: 0.05)
        func loss() -> (Float, Tensor) {
            let tape = Tape()
            let emissions = projection(encoder.encode(tape.constant(input), lengths: lengths))
            let total = crf.negativeLogLikelihood(emissions, tags: tags, lengths: lengths).mean()
            tape.backward(total)
            return (total.value.scalar, emissions.value)
        }
        let (initial, _) = loss()
        for parameter in optimizer.parameters { parameter.zeroGradient() }
        var final: (Float, Tensor) = (initial, Tensor.zeros([0]))
        for _ in 0..<60 {
            final = loss()
            optimizer.step()
        }
        #expect(final.0 < 0.2 * initial)
        let decoded = crf.decode(final.1, lengths: lengths)
        for (sequence, length) in lengths.enumerated() {
            #expect(decoded[sequence].tags == Array(tags[sequence * time..<sequence * time + length]))
        }
    }
}
