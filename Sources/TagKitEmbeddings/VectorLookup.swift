/// Where one word's vector was found.
public struct VectorMatch: Equatable, Sendable {
    /// The row in the matrix.
    public var row: Int
    /// The step of the fallback chain that found it.
    public var step: VectorLookupStep
}

/// The result of looking up a whole vocabulary.
public struct VocabularyMatch: Sendable {
    /// Per vocabulary word, in order: its match, or nil if no step found it.
    public var matches: [VectorMatch?]
    /// Words found by each step, indexed by `VectorLookupStep.rawValue`.
    public var foundByStep: [Int]
    /// Words no step found.
    public var missing: Int

    /// Words found at all.
    public var found: Int { matches.count - missing }

    /// One line such as `found 9120 of 10000 (exact 8000, lowercased 1100, digits→0 20, lowercased+digits→0 0), missing 880`.
    public var summary: String {
        let steps = VectorLookupStep.allCases.map { "\($0) \(foundByStep[$0.rawValue])" }.joined(separator: ", ")
        return "found \(found) of \(matches.count) (\(steps)), missing \(missing)"
    }
}

extension WordVectors {
    /// Finds `word` through the fallback chain: exact, lowercased, digits → 0, lowercased + digits → 0.
    public func find(_ word: String) -> VectorMatch? {
        if let row = row(of: word) { return VectorMatch(row: row, step: .exact) }
        for (form, step) in VectorLookupStep.forms(of: word).dropFirst() {
            if let row = row(of: form) { return VectorMatch(row: row, step: step) }
        }
        return nil
    }

    /// Finds every word of `vocabulary` and counts how many each step found (as flair and NCRF++ report).
    public func find(vocabulary: some Sequence<String>) -> VocabularyMatch {
        var matches: [VectorMatch?] = []
        var foundByStep = [Int](repeating: 0, count: VectorLookupStep.allCases.count)
        var missing = 0
        for word in vocabulary {
            let match = find(word)
            if let match { foundByStep[match.step.rawValue] += 1 } else { missing += 1 }
            matches.append(match)
        }
        return VocabularyMatch(matches: matches, foundByStep: foundByStep, missing: missing)
    }
}
