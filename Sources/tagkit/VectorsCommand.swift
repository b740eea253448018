import ArgumentParser
import TagKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BinaryRowEnd: ExpressibleByArgument {}
extension DecimalLayout: ExpressibleByArgument {}
extension VectorFormat: ExpressibleByArgument {}

/// `tagkit vectors`: inspect, query and convert pretrained word vectors.
struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors",
        abstract: "Inspect, query and convert word vectors (word2vec text/binary, GloVe, fastText .vec).",
        subcommands: [VectorsInfoCommand.self, VectorsNearestCommand.self,
                      VectorsAnalogyCommand.self, VectorsConvertCommand.self])
}

/// The vector file and how to read it, shared by every `vectors` subcommand.
struct VectorFileOptions: ParsableArguments {
    /// `auto` or one of the formats.
    enum FormatChoice: String, CaseIterable, ExpressibleByArgument {
        case auto
        case word2vecText = "word2vec-text"
        case word2vecBinary = "word2vec-binary"
        case glove

        var format: VectorFormat? { VectorFormat(rawValue: rawValue) }
    }

    @Argument(help: "The vector file.")
    var file: String

    @Option(help: "The file's format; auto: a 'COUNT DIM' first line means word2vec (text if the next line reads as a word and DIM numbers, else binary), otherwise GloVe.")
    var format: FormatChoice = .auto

    @Option(help: "Read only the first N rows.")
    var limit: Int?

    @Option(help: "A file of words, one per line: keep only the rows their lookups (exact, lowercased, digits as 0) can reach.")
    var restrictTo: String?

    @Flag(help: "Reject words that are not valid UTF-8 (default: replace bad bytes with U+FFFD).")
    var strictUTF8 = false

    @Option(help: "Threads parsing text files (default: all cores).")
    var threads: Int = VectorLoadOptions.onlineCores

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
        if threads < 1 { throw ValidationError("--threads must be at least 1.") }
    }

    func load() throws -> (vectors: WordVectors, report: VectorLoadReport, seconds: Double) {
        let vocabulary = try restrictTo.map(readWordList)
        let options = VectorLoadOptions(format: format.format, limit: limit, restrictTo: vocabulary,
                                        encoding: strictUTF8 ? .strict : .lenient, threads: threads)
        let start = monotonicSeconds()
        let (vectors, report) = try WordVectors.load(contentsOf: file, options: options)
        return (vectors, report, monotonicSeconds() - start)
    }
}

/// A word of a query that the vectors lack.
struct UnknownWordError: Error, CustomStringConvertible {
    var word: String
    var file: String
    var description: String {
        "\(file): no vector for '\(word)' (tried: \(VectorLookupStep.forms(of: word).map { "'\($0.form)'" }.joined(separator: ", ")))"
    }
}

/// Finds `word` through the fallback chain, saying on stderr when it is not an exact match.
func findRow(_ word: String, in vectors: WordVectors, file: String) throws -> Int {
    guard let match = vectors.find(word) else { throw UnknownWordError(word: word, file: file) }
    if match.step != .exact {
        printError("'\(word)' found as '\(vectors.words.word(at: match.row))' (\(match.step))")
    }
    return match.row
}

/// The non-empty lines of `path` (`-`: standard input), one word each.
func readWordList(_ path: String) throws -> [String] {
    let reader = try LineReader(path: path)
    var words: [String] = []
    while let word = try reader.nextLine({ bytes, _ in String(decoding: bytes, as: UTF8.self) }) {
        if !word.isEmpty { words.append(word) }
    }
    return words
}

func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Writes neighbours as `word<TAB>cosine` lines.
func writeNeighbors(_ neighbors: [Neighbor]) throws {
    let output = try OutputFile(path: nil)
    for neighbor in neighbors {
        try output.write("\(neighbor.word)\t\(formatted(neighbor.cosine, decimals: 4))\n")
    }
    try output.commit()
}

func formatted(_ value: Double, decimals: Int) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = buffer.withUnsafeMutableBufferPointer { pointer in
        withVaList([value]) { vsnprintf(pointer.baseAddress, 64, "%.\(decimals)f", $0) }
    }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func formatted(_ value: Float, decimals: Int) -> String { formatted(Double(value), decimals: decimals) }

