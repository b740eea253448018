import Testing
import TagKitTestSupport
@testable import TagKitText

@Suite struct TagSchemeTests {
    /// Random sorted, disjoint spans over `count` tokens, touching spans of the same type included.
    private func randomSpans(count: Int, using generator: inout SeededGenerator) -> [Span] {
        var spans: [Span] = []
        var index = 0
        while index < count {
            if Int.random(in: 0..<3, using: &generator) == 0 {
                index += 1
                continue
            }
            let length = Int.random(in: 1...min(4, count - index), using: &generator)
            spans.append(Span(start: index, end: index + length, type: ["PER", "LOC", "ORG-X"].randomElement(using: &generator)!))
            index += length
        }
        return spans
    }

    @Test(arguments: TagScheme.allCases)
    func spansOfTagsOfSpansAreTheSpans(scheme: TagScheme) throws {
        try withEverySeed(0..<500) { (generator: inout SeededGenerator, seed: UInt64) throws in
            let count = Int.random(in: 0..<30, using: &generator)
            let spans = randomSpans(count: count, using: &generator)
            let tags = scheme.tags(spans, count: count)
            #expect(try scheme.spans(tags) == spans, "seed \(seed): \(tags)")
        }
    }

    @Test func conversionsCompose() throws {
        try withEverySeed(0..<300) { (generator: inout SeededGenerator, seed: UInt64) throws in
            let count = Int.random(in: 0..<25, using: &generator)
            let spans = randomSpans(count: count, using: &generator)
            for a in TagScheme.allCases {
                let tags = a.tags(spans, count: count)
                for b in TagScheme.allCases {
                    let viaB = try b.convert(tags, from: a)
                    for c in TagScheme.allCases {
                        let direct = try c.convert(tags, from: a)
                        #expect(try c.convert(viaB, from: b) == direct, "seed \(seed) \(a)→\(b)→\(c)")
                    }
                    #expect(try a.convert(viaB, from: b) == tags, "seed \(seed) \(a)→\(b)→\(a)")
                }
            }
        }
    }

    @Test func encodesEachScheme() {
        let spans = [Span(start: 0, end: 2, type: "PER"), Span(start: 2, end: 3, type: "PER"), Span(start: 4, end: 7, type: "LOC")]
        #expect(TagScheme.iob1.tags(spans, count: 7) == ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-LOC", "I-LOC"])
        #expect(TagScheme.iob2.tags(spans, count: 7) == ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "I-LOC", "I-LOC"])
        #expect(TagScheme.iobes.tags(spans, count: 7) == ["B-PER", "E-PER", "S-PER", "O", "B-LOC", "I-LOC", "E-LOC"])
        #expect(TagScheme.bilou.tags(spans, count: 7) == ["B-PER", "L-PER", "U-PER", "O", "B-LOC", "I-LOC", "L-LOC"])
    }

    @Test func decodesIllFormedTagsAsConllevalDoes() throws {
        // I- after O, I- after another type, and a sentence-initial I- each start a span.
        #expect(try TagScheme.iob2.spans(["I-PER", "O", "I-LOC", "I-ORG", "B-ORG", "I-ORG"]) == [
            Span(start: 0, end: 1, type: "PER"), Span(start: 2, end: 3, type: "LOC"),
            Span(start: 3, end: 4, type: "ORG"), Span(start: 4, end: 6, type: "ORG")])
        // An E- without an open span is a one-token span; an S- in the middle of a span closes it.
        #expect(try TagScheme.iobes.spans(["E-PER", "B-LOC", "S-LOC", "I-LOC"]) == [
            Span(start: 0, end: 1, type: "PER"), Span(start: 1, end: 2, type: "LOC"),
            Span(start: 2, end: 3, type: "LOC"), Span(start: 3, end: 4, type: "LOC")])
    }

    @Test func unknownTagShapesAreErrors() {
        for tag in ["X-PER", "B-", "PER", "B", "BI-PER", "S-PER"] {
            #expect(throws: InputError.self, "\(tag)") {
                try TagScheme.iob2.spans(["O", tag], place: { ("f.txt", $0 + 1) })
            }
        }
        #expect {
            try TagScheme.iob2.spans(["O", "X-PER"], place: { ("f.txt", $0 + 10) })
        } throws: { error in
            "\(error)" == "f.txt:11: expected a tag O or B-, I- followed by a type (IOB2), found 'X-PER'"
        }
    }
}
