// Tokenizer accuracy and speed against spaCy's rule-based tokenizer, in the same run.
//
//   swift run -c release --package-path Benchmarks bench-tokenizer [--dev] [--repeat N] [--errors N]
//
// Input: the `# text =` line of every sentence of UD English-EWT, Russian-GSD and Russian-Taiga
// (test files, or dev files with --dev), one tokenizer call per sentence (gold sentence breaks).
// Accuracy: token F1 by character offsets as conll18_ud_eval.py computes it and as
// ../shared/peers/tokenizer_bench.py does for spaCy: whitespace removed, a token correct when
// its (start, end) span over the remaining characters matches a gold token. Gold "tokens" are
// surface tokens (multiword-range FORMs), gold "words" the syntactic words where their FORMs
// concatenate to the surface form. Speed: UTF-8 MB/s (10^6 bytes), best of the repeats.
import BenchmarkSupport
import Foundation
import TagKit

struct Result {
    var score = TokenizationScore()
    /// English only: with clitics kept whole, against surface tokens.
    var keptCliticsTokens: TokenizationScore.Counts?
    var boundaries = TokenizationScore.Counts()
    var bytes = 0
    var sentenceMBPerSecond = 0.0
    var joinedMBPerSecond = 0.0
}

func evaluate(path: String, tokenizer: Tokenizer, repeats: Int, errors: Int) throws -> Result {
    let gold = try SentenceReader(path: path, format: .conllu).readAll().filter { !$0.tokens.isEmpty }
    var result = Result()
    var shown = 0
    for sentence in gold {
        let system = tokenizer.sentences(in: sentence.comment("text") ?? "").flatMap { $0.tokens.map(\.text) }
        var single = TokenizationScore()
        single.add(gold: sentence, system: system)
        if single.words.correct != single.words.gold || single.words.system != single.words.gold, shown < errors {
            shown += 1
            let forms = sentence.tokens.filter { !$0.columns[0].contains("-") && !$0.columns[0].contains(".") }.map { $0.columns[1] }
            print("  gold:   \(forms.joined(separator: " "))\n  system: \(system.joined(separator: " "))")
        }
        result.score.add(gold: sentence, system: system)
    }
    if tokenizer.language == .english {
        let keeping = Tokenizer(language: .english, splitsClitics: false)
        var score = TokenizationScore()
        for sentence in gold {
            score.add(gold: sentence, system: keeping.sentences(in: sentence.comment("text") ?? "").flatMap { $0.tokens.map(\.text) })
        }
        result.keptCliticsTokens = score.tokens
    }
    result.boundaries = sentenceBoundaries(gold, tokenizer: tokenizer)
    let texts = gold.compactMap { $0.comment("text") }
    result.bytes = texts.reduce(0) { $0 + $1.utf8.count }
    let joined = texts.joined(separator: "\n")
    var bestSentence = Double.infinity, bestJoined = Double.infinity
    for _ in 0..<repeats {
        var start = Measure.now()
        var count = 0
        for text in texts { count += tokenizer.sentences(in: text).count }
        bestSentence = min(bestSentence, Measure.now() - start)
        start = Measure.now()
        count += tokenizer.sentences(in: joined).count
        bestJoined = min(bestJoined, Measure.now() - start)
        precondition(count > 0)
    }
    result.sentenceMBPerSecond = Double(result.bytes) / 1e6 / bestSentence
    result.joinedMBPerSecond = Double(result.bytes) / 1e6 / bestJoined
    return result
}

