/// A phrase that conlleval mode and strict mode read differently: one of them finds it in a
/// column (gold or predicted) and the other does not.
public struct SpanDisagreement: Sendable, Equatable {
    public enum Side: String, Sendable { case gold, predicted }
    public enum Finder: String, Sendable { case conlleval, strict }

    /// 1-based sentence number.
    public var sentence: Int
    /// 1-based first token of the phrase within its sentence.
    public var firstToken: Int
    /// 1-based last token (inclusive).
    public var lastToken: Int
    public var side: Side
    /// The type as the finding mode names it.
    public var type: String
    /// The mode that finds the phrase (the other does not).
    public var foundBy: Finder
    /// The phrase's tokens, joined with spaces.
    public var text: String
}

/// Collects the phrases on which conlleval mode and strict mode disagree, sentence by sentence.
///
/// conlleval phrases are read with the 2004 start/end rules within each sentence (a phrase left
/// open at the end of the sentence ends there); strict phrases with `StrictSpanDecoder`. Types
/// are compared by name, with conlleval's empty type read as seqeval's `_`.
public struct DisagreementFinder: TagSequenceSink {
    private let table: TagTable
    private let scheme: StrictScheme
    private var texts: [[UInt8]] = []
    private var golds: [TagInfo] = []
    private var predictions: [TagInfo] = []
    private var sentence = 0
    /// The disagreements found so far, in file order.
    public private(set) var disagreements: [SpanDisagreement] = []

    public init(scheme: StrictScheme, table: TagTable) {
        self.scheme = scheme
        self.table = table
    }

    public mutating func token(gold: TagInfo, predicted: TagInfo, text: UnsafeBufferPointer<UInt8>) throws(TagError) {
        texts.append(Array(text))
        golds.append(gold)
        predictions.append(predicted)
    }

    public mutating func sentenceBreak() throws(TagError) {
        guard !golds.isEmpty else { return }
        sentence += 1
        let found = try compare(golds, side: .gold) + compare(predictions, side: .predicted)
        disagreements += found.sorted { ($0.firstToken, $0.lastToken, $0.side == .predicted ? 1 : 0) < ($1.firstToken, $1.lastToken, $1.side == .predicted ? 1 : 0) }
        texts.removeAll(keepingCapacity: true)
        golds.removeAll(keepingCapacity: true)
        predictions.removeAll(keepingCapacity: true)
    }

    public mutating func finish() throws(TagError) {
        try sentenceBreak()
    }

    /// The phrases of one column that only one of the two modes finds.
    private func compare(_ tags: [TagInfo], side: SpanDisagreement.Side) throws(TagError) -> [SpanDisagreement] {
        let underscore = table.outside.strictType
        let conll = Set(conllevalPhrases(tags).map { PhraseSpan(start: $0.start, end: $0.end, type: $0.type == table.emptyType ? underscore : $0.type) })
        var decoder = StrictSpanDecoder(scheme: scheme, table: table)
        var strictList: [PhraseSpan] = []
        for tag in tags { if let phrase = try decoder.step(tag) { strictList.append(phrase) } }
        if let phrase = decoder.finishSentence() { strictList.append(phrase) }
        let strict = Set(strictList)
        let onlyConlleval = conll.subtracting(strict).map { ($0, SpanDisagreement.Finder.conlleval) }
        let onlyStrict = strict.subtracting(conll).map { ($0, SpanDisagreement.Finder.strict) }
        return (onlyConlleval + onlyStrict).map { phrase, finder in
            let words = texts[phrase.start ..< phrase.end].map { String(decoding: $0, as: UTF8.self) }
            return SpanDisagreement(sentence: sentence, firstToken: phrase.start + 1, lastToken: phrase.end,
                                    side: side, type: table.types.string(phrase.type), foundBy: finder,
                                    text: words.joined(separator: " "))
        }
    }

    /// conlleval's phrases of one sentence: a phrase runs from a start to the token before the next end or start.
    private func conllevalPhrases(_ tags: [TagInfo]) -> [PhraseSpan] {
        var phrases: [PhraseSpan] = []
        var previous = table.outside
        var openStart: Int?
        for (index, tag) in (tags + [table.outside]).enumerated() {
            let same = previous.type == tag.type
            let ends = ConllevalCounter.endsPhrase(previous: previous.prefix, current: tag.prefix, sameType: same)
            let starts = index < tags.count && ConllevalCounter.startsPhrase(previous: previous.prefix, current: tag.prefix, sameType: same)
            if let start = openStart, ends || starts || index == tags.count {
                phrases.append(PhraseSpan(start: start, end: index, type: tags[start].type))
                openStart = nil
            }
            if starts { openStart = index }
            previous = tag
        }
        return phrases
    }
}
