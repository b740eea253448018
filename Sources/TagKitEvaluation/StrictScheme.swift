/// A tagging scheme as seqeval 1.2.2's strict mode (`seqeval.scheme`) decodes it.
///
/// Each scheme is seqeval's three pattern sets over (previous prefix, current prefix, same type?):
/// a phrase *starts* at a token matching a start pattern, *continues* over tokens matching an
/// inside pattern, and is kept only if the token after it matches an end pattern (a sentence
/// ends with a virtual `O`). Prefixes outside the scheme's allowed set are an error, as in seqeval.
public enum StrictScheme: String, CaseIterable, Sendable {
    case iob1, ioe1, iob2, ioe2, iobes, bilou

    /// seqeval's name for the scheme (`IOB2`, …).
    public var seqevalName: String { rawValue.uppercased() }

    /// seqeval's prefix letters, as indices into the decoding tables.
    enum Prefix: Int, CaseIterable {
        case i, o, b, e, s, u, l

        init?(letter: UInt8) {
            switch letter {
            case UInt8(ascii: "I"): self = .i
            case UInt8(ascii: "O"): self = .o
            case UInt8(ascii: "B"): self = .b
            case UInt8(ascii: "E"): self = .e
            case UInt8(ascii: "S"): self = .s
            case UInt8(ascii: "U"): self = .u
            case UInt8(ascii: "L"): self = .l
            default: return nil
            }
        }

        var letter: Character { Character(String(describing: self).uppercased()) }
    }

    /// Which previous/current type relation a pattern needs.
    private enum TypeCondition { case same, different, any }

    private typealias Pattern = (previous: [Prefix], current: [Prefix], types: TypeCondition)

    private var allowed: [Prefix] {
        switch self {
        case .iob1, .iob2: return [.i, .o, .b]
        case .ioe1, .ioe2: return [.i, .o, .e]
        case .iobes: return [.i, .o, .b, .e, .s]
        case .bilou: return [.b, .i, .l, .o, .u]
        }
    }

    private var startPatterns: [Pattern] {
        let any = Prefix.allCases
        switch self {
        case .iob1: return [([.o], [.i], .any), ([.i], [.i], .different), ([.b], [.i], .any),
                            ([.i], [.b], .same), ([.b], [.b], .same)]
        case .ioe1: return [([.o], [.i], .any), ([.i], [.i], .different), ([.e], [.i], .any), ([.e], [.e], .same)]
        case .iob2: return [(any, [.b], .any)]
        case .ioe2: return [([.o], [.i], .any), ([.o], [.e], .any), ([.e], [.i], .any), ([.e], [.e], .any),
                            ([.i], [.i], .different), ([.i], [.e], .different)]
        case .iobes: return [(any, [.b], .any), (any, [.s], .any)]
        case .bilou: return [(any, [.b], .any), (any, [.u], .any)]
        }
    }

    private var insidePatterns: [Pattern] {
        switch self {
        case .iob1, .iob2: return [([.b], [.i], .same), ([.i], [.i], .same)]
        case .ioe1, .ioe2: return [([.i], [.i], .same), ([.i], [.e], .same)]
        case .iobes: return [([.b], [.i], .same), ([.b], [.e], .same), ([.i], [.i], .same), ([.i], [.e], .same)]
        case .bilou: return [([.b], [.i], .same), ([.b], [.l], .same), ([.i], [.i], .same), ([.i], [.l], .same)]
        }
    }

    private var endPatterns: [Pattern] {
        let any = Prefix.allCases
        switch self {
        case .iob1: return [([.i], [.i], .different), ([.i], [.o], .any), ([.i], [.b], .any),
                            ([.b], [.o], .any), ([.b], [.i], .different), ([.b], [.b], .same)]
        case .ioe1: return [([.i], [.i], .different), ([.i], [.o], .any), ([.i], [.e], .different),
                            ([.e], [.i], .same), ([.e], [.e], .same)]
        case .iob2: return [([.i], [.o], .any), ([.i], [.i], .different), ([.i], [.b], .any),
                            ([.b], [.o], .any), ([.b], [.i], .different), ([.b], [.b], .any)]
        case .ioe2: return [([.e], any, .any)]
        case .iobes: return [([.s], any, .any), ([.e], any, .any)]
        case .bilou: return [([.u], any, .any), ([.l], any, .any)]
        }
    }

    /// The scheme's patterns as lookup tables: index `(previous * 7 + current) * 2 + (sameType ? 1 : 0)`.
    struct Tables: Sendable {
        var allowed: [Bool]
        var start: [Bool]
        var inside: [Bool]
        var end: [Bool]

        @inline(__always)
        static func index(_ previous: Int, _ current: Int, _ sameType: Bool) -> Int {
            (previous * 7 + current) * 2 + (sameType ? 1 : 0)
        }
    }

    var tables: Tables {
        func table(_ patterns: [Pattern]) -> [Bool] {
            var result = [Bool](repeating: false, count: 7 * 7 * 2)
            for pattern in patterns {
                for previous in pattern.previous {
                    for current in pattern.current {
                        for same in [false, true] {
                            let fits = pattern.types == .any || (pattern.types == .same) == same
                            if fits { result[Tables.index(previous.rawValue, current.rawValue, same)] = true }
                        }
                    }
                }
            }
            return result
        }
        let allowedSet = Set(allowed)
        return Tables(allowed: Prefix.allCases.map { allowedSet.contains($0) },
                      start: table(startPatterns), inside: table(insidePatterns), end: table(endPatterns))
    }

    /// What a valid tag looks like under this scheme, for error messages.
    var expectation: String {
        let letters = allowed.map { String($0.letter) }
        return "a tag with prefix \(letters.dropLast().joined(separator: ", ")) or \(letters.last!) (scheme \(seqevalName))"
    }
}
