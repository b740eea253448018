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

/// An entity found in a string by `SequenceTagger.entities(in:tokenizer:)`.
public struct TextEntity: Equatable, Sendable {
    /// The entity type (`PER`, `LOC`, …).
    public var type: String
    /// The entity's text, exactly as it stands in the input.
    public var text: String
    /// Its place in the input, in UTF-8 bytes (end exclusive).
    public var utf8Range: Range<Int>
    /// The model's probability for the span (CRF segment marginal).
    public var confidence: Double
}

extension SequenceTagger {
    /// The named entities of `text`: tokenized by `tokenizer`, tagged, and returned with their exact
    /// text, byte offsets and confidence.
    ///
    /// ```swift
    /// let tagger = try SequenceTagger.load(from: "models/en-ner.tagkit")
    /// for entity in tagger.entities(in: "Ada Lovelace was born in London.") {
    ///     print(entity.type, entity.text, entity.confidence)   // PER Ada Lovelace 0.97 …
    /// }
    /// ```
    public func entities(in text: String, tokenizer: Tokenizer = Tokenizer()) -> [TextEntity] {
        let sentences = tokenizer.sentences(in: text)
        let annotations = annotate(sentences.map { sentence in
            TaggedWords(words: sentence.tokens.map(\.text), labels: [], wordLines: Array(sentence.tokens.indices))
        })
        let bytes = Array(text.utf8)
        return zip(sentences, annotations).flatMap { sentence, annotation in
            annotation.entities.map { entity in
                let range = sentence.tokens[entity.span.start].utf8Range.lowerBound ..< sentence.tokens[entity.span.end - 1].utf8Range.upperBound
                return TextEntity(type: entity.span.type, text: String(decoding: bytes[range], as: UTF8.self),
                                  utf8Range: range, confidence: entity.confidence)
            }
        }
    }
}