/// Sentence splitting: the sentences of each paragraph (`# newpar` / `# newdoc`) joined by one space,
/// paragraphs by a blank line, the whole file tokenized at once. Counts sentence ends (byte offsets)
/// inside paragraphs only: a blank line always ends a sentence, so paragraph ends are not counted.
func sentenceBoundaries(_ gold: [Sentence], tokenizer: Tokenizer) -> TokenizationScore.Counts {
    var text = ""
    var goldEnds = Set<Int>()
    var paragraphEnds = Set<Int>()
    for sentence in gold {
        guard let sentenceText = sentence.comment("text") else { continue }
        let startsParagraph = sentence.header.contains { $0.text.hasPrefix("# newpar") || $0.text.hasPrefix("# newdoc") }
        if !text.isEmpty {
            if startsParagraph { paragraphEnds.insert(text.utf8.count) }
            text += startsParagraph ? "\n\n" : " "
        }
        text += sentenceText
        goldEnds.insert(text.utf8.count)
    }
    paragraphEnds.insert(text.utf8.count)
    let systemEnds = Set(tokenizer.sentences(in: text).map(\.utf8Range.upperBound)).subtracting(paragraphEnds)
    let inside = goldEnds.subtracting(paragraphEnds)
    return TokenizationScore.Counts(gold: inside.count, system: systemEnds.count, correct: inside.intersection(systemEnds).count)
}

func main() throws {
    let arguments = CommandLine.arguments
    let split = arguments.contains("--dev") ? "dev" : "test"
    func value(_ flag: String, _ fallback: Int) -> Int {
        guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return fallback }
        return Int(arguments[index + 1]) ?? fallback
    }
    let repeats = value("--repeat", 5)
    let errors = value("--errors", 0)
    let data = Peer.shared.appendingPathComponent("data/ud").path
    let files: [(language: Tokenizer.Language, path: String)] = [
        (.english, "\(data)/en_ewt/en_ewt-ud-\(split).conllu"),
        (.russian, "\(data)/ru_gsd/ru_gsd-ud-\(split).conllu"),
        (.russian, "\(data)/ru_taiga/ru_taiga-ud-\(split).conllu"),
    ]
    let peerJSON = FileManager.default.temporaryDirectory.appendingPathComponent("tagkit-tokenizer-peer-\(getpid()).json")
    let peerOutput = try Peer.run(script: "tokenizer_bench.py",
                                  files.map { "\($0.language.rawValue)=\($0.path)" } + ["--repeat", "\(repeats)", "--json-out", peerJSON.path])
    print(peerOutput, terminator: "")
    let peer = try JSONSerialization.jsonObject(with: Data(contentsOf: peerJSON)) as? [[String: Any]] ?? []
    try? FileManager.default.removeItem(at: peerJSON)
    print("file | TagKit tokens F1 | words F1 | spaCy tokens F1 | words F1 | TagKit MB/s (per sentence / joined) | spaCy MB/s | speed ratio (per sentence) | TagKit sentence-end P / R / F1 (in paragraphs)")
    for (index, file) in files.enumerated() {
        let name = URL(fileURLWithPath: file.path).lastPathComponent
        let ours = try evaluate(path: file.path, tokenizer: Tokenizer(language: file.language), repeats: repeats, errors: errors)
        let theirs = index < peer.count ? peer[index] : [:]
        func number(_ key: String, _ field: String) -> Double {
            ((theirs[key] as? [String: Any])?[field] as? Double) ?? .nan
        }
        let peerSpeed = number("sentence_calls", "best_mb_per_s")
        print(name + String(format: " | %.2f | %.2f | %.2f | %.2f | %.1f / %.1f | %.1f / %.1f | %.1fx (skipped %d)",
                     ours.score.tokens.f1, ours.score.words.f1, number("tokens_f1", "f1"), number("words_f1", "f1"),
                     ours.sentenceMBPerSecond, ours.joinedMBPerSecond, peerSpeed, number("joined_call", "best_mb_per_s"),
                     ours.sentenceMBPerSecond / peerSpeed, ours.score.skipped)
              + String(format: " | %.1f / %.1f / %.1f", ours.boundaries.precision, ours.boundaries.recall, ours.boundaries.f1))
        if let kept = ours.keptCliticsTokens {
            print(String(format: "  with --keep-clitics: TagKit tokens F1 %.2f (P %.2f R %.2f)", kept.f1, kept.precision, kept.recall))
        }
    }
}

try main()
