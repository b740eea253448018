#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file layouts `WordVectors` reads and writes.
///
/// * `word2vecText`: a header line `COUNT DIM`, then one `word v1 … vDIM` line per word
///   (fastText `.vec` files are this format).
/// * `word2vecBinary`: the header line `COUNT DIM\n`, then per word: the word's UTF-8 bytes, one
///   space, `DIM` little-endian Float32 values; the original C tool adds `\n` after each vector,
///   gensim does not. Whitespace before a word is skipped; the file is never split on newlines.
/// * `glove`: no header; one `word v1 … vDIM` line per word, `DIM` = fields on the first line − 1.
///
/// In the text formats fields are separated by spaces or tabs, trailing spaces, tabs and `\r` are
/// ignored, and the last `DIM` fields are the values, so a word may contain spaces (GloVe 840B has
/// such tokens). A word whose later parts are all numbers cannot be told from a row with too many
/// values and is reported as one.
public enum VectorFormat: String, CaseIterable, Sendable {
    case word2vecText = "word2vec-text"
    case word2vecBinary = "word2vec-binary"
    case glove

    /// Whether the file starts with a `COUNT DIM` line.
    public var hasHeader: Bool { self != .glove }
}

/// How the words' bytes are checked.
public enum WordEncodingPolicy: String, CaseIterable, Sendable {
    /// Invalid UTF-8 becomes U+FFFD (per maximal invalid subsequence, as `String(decoding:)` does).
    case lenient
    /// Invalid UTF-8 is an `InputError` giving the offending byte's offset.
    case strict
}

/// What to load from a vector file.
public struct VectorLoadOptions: Sendable {
    /// The layout; nil detects it (see `VectorFormat.detect`).
    public var format: VectorFormat?
    /// Read at most this many rows of the file (the first ones); nil reads all.
    public var limit: Int?
    /// Keep only the rows a lookup of one of these words could reach: the row of a word equal to some
    /// vocabulary word or to one of its fallback forms (`VectorLookupStep`). Other rows are parsed
    /// and checked but never stored, so the full matrix is never held. nil keeps every row.
    public var restrictTo: [String]?
    /// How invalid UTF-8 in words is handled.
    public var encoding: WordEncodingPolicy
    /// Threads parsing text formats (blocks of whole lines, merged in file order, so the result does
    /// not depend on it). Binary files are read on one thread.
    public var threads: Int

    public init(format: VectorFormat? = nil, limit: Int? = nil, restrictTo: [String]? = nil,
                encoding: WordEncodingPolicy = .lenient, threads: Int = VectorLoadOptions.onlineCores) {
        self.format = format
        self.limit = limit
        self.restrictTo = restrictTo
        self.encoding = encoding
        self.threads = threads
    }

    /// The number of online processors.
    public static var onlineCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

/// A word that appeared again; the first occurrence's row is kept and this one dropped.
public struct DuplicateWord: Equatable, Sendable {
    /// The word (after UTF-8 repair).
    public var word: String
    /// Where the repeat is: the 1-based line (text) or the 0-based byte offset of the word (binary).
    public var line: Int?
    public var byteOffset: Int?
}

/// What happened while loading.
public struct VectorLoadReport: Sendable {
    /// The layout read (detected or given).
    public var format: VectorFormat
    /// The header's `COUNT`, if the format has a header.
    public var headerCount: Int?
    /// Rows read from the file (stops at `limit`).
    public var rowsRead = 0
    /// Rows dropped because their word had already appeared (the first occurrence wins).
    public var duplicateCount = 0
    /// The first few duplicates, in file order.
    public var duplicates: [DuplicateWord] = []
    /// Words whose invalid UTF-8 was replaced by U+FFFD (lenient policy).
    public var repairedWords = 0
    /// Rows left out by `restrictTo`.
    public var skippedByRestriction = 0
    /// Bytes of the file consumed.
    public var bytesRead = 0

    public init(format: VectorFormat, headerCount: Int? = nil) {
        self.format = format
        self.headerCount = headerCount
    }
}
