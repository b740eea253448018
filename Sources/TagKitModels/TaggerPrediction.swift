import TagKitText

extension SequenceTagger {
    /// The most padded positions (sentences × longest length) a tagging batch holds; a batch of long
    /// sentences gets fewer sentences, so memory stays bounded whatever the input's longest sentence.
    /// For R1 (H = 100) a batch's encoder output is then at most 1.6 MB; 4,096 was 2–3 % faster and
    /// took 2 MiB more at the peak.
    static let maximumBatchPositions = 2048

    /// Predicted labels for `sentences`: `[sentence][head][word]`, as strings. NER tags learned in
    /// another scheme come back in IOB2. Sentences are batched by length for speed (at most `batchSize`
    /// per batch, and at most `maximumBatchPositions` padded positions unless one sentence alone is
    /// longer); the result keeps the input order. A sentence's labels do not depend on the batch it
    /// lands in. The default of 128 sentences halves the recurrent steps of batches of 32 (each step's
    /// `sgemm` packs `U` once whatever its row count) and lets a batch share more of its words. Each
    /// distinct word of `sentences` is looked up, and gets its character features, once (`WordForms`).
    public func labels(for sentences: [TaggedWords], batchSize: Int = 128) -> [[[String]]] {
        let forms = vocabularies.wordForms(of: sentences.lazy.map(\.words))
        let lengths = forms.sentences.map(\.count)
        var inference = FormInference(self, forms: forms)
        let order = lengths.indices.sorted { (lengths[$0], $0) < (lengths[$1], $1) }
        var result = [[[String]]](repeating: [], count: sentences.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, end - start < batchSize,
                  (end - start + 1) * lengths[order[end]] <= Self.maximumBatchPositions {
                end += 1
            }
            let indices = Array(order[start..<end])
            let predicted = inference != nil
                ? labelIDs(inference!.emissions(indices), lengths: indices.map { lengths[$0] })
                : predict(indices.map(forms.encoded))
            for (index, heads) in zip(indices, predicted) {
                result[index] = heads.enumerated().map { head, ids in ids.map { vocabularies.labels[head][$0] } }
            }
            start = end
        }
        if configuration.task == .ner, let scheme = configuration.trainingScheme, scheme != .iob2 {
            for s in result.indices {
                result[s][0] = (try? TagScheme.iob2.convert(result[s][0], from: scheme)) ?? result[s][0]
            }
        }
        return result
    }
}
