/// A frozen mapping between strings and dense integer ids.
///
/// Built once from counts, then never grows: a string it does not hold maps to `unknown` (when the
/// vocabulary has one) so nothing is added silently at tagging time. With `reserved: .padAndUnknown`,
/// id 0 is `<pad>` and id 1 is `<unk>`; label vocabularies use `.none`.
///
/// Entries are compared as Swift compares strings (canonical equivalence): of two canonically
/// equivalent entries only the first is kept, and looking up either form gives its id. The entries
/// are held in a `StringTable` (one UTF-8 buffer and a hash table of ids: about 3 MiB for 124k
/// words, against 9 MiB as `[String]` plus `[String: Int]`).
public struct Vocabulary: Equatable, Sendable {
    /// The special entries a vocabulary starts with.
    public enum Reserved: String, Codable, Sendable {
        /// No special entries (tag and label sets).
        case none
        /// `<pad>` = 0, `<unk>` = 1 (words and characters).
        case padAndUnknown
    }

    public static let padding = "<pad>"
    public static let unknownSymbol = "<unk>"

    /// Which special entries come first.
    public let reserved: Reserved
    private let table: StringTable

    /// A vocabulary of `entries` in this order, after the reserved entries.
    /// Duplicates (canonically equivalent strings) keep their first position.
    public init(_ entries: some Sequence<String>, reserved: Reserved) {
        var table = StringTable()
        for entry in Self.specials(reserved) { table.insert(entry) }
        for entry in entries { table.insert(entry) }
        self.table = table
        self.reserved = reserved
    }

    /// The entries `reserved` puts first.
    private static func specials(_ reserved: Reserved) -> [String] {
        reserved == .padAndUnknown ? [padding, unknownSymbol] : []
    }

    /// The entries seen at least `minimumCount` times, most frequent first (ties in first-seen order),
    /// at most `limit` of them.
    public init(counting items: some Sequence<String>, minimumCount: Int = 1, limit: Int? = nil, reserved: Reserved) {
        var counts: [String: Int] = [:]
        var firstSeen: [String] = []
        for item in items {
            if counts[item] == nil { firstSeen.append(item) }
            counts[item, default: 0] += 1
        }
        let order = Dictionary(uniqueKeysWithValues: firstSeen.enumerated().map { ($1, $0) })
        var kept = firstSeen.filter { counts[$0]! >= minimumCount }
        kept.sort { (counts[$0]!, order[$1]!) > (counts[$1]!, order[$0]!) }
        if let limit { kept = Array(kept.prefix(limit)) }
        self.init(kept, reserved: reserved)
    }

    /// The number of entries, reserved ones included.
    public var count: Int { table.count }

    /// Entry `i` is the string with id `i` (built on each call: `count` strings).
    public var entries: [String] { (0..<table.count).map { table[$0] } }

    /// The id of `entry`, or `nil` if the vocabulary does not hold it.
    public func id(exactly entry: String) -> Int? { table.id(of: entry) }

    /// The id of `entry`, or of `<unk>` if it is not held. Only for vocabularies with `<unk>`.
    public func id(_ entry: String) -> Int {
        precondition(reserved == .padAndUnknown, "only vocabularies with <unk> map unknown entries")
        return table.id(of: entry) ?? 1
    }

    /// The string with id `id`.
    public subscript(id: Int) -> String { table[id] }

    /// Same reserved entries, and entry by entry equal strings (Swift's `==`).
    public static func == (a: Vocabulary, b: Vocabulary) -> Bool {
        a.reserved == b.reserved && a.count == b.count && (0..<a.count).allSatisfy { a.table.entry($0, equals: b.table, $0) }
    }
}

extension Vocabulary: Codable {
    private enum CodingKeys: String, CodingKey { case entries, reserved }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let reserved = try container.decode(Reserved.self, forKey: .reserved)
        let entries = try container.decode([String].self, forKey: .entries)
        // The table is built once at its final size (a model's vocabulary may hold 100k+ words).
        var table = StringTable(minimumCapacity: entries.count, byteCount: entries.reduce(0) { $0 + $1.utf8.count })
        var unique = entries.starts(with: Self.specials(reserved))
        for entry in entries where unique {
            unique = table.insert(entry).inserted
        }
        guard unique else {
            throw DecodingError.dataCorruptedError(forKey: .entries, in: container,
                debugDescription: "a vocabulary's entries must be unique and start with its reserved entries")
        }
        self.table = table
        self.reserved = reserved
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entries, forKey: .entries)
        try container.encode(reserved, forKey: .reserved)
    }
}