struct VectorsInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Format, size, memory and load time of a vector file.")

    @OptionGroup var source: VectorFileOptions

    @Option(help: "A file of words, one per line: report how many the lookup chain finds, and by which step.")
    var coverage: String?

    func run() throws {
        let (vectors, report, seconds) = try source.load()
        let megabytes = Double(report.bytesRead) / 1e6
        let output = try OutputFile(path: nil)
        try output.write("""
            file: \(source.file)
            format: \(report.format.rawValue)\(source.format == .auto ? " (detected)" : "")
            vectors: \(vectors.count)
            dimension: \(vectors.dimension)
            rows read: \(report.rowsRead)\(report.headerCount.map { " (header: \($0))" } ?? "")\(source.restrictTo == nil ? "" : ", \(report.skippedByRestriction) left out by --restrict-to")
            matrix: \(formatted(Double(vectors.matrixBytes) / 1e6, decimals: 1)) MB (Float32)
            words: \(formatted(Double(vectors.words.storageBytes) / 1e6, decimals: 1)) MB
            load time: \(formatted(seconds, decimals: 3)) s (\(formatted(megabytes / max(seconds, 1e-9), decimals: 1)) MB/s)
            duplicates: \(report.duplicateCount)\(report.duplicates.isEmpty ? "" : " (first: " + report.duplicates.map { "'\($0.word)'" + ($0.line.map { " line \($0)" } ?? $0.byteOffset.map { " byte \($0)" } ?? "") }.joined(separator: ", ") + "; the first occurrence is kept)")
            repaired UTF-8 words: \(report.repairedWords)

            """)
        if let coverage {
            let words = try readWordList(coverage)
            try output.write("coverage of \(coverage): \(vectors.find(vocabulary: words).summary)\n")
        }
        try output.commit()
    }
}

struct VectorsNearestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nearest", abstract: "The words closest to WORD by cosine similarity.")

    @OptionGroup var source: VectorFileOptions

    @Argument(help: "The query word (looked up exactly, then lowercased, then with digits as 0).")
    var word: String

    @Option(name: .shortAndLong, help: "How many neighbours.")
    var k: Int = 10

    func validate() throws {
        if k < 1 { throw ValidationError("-k must be at least 1.") }
    }

    func run() throws {
        let (vectors, _, _) = try source.load()
        let row = try findRow(word, in: vectors, file: source.file)
        try writeNeighbors(NearestNeighbors(vectors).nearest(toRow: row, k: k))
    }
}

struct VectorsAnalogyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analogy",
        abstract: "A is to B as C is to ?: the words closest to B − A + C (unit vectors), without A, B, C.")

    @OptionGroup var source: VectorFileOptions

    @Argument(help: "A")
    var a: String
    @Argument(help: "B")
    var b: String
    @Argument(help: "C")
    var c: String

    @Option(name: .shortAndLong, help: "How many answers.")
    var k: Int = 10

    func validate() throws {
        if k < 1 { throw ValidationError("-k must be at least 1.") }
    }

    func run() throws {
        let (vectors, _, _) = try source.load()
        let rows = try [a, b, c].map { try findRow($0, in: vectors, file: source.file) }
        try writeNeighbors(NearestNeighbors(vectors).analogy(a: rows[0], b: rows[1], c: rows[2], k: k))
    }
}

struct VectorsConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Rewrite a vector file in another format.",
        discussion: """
            Text values are written in their shortest round-trip decimal form, so text → binary → text \
            gives back the same bytes for files written that way (gensim, numpy).
            """)

    @OptionGroup var source: VectorFileOptions

    @Option(help: "The output format.")
    var to: VectorFormat

    @Option(name: .shortAndLong, help: "Output file (default: standard output). Replaced only when complete.")
    var output: String?

    @Option(help: "For word2vec-binary: what follows each vector (none: gensim; newline: the C tool).")
    var binaryRowEnd: BinaryRowEnd = .none

    @Option(help: "For text: scientific-below-1e-4 (gensim, GloVe) or positional (navec).")
    var decimalLayout: DecimalLayout = .scientificBelow1e4

    func run() throws {
        let (vectors, report, _) = try source.load()
        let sink = try OutputFile(path: output)
        try vectors.write(to: sink, format: to, rowEnd: binaryRowEnd, layout: decimalLayout)
        try sink.commit()
        printError("\(vectors.count) vectors × \(vectors.dimension): \(report.format.rawValue) → \(to.rawValue)"
                   + (report.duplicateCount > 0 ? " (\(report.duplicateCount) duplicate rows dropped)" : ""))
    }
}
