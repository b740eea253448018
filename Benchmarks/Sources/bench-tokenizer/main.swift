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

struct GoldSentence {
    var text: String
    /// Surface tokens: (FORM, word FORMs of a multiword range or nil).
    var tokens: [(form: String, words: [String]?)]
}

/// A minimal CoNLL-U reading: `# text`, ranges, words; empty nodes skipped.
func readGold(_ path: String) throws -> [GoldSentence] {
    let content = try String(contentsOfFile: path, encoding: .utf8)
    var sentences: [GoldSentence] = []
    var text: String?
    var tokens: [(form: String, words: [String]?)] = []
    var rangeEnd = 0
    for line in content.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.isEmpty {
            if let text, !tokens.isEmpty { sentences.append(GoldSentence(text: text, tokens: tokens)) }
            text = nil
            tokens = []
            rangeEnd = 0
            continue
        }
        if line.hasPrefix("# text = ") {
            text = String(line.dropFirst("# text = ".count))
            continue
        }
        if line.hasPrefix("#") { continue }
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        let id = columns[0]
        if id.contains(".") { continue }
        let form = String(columns[1])
        if let dash = id.firstIndex(of: "-") {
            rangeEnd = Int(id[id.index(after: dash)...]) ?? 0
            tokens.append((form, []))
        } else if let number = Int(id), number <= rangeEnd {
            tokens[tokens.count - 1].words?.append(form)
        } else {
            tokens.append((form, nil))
        }
    }
    return sentences
}

func isPythonWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x1C...0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
        return true
    default:
        return false
    }
}

func nonSpaceLength(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + (isPythonWhitespace($1) ? 0 : 1) }
}

func spans(_ units: [String]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var position = 0
    for unit in units {
        let length = nonSpaceLength(unit)
        if length == 0 { continue }
        out.append(position..<(position + length))
        position += length
    }
    return out
}

func stripped(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars where !isPythonWhitespace(scalar) { out.append(scalar) }
    return String(out)
}

struct Counts {
    var gold = 0, system = 0, correct = 0
    var f1: Double {
        let precision = system > 0 ? Double(correct) / Double(system) : 0
        let recall = gold > 0 ? Double(correct) / Double(gold) : 0
        return precision + recall > 0 ? 200 * precision * recall / (precision + recall) : 0
    }
}

struct Result {
    var tokens = Counts(), words = Counts()
    var skipped = 0
    var bytes = 0
    var sentenceMBPerSecond = 0.0
    var joinedMBPerSecond = 0.0
}

func evaluate(path: String, tokenizer: Tokenizer, repeats: Int, errors: Int) throws -> Result {
    let gold = try readGold(path)
    var result = Result()
    var shown = 0
    for sentence in gold {
        let system = tokenizer.sentences(in: sentence.text).flatMap { $0.tokens.map(\.text) }
        if stripped(sentence.tokens.map(\.form).joined()) != stripped(sentence.text) {
            result.skipped += 1
            continue
        }
        let systemSpans = Set(spans(system))
        for kind in ["tokens", "words"] {
            var units: [String] = []
            for token in sentence.tokens {
                if kind == "words", let words = token.words, stripped(words.joined()) == stripped(token.form) {
                    units += words
                } else {
                    units.append(token.form)
                }
            }
            let goldSpans = spans(units)
            let correct = goldSpans.filter { systemSpans.contains($0) }.count
            if kind == "tokens" {
                result.tokens.gold += goldSpans.count
                result.tokens.system += systemSpans.count
                result.tokens.correct += correct
            } else {
                result.words.gold += goldSpans.count
                result.words.system += systemSpans.count
                result.words.correct += correct
                if correct != goldSpans.count || systemSpans.count != goldSpans.count, shown < errors {
                    shown += 1
                    print("  gold:   \(units.joined(separator: " "))\n  system: \(system.joined(separator: " "))")
                }
            }
        }
    }
    let texts = gold.map(\.text)
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
    print("file | TagKit tokens F1 | words F1 | spaCy tokens F1 | words F1 | TagKit MB/s (per sentence / joined) | spaCy MB/s | speed ratio (per sentence)")
    for (index, file) in files.enumerated() {
        let name = URL(fileURLWithPath: file.path).lastPathComponent
        let ours = try evaluate(path: file.path, tokenizer: Tokenizer(language: file.language), repeats: repeats, errors: errors)
        let theirs = index < peer.count ? peer[index] : [:]
        func number(_ key: String, _ field: String) -> Double {
            ((theirs[key] as? [String: Any])?[field] as? Double) ?? .nan
        }
        let peerSpeed = number("sentence_calls", "best_mb_per_s")
        print(name + String(format: " | %.2f | %.2f | %.2f | %.2f | %.1f / %.1f | %.1f / %.1f | %.1fx (skipped %d)",
                     ours.tokens.f1, ours.words.f1, number("tokens_f1", "f1"), number("words_f1", "f1"),
                     ours.sentenceMBPerSecond, ours.joinedMBPerSecond, peerSpeed, number("joined_call", "best_mb_per_s"),
                     ours.sentenceMBPerSecond / peerSpeed, ours.skipped))
    }
}

try main()
