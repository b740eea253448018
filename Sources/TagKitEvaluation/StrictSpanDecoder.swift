/// Decodes one column of tags into phrases the way seqeval 1.2.2's strict mode
/// (`seqeval.scheme.Tokens.entities`) does, one token at a time.
///
/// At a token that starts a phrase (a start pattern against the previous token) a candidate opens;
/// following tokens that match an inside pattern extend it; at the first token that does not, the
/// candidate is kept if that token matches an end pattern, else dropped, and the token is then
/// examined afresh against the candidate's last token. `finishSentence` feeds the virtual `O`.
public struct StrictSpanDecoder {
    private let tables: StrictScheme.Tables
    private let scheme: StrictScheme
    private let outside: (prefix: Int, type: Int32)
    private var previous: (prefix: Int, type: Int32)
    private var open = false
    private var openStart = 0
    private var openType: Int32 = 0
    private var last: (prefix: Int, type: Int32)
    private var position = 0

    public init(scheme: StrictScheme, table: TagTable) {
        self.scheme = scheme
        tables = scheme.tables
        outside = (StrictScheme.Prefix.o.rawValue, table.outside.strictType)
        previous = outside
        last = outside
    }

    /// Feeds the next token of the sentence; returns the phrase that ended just before it, if kept.
    @inline(__always)
    public mutating func step(_ tag: TagInfo) throws(TagError) -> PhraseSpan? {
        guard let prefix = StrictScheme.Prefix(letter: tag.seqevalLetter) else {
            throw TagError(expected: "a tag whose first letter is a seqeval prefix (I, O, B, E, S, U, L)",
                           tagID: tag.id)
        }
        let emitted = advance((prefix.rawValue, tag.strictType))
        if !tables.allowed[prefix.rawValue] {
            throw TagError(expected: scheme.expectation, tagID: tag.id)
        }
        position += 1
        return emitted
    }

    /// Ends the sentence (seqeval's virtual `O`); returns the last phrase if kept, and resets.
    public mutating func finishSentence() -> PhraseSpan? {
        let emitted = advance(outside)
        previous = outside
        last = outside
        open = false
        position = 0
        return emitted
    }

    @inline(__always)
    private mutating func advance(_ current: (prefix: Int, type: Int32)) -> PhraseSpan? {
        var emitted: PhraseSpan?
        if open {
            let same = last.type == current.type
            if tables.inside[StrictScheme.Tables.index(last.prefix, current.prefix, same)] {
                last = current
                return nil
            }
            if tables.end[StrictScheme.Tables.index(last.prefix, current.prefix, same)] {
                emitted = PhraseSpan(start: openStart, end: position, type: openType)
            }
            open = false
            previous = last
        }
        if tables.start[StrictScheme.Tables.index(previous.prefix, current.prefix, previous.type == current.type)] {
            open = true
            openStart = position
            openType = current.type
            last = current
        } else {
            previous = current
        }
        return emitted
    }
}
