/// Tokenization accuracy against CoNLL-U gold, as conll18_ud_eval.py computes its Tokens and
/// Words scores (and as `../shared/peers/tokenizer_bench.py` does for spaCy).
///
/// All whitespace is removed from the sentence; each token becomes a (start, end) span over the
/// remaining Unicode scalars, and a system token is correct when a gold token has the same span.
/// Two gold references:
/// - `tokens`: surface tokens, the FORM of a multiword range line (`19-20 don't`) or of a word;
/// - `words`: syntactic words (`do`, `n't`) where their FORMs concatenate to the surface form
///   (otherwise the multiword token stays one unit).
/// A sentence whose gold FORMs (whitespace removed) differ from its `# text` (whitespace removed)
/// cannot be aligned and is skipped. Precision = correct / system, recall = correct / gold,
/// F1 = 2PR / (P + R), all in percent.
public struct TokenizationScore: Equatable, Sendable {
    /// Token counts for one reference.
    public struct Counts: Equatable, Sendable {
        public var gold = 0
        public var system = 0
        public var correct = 0

        public init(gold: Int = 0, system: Int = 0, correct: Int = 0) {
            self.gold = gold
            self.system = system
            self.correct = correct
        }

        public var precision: Double { system > 0 ? 100 * Double(correct) / Double(system) : 0 }
        public var recall: Double { gold > 0 ? 100 * Double(correct) / Double(gold) : 0 }
        public var f1: Double {
            let (p, r) = (precision, recall)
            return p + r > 0 ? 2 * p * r / (p + r) : 0
        }
    }

    /// Against surface tokens.
    public var tokens = Counts()
    /// Against syntactic words.
    public var words = Counts()
    /// Sentences that could not be aligned (or had no `# text`).
    public var skipped = 0

    public init() {}

    /// Adds one gold CoNLL-U sentence and the system's token texts for its `# text`.
    public mutating func add(gold: Sentence, system: [String]) {
        guard let text = gold.comment("text") else {
            skipped += 1
            return
        }
        var surface: [String] = []
        var syntactic: [String] = []
        var rangeForm = ""
        var rangeWords: [String] = []
        var rangeEnd = 0
        func closeRange() {
            guard !rangeForm.isEmpty else { return }
            surface.append(rangeForm)
            if Self.withoutWhitespace(rangeWords.joined()) == Self.withoutWhitespace(rangeForm) {
                syntactic += rangeWords
            } else {
                syntactic.append(rangeForm)
            }
            rangeForm = ""
            rangeWords = []
        }
        for token in gold.tokens {
            let id = token.columns[0], form = token.columns[1]
            if id.contains(".") { continue }
            if let dash = id.firstIndex(of: "-") {
                closeRange()
                rangeForm = form
                rangeEnd = Int(id[id.index(after: dash)...]) ?? 0
                continue
            }
            if let number = Int(id), number <= rangeEnd, !rangeForm.isEmpty {
                rangeWords.append(form)
                continue
            }
            closeRange()
            surface.append(form)
            syntactic.append(form)
        }
        closeRange()
        guard Self.withoutWhitespace(surface.joined()) == Self.withoutWhitespace(text) else {
            skipped += 1
            return
        }
        let systemSpans = Set(Self.spans(system))
        for (reference, counts) in [(surface, \TokenizationScore.tokens), (syntactic, \TokenizationScore.words)] {
            let goldSpans = Self.spans(reference)
            self[keyPath: counts].gold += goldSpans.count
            self[keyPath: counts].system += systemSpans.count
            self[keyPath: counts].correct += goldSpans.reduce(0) { $0 + (systemSpans.contains($1) ? 1 : 0) }
        }
    }

    /// Spans over the whitespace-free text, one per unit that is not all whitespace.
    static func spans(_ units: [String]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var position = 0
        for unit in units {
            let length = unit.unicodeScalars.reduce(0) { $0 + (isWhitespace($1) ? 0 : 1) }
            guard length > 0 else { continue }
            out.append(position..<(position + length))
            position += length
        }
        return out
    }

    static func withoutWhitespace(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isWhitespace(scalar) { out.append(scalar) }
        return String(out)
    }

    /// Whitespace as Python's `str.split()` sees it.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}
