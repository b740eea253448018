/// The ID column of a CoNLL-U line: a word, a multiword-token range or an empty node.
public enum WordID: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// `N`: a syntactic word, numbered from 1 in its sentence.
    case word(Int)
    /// `N-M`: a surface token spanning words N through M.
    case range(Int, Int)
    /// `N.K`: the K-th empty node after word N (enhanced graph only).
    case empty(Int, Int)

    /// Parses an ID; `nil` if the text is none of the three forms.
    public init?(_ text: String) {
        func number(_ part: Substring) -> Int? {
            guard !part.isEmpty, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int(part)
        }
        if let dash = text.firstIndex(of: "-") {
            guard let first = number(text[..<dash]), let last = number(text[text.index(after: dash)...]),
                  first >= 1, last >= first else { return nil }
            self = .range(first, last)
        } else if let dot = text.firstIndex(of: ".") {
            guard let word = number(text[..<dot]), let index = number(text[text.index(after: dot)...]),
                  index >= 1 else { return nil }
            self = .empty(word, index)
        } else {
            guard let word = number(text[...]), word >= 1 else { return nil }
            self = .word(word)
        }
    }

    public var description: String {
        switch self {
        case .word(let n): return "\(n)"
        case .range(let first, let last): return "\(first)-\(last)"
        case .empty(let word, let index): return "\(word).\(index)"
        }
    }

    /// Whether this is a syntactic word (the lines taggers predict for).
    public var isWord: Bool {
        if case .word = self { return true }
        return false
    }
}
