/// Phrase counts of seqeval 1.2.2's strict mode (`classification_report(mode="strict", scheme=…)`):
/// a phrase is correct when gold and prediction have it with the same start, end and type.
///
/// Both columns are decoded by `StrictSpanDecoder`; a phrase is reported at the token after its
/// end, so two equal phrases are reported at the same step and are matched there.
public struct StrictCounter: TagSequenceSink {
    private var goldDecoder: StrictSpanDecoder
    private var predictedDecoder: StrictSpanDecoder
    /// The counts so far (complete after `finish()`); `correctTags` counts equal prefix and type, as conlleval.
    public private(set) var counts = SpanCounts()

    public init(scheme: StrictScheme, table: TagTable) {
        goldDecoder = StrictSpanDecoder(scheme: scheme, table: table)
        predictedDecoder = StrictSpanDecoder(scheme: scheme, table: table)
    }

    public mutating func token(gold: TagInfo, predicted: TagInfo, text: UnsafeBufferPointer<UInt8>) throws(TagError) {
        let goldPhrase = try goldDecoder.step(gold)
        let predictedPhrase = try predictedDecoder.step(predicted)
        record(goldPhrase, predictedPhrase)
        counts.tokens += 1
        if gold.prefixID == predicted.prefixID, gold.type == predicted.type { counts.correctTags += 1 }
    }

    public mutating func sentenceBreak() throws(TagError) {
        record(goldDecoder.finishSentence(), predictedDecoder.finishSentence())
    }

    public mutating func finish() throws(TagError) {
        try sentenceBreak()
    }

    @inline(__always)
    private mutating func record(_ gold: PhraseSpan?, _ predicted: PhraseSpan?) {
        if let gold { counts.addGold(gold.type) }
        if let predicted { counts.addFound(predicted.type) }
        if let gold, let predicted, gold == predicted { counts.addCorrect(gold.type) }
    }
}
