import FuzzSupport
import TagKit

/// Tokenizes the input as `tagkit tokenize` reads a file (English, paragraph by paragraph); when it is
/// valid UTF-8, also as a string with the Russian rules, NFC normalization and clitics kept.
/// Tokens must be non-empty, in order, not overlapping, inside the input, and spell what they cover.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzInput.run(data, size) { bytes in
        var previousEnd = 0
        try Tokenizer(language: .english).tokenize(lines: FuzzInput.lines(bytes)) { sentence in
            FuzzInput.require(!sentence.tokens.isEmpty, "an empty sentence")
            for token in sentence.tokens {
                check(token, in: bytes, after: previousEnd, normalized: false)
                previousEnd = token.utf8Range.upperBound
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        let russian = Tokenizer(language: .russian, normalizesToNFC: true, splitsClitics: false)
        previousEnd = 0
        for sentence in russian.sentences(in: text) {
            for token in sentence.tokens {
                check(token, in: bytes, after: previousEnd, normalized: true)
                previousEnd = token.utf8Range.upperBound
            }
        }
        previousEnd = 0
        for token in Tokenizer(language: .english, splitsClitics: false).tokens(in: text) {
            check(token, in: bytes, after: previousEnd, normalized: false)
            previousEnd = token.utf8Range.upperBound
        }
    }
}

private func check(_ token: TextToken, in bytes: [UInt8], after previousEnd: Int, normalized: Bool) {
    let range = token.utf8Range
    FuzzInput.require(range.lowerBound >= previousEnd && range.upperBound <= bytes.count && !range.isEmpty,
                      "token \(range) after \(previousEnd) in \(bytes.count) bytes")
    let covered = String(decoding: bytes[range], as: UTF8.self)
    // String equality is canonical equivalence: an NFC token text equals the bytes it covers.
    FuzzInput.require(token.text == covered, "token text \(token.text) for bytes \(covered)")
    FuzzInput.require(normalized || token.text.utf8.elementsEqual(bytes[range]), "token text \(token.text) is not its bytes")
}
