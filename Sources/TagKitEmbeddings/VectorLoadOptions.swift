#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
