import TagKitText

extension SequenceTagger {
    /// Predicted labels for `sentences`: `[sentence][head][word]`, as strings. NER tags learned in
    /// another scheme come back in IOB2. Sentences are batched by length for speed; the result keeps
    /// the input order.
    public func labels(for sentences: [TaggedWords], batchSize: Int = 32) -> [[[String]]] {
        let encoded = sentences.map { vocabularies.encode(words: $0.words) }
        let order = encoded.indices.sorted { (encoded[$0].count, $0) < (encoded[$1].count, $1) }
        var result = [[[String]]](repeating: [], count: sentences.count)
        for start in stride(from: 0, to: order.count, by: batchSize) {
            let indices = Array(order[start..<min(start + batchSize, order.count)])
            let predicted = predict(indices.map { encoded[$0] })
            for (index, heads) in zip(indices, predicted) {
                result[index] = heads.enumerated().map { head, ids in ids.map { vocabularies.labels[head][$0] } }
            }
        }
        if configuration.task == .ner, let scheme = configuration.trainingScheme, scheme != .iob2 {
            for s in result.indices {
                result[s][0] = (try? TagScheme.iob2.convert(result[s][0], from: scheme)) ?? result[s][0]
            }
        }
        return result
    }
}
