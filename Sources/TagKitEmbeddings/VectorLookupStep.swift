/// The fallback chain used to find a word's vector, in order (as flair and NCRF++ do): the word as
/// given, then lowercased, then with every decimal digit replaced by `0`, then both.
///
/// "Lowercased" is Swift's full Unicode `lowercased()`; "digit" is any Unicode decimal digit
/// (`\d` in Python 3), so `Paris2024` → `paris2024` → `Paris0000` → `paris0000`.
public enum VectorLookupStep: Int, CaseIterable, Sendable, CustomStringConvertible {
    case exact
    case lowercased
    case digitsZeroed
    case lowercasedDigitsZeroed

    /// The form of `word` this step looks up.
    public func form(of word: String) -> String {
        switch self {
        case .exact: word
        case .lowercased: word.lowercased()
        case .digitsZeroed: Self.zeroingDigits(word)
        case .lowercasedDigitsZeroed: Self.zeroingDigits(word.lowercased())
        }
    }

    /// The distinct forms of `word` in chain order, each with the first step that produces it.
    public static func forms(of word: String) -> [(form: String, step: VectorLookupStep)] {
        var result: [(form: String, step: VectorLookupStep)] = []
        for step in allCases {
            let form = step.form(of: word)
            if !result.contains(where: { $0.form == form }) { result.append((form, step)) }
        }
        return result
    }

    public var description: String {
        switch self {
        case .exact: "exact"
        case .lowercased: "lowercased"
        case .digitsZeroed: "digits→0"
        case .lowercasedDigitsZeroed: "lowercased+digits→0"
        }
    }

    private static func zeroingDigits(_ word: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            scalars.append(scalar.properties.numericType == .decimal ? "0" : scalar)
        }
        return String(scalars)
    }
}
