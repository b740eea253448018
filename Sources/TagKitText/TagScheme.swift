/// A way of writing spans as one tag per token.
///
/// | scheme | single token | first | inside | last | outside |
/// | --- | --- | --- | --- | --- | --- |
/// | IOB1 | `I-X` | `I-X` (`B-X` right after a span of the same type) | `I-X` | `I-X` | `O` |
/// | IOB2 | `B-X` | `B-X` | `I-X` | `I-X` | `O` |
/// | IOBES | `S-X` | `B-X` | `I-X` | `E-X` | `O` |
/// | BILOU | `U-X` | `B-X` | `I-X` | `L-X` | `O` |
///
/// Decoding is lenient the way conlleval is: a tag that cannot continue the open span (an `I-X` after
/// `O` or after another type, an `E-X` with no open `X`) starts a new span, so no tagged token is lost.
/// Prefixes outside the scheme are errors.
public enum TagScheme: String, CaseIterable, Codable, Sendable {
    case iob1, iob2, iobes, bilou

    /// The prefix letters this scheme writes.
    public var prefixes: Set<Character> {
        switch self {
        case .iob1, .iob2: return ["B", "I"]
        case .iobes: return ["B", "I", "E", "S"]
        case .bilou: return ["B", "I", "L", "U"]
        }
    }

    /// The role a prefix plays in a span.
    enum Role { case begin, inside, last, single }

    static func role(_ prefix: Character) -> Role? {
        switch prefix {
        case "B": return .begin
        case "I": return .inside
        case "E", "L": return .last
        case "S", "U": return .single
        default: return nil
        }
    }

    /// The spans written by `tags` (one tag per token), decoded leniently (see the type's doc comment).
    /// `place(i)` names the input location of token `i` for error messages.
    public func spans(_ tags: [String], place: (Int) -> (file: String, line: Int?) = { _ in ("<tags>", nil) }) throws -> [Span] {
        try Self.decode(tags, prefixes: prefixes, schemeName: rawValue.uppercased(), place: place)
    }

    /// The spans written by `tags` in any of the schemes (prefixes B, I, E, S, L, U), decoded leniently.
    public static func spansInAnyScheme(_ tags: [String],
                                        place: (Int) -> (file: String, line: Int?) = { _ in ("<tags>", nil) }) throws -> [Span] {
        try decode(tags, prefixes: ["B", "I", "E", "S", "L", "U"], schemeName: "IOB1, IOB2, IOBES or BILOU", place: place)
    }

    private static func decode(_ tags: [String], prefixes: Set<Character>, schemeName: String,
                               place: (Int) -> (file: String, line: Int?)) throws -> [Span] {
        var spans: [Span] = []
        var open: (start: Int, type: Substring)?
        func close(at end: Int) {
            if let current = open { spans.append(Span(start: current.start, end: end, type: String(current.type))) }
            open = nil
        }
        for (index, tag) in tags.enumerated() {
            if tag == "O" {
                close(at: index)
                continue
            }
            guard let dash = tag.firstIndex(of: "-"), tag.index(after: tag.startIndex) == dash,
                  prefixes.contains(tag[tag.startIndex]), let role = role(tag[tag.startIndex]),
                  tag.index(after: dash) < tag.endIndex
            else {
                let (file, line) = place(index)
                let letters = prefixes.sorted().map { "\($0)-" }.joined(separator: ", ")
                throw InputError(file: file, line: line,
                                 expected: "a tag O or \(letters) followed by a type (\(schemeName))",
                                 found: InputError.excerpt(tag))
            }
            let type = tag[tag.index(after: dash)...]
            let continues = open.map { $0.type == type } ?? false
            switch role {
            case .begin:
                close(at: index)
                open = (index, type)
            case .inside:
                if !continues {
                    close(at: index)
                    open = (index, type)
                }
            case .last:
                if !continues {
                    close(at: index)
                    open = (index, type)
                }
                close(at: index + 1)
            case .single:
                close(at: index)
                open = (index, type)
                close(at: index + 1)
            }
        }
        close(at: tags.count)
        return spans
    }

    /// The tags of `count` tokens carrying `spans` (sorted, non-overlapping) in this scheme.
    public func tags(_ spans: [Span], count: Int) -> [String] {
        var tags = [String](repeating: "O", count: count)
        var previous: Span?
        for span in spans {
            precondition(span.end <= count && (previous?.end ?? 0) <= span.start, "spans must be sorted and disjoint")
            let type = span.type
            switch self {
            case .iob1:
                let touchesSameType = previous.map { $0.end == span.start && $0.type == type } ?? false
                for index in span.start..<span.end { tags[index] = "I-" + type }
                if touchesSameType { tags[span.start] = "B-" + type }
            case .iob2:
                tags[span.start] = "B-" + type
                for index in (span.start + 1)..<span.end { tags[index] = "I-" + type }
            case .iobes, .bilou:
                let (single, last) = self == .iobes ? ("S-", "E-") : ("U-", "L-")
                if span.count == 1 {
                    tags[span.start] = single + type
                } else {
                    tags[span.start] = "B-" + type
                    for index in (span.start + 1)..<(span.end - 1) { tags[index] = "I-" + type }
                    tags[span.end - 1] = last + type
                }
            }
            previous = span
        }
        return tags
    }

    /// Rewrites `tags` from scheme `source` (`nil`: any scheme) into this scheme: `tags(source.spans(tags))`.
    public func convert(_ tags: [String], from source: TagScheme?,
                        place: (Int) -> (file: String, line: Int?) = { _ in ("<tags>", nil) }) throws -> [String] {
        let spans = try source.map { try $0.spans(tags, place: place) } ?? Self.spansInAnyScheme(tags, place: place)
        return self.tags(spans, count: tags.count)
    }
}
