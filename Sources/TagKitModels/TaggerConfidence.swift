import Foundation
import TagKitNN
import TagKitTensor
import TagKitText

/// One sentence tagged by an NER model, with how sure the model is.
public struct EntityAnnotation: Sendable {
    /// The predicted tag of each word, IOB2.
    public var tags: [String]
    /// The marginal probability of each word's predicted tag (CRF: forward–backward; softmax: the softmax).
    public var tagConfidence: [Double]
    /// The entity spans of `tags`, each with the probability that exactly its tags are right
    /// (CRF: the segment marginal; softmax: the product of the tags' probabilities).
    public var entities: [(span: Span, confidence: Double)]
}

extension SequenceTagger {
    /// Predicted NER tags with confidences for each sentence (first head), in input order.
    public func annotate(_ sentences: [TaggedWords], batchSize: Int = 32) -> [EntityAnnotation] {
        var result = [EntityAnnotation?](repeating: nil, count: sentences.count)
        for start in stride(from: 0, to: sentences.count, by: batchSize) {
            let indices = Array(start..<min(start + batchSize, sentences.count))
            let batch = indices.map { vocabularies.encode(words: sentences[$0].words) }
            for (index, annotation) in zip(indices, annotateBatch(batch)) { result[index] = annotation }
        }
        return result.map { $0! }
    }

    private func annotateBatch(_ batch: [EncodedSentence]) -> [EntityAnnotation] {
        let lengths = batch.map(\.count)
        let emissions = self.emissions(batch, on: Tape(training: false))[0].value
        let (time, k) = (emissions.shape[1], emissions.shape[2])
        let labels = vocabularies.labels[0]
        let scheme = configuration.trainingScheme ?? .iob2
        var paths: [[Int]]
        var marginals: [Float]
        var spanConfidence: (Int, Int, [Int]) -> Double
        if let crf = crfs.first {
            paths = crf.decode(emissions, lengths: lengths).map(\.tags)
            let lattice = crf.lattice(emissions, lengths: lengths)
            marginals = lattice.tokenMarginals()
            spanConfidence = { sequence, first, tags in lattice.segmentProbability(sequence: sequence, first: first, tags: tags) }
        } else {
            marginals = [Float](repeating: 0, count: emissions.count)
            paths = []
            emissions.withUnsafeBufferPointer { e in
                for (b, length) in lengths.enumerated() {
                    var path: [Int] = []
                    for t in 0..<length {
                        let row = (b * time + t) * k
                        let largest = (0..<k).map { e[row + $0] }.max()!
                        let total = (0..<k).reduce(0.0) { $0 + Foundation.exp(Double(e[row + $1] - largest)) }
                        for j in 0..<k { marginals[row + j] = Float(Foundation.exp(Double(e[row + j] - largest)) / total) }
                        path.append((0..<k).max { marginals[row + $0] < marginals[row + $1] }!)
                    }
                    paths.append(path)
                }
            }
            let probabilities = marginals
            spanConfidence = { sequence, first, tags in
                tags.enumerated().reduce(1.0) { $0 * Double(probabilities[(sequence * time + first + $1.offset) * k + $1.element]) }
            }
        }
        return paths.enumerated().map { b, path in
            let schemeTags = path.map { labels[$0] }
            let spans = (try? scheme.spans(schemeTags)) ?? []
            let tags = scheme == .iob2 ? schemeTags : TagScheme.iob2.tags(spans, count: path.count)
            let confidence = path.enumerated().map { t, tag in Double(marginals[(b * time + t) * k + tag]) }
            let entities = spans.map { span in (span, spanConfidence(b, span.start, Array(path[span.start..<span.end]))) }
            return EntityAnnotation(tags: tags, tagConfidence: confidence, entities: entities)
        }
    }
}
