/// Phrase counts of seqeval 1.2.2's default mode (`get_entities`, which seqeval calls
/// conlleval-compatible but which follows later rules than conlleval.pl 2004).
///
/// The first character of a tag is its prefix and `tag[1:].split("-", 1)[-1] or "_"` its type.
/// A chunk ends after `E`/`S`, at `B`/`S`/`O` after `B`/`I`, and where the type changes after a
/// prefix other than `O` and `.`; one starts at `B`/`S`, at `E`/`I` after `E`/`S`/`O`, and where
/// the type changes at a prefix other than `O` and `.`. Sentences are joined with an `O` between
/// them, so token positions are global. A phrase is correct when both sides have it.
public struct SeqevalDefaultCounter: TagSequenceSink {
    private struct Side {
        var letter: UInt8 = UInt8(ascii: "O")
        var type: Int32
        var begin = 0

        /// Feeds the tag at global `position`; returns the chunk that ended before it, if any.
        @inline(__always)
        mutating func step(letter current: UInt8, type currentType: Int32, at position: Int) -> PhraseSpan? {
            let b = UInt8(ascii: "B"), i = UInt8(ascii: "I"), e = UInt8(ascii: "E"), s = UInt8(ascii: "S")
            let o = UInt8(ascii: "O"), dot = UInt8(ascii: ".")
            var ends = letter == e || letter == s
            if (letter == b || letter == i) && (current == b || current == s || current == o) { ends = true }
            if letter != o && letter != dot && type != currentType { ends = true }
            var starts = current == b || current == s
            if (letter == e || letter == s || letter == o) && (current == e || current == i) { starts = true }
            if current != o && current != dot && type != currentType { starts = true }
            let emitted = ends ? PhraseSpan(start: begin, end: position, type: type) : nil
            if starts { begin = position }
            letter = current
            type = currentType
            return emitted
        }
    }

    private var gold: Side
    private var predicted: Side
    private var position = 0
    private let separatorType: Int32
    /// The counts so far (complete after `finish()`).
    public private(set) var counts = SpanCounts()

    public init(table: TagTable) {
        gold = Side(type: table.emptyType)
        predicted = gold
        separatorType = table.outside.defaultType
    }

    public mutating func token(gold goldTag: TagInfo, predicted predictedTag: TagInfo, text: UnsafeBufferPointer<UInt8>) throws(TagError) {
        guard goldTag.seqevalLetter != 0 else { throw TagError(expected: "a non-empty tag", tagID: goldTag.id) }
        guard predictedTag.seqevalLetter != 0 else { throw TagError(expected: "a non-empty tag", tagID: predictedTag.id) }
        step(goldTag.seqevalLetter, goldTag.defaultType, predictedTag.seqevalLetter, predictedTag.defaultType)
        counts.tokens += 1
        if goldTag.prefixID == predictedTag.prefixID, goldTag.type == predictedTag.type { counts.correctTags += 1 }
    }

    public mutating func sentenceBreak() throws(TagError) {
        let o = UInt8(ascii: "O")
        step(o, separatorType, o, separatorType)
    }

    public mutating func finish() throws(TagError) {
        try sentenceBreak()
    }

    @inline(__always)
    private mutating func step(_ goldLetter: UInt8, _ goldType: Int32, _ predictedLetter: UInt8, _ predictedType: Int32) {
        let goldPhrase = gold.step(letter: goldLetter, type: goldType, at: position)
        let predictedPhrase = predicted.step(letter: predictedLetter, type: predictedType, at: position)
        position += 1
        if let goldPhrase { counts.addGold(goldPhrase.type) }
        if let predictedPhrase { counts.addFound(predictedPhrase.type) }
        if let goldPhrase, let predictedPhrase, goldPhrase == predictedPhrase { counts.addCorrect(goldPhrase.type) }
    }
}
