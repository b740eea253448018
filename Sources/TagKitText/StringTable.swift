/// A growing set of strings with dense ids `0..<count` in insertion order, stored compactly: every
/// string's UTF-8 bytes in one buffer, and an open-addressing hash table of ids.
///
/// Equality is Swift's `String ==` (canonical equivalence: a precomposed "é" and "e" + U+0301 are the
/// same entry), because the table hashes with Swift's own `String` hash, which agrees with `==` by
/// definition: a lookup compares 32-bit hashes first, then bytes, and only when the hashes agree but
/// the bytes differ does it build the stored string and ask `==`. So a lookup answers exactly what a
/// `[String: Int]` of the same insertions would, whatever the Unicode version of any normalizer.
///
/// Memory for `n` strings of `b` bytes in all: `b` bytes + `4n` (ends) + 8 per slot, with `n ≤ ¾ ·`
/// slots: about `b + 15n` when built at its final size, against `16n` (`[String]`, plus heap for
/// strings of over 15 bytes) + about `50n` (`[String: Int]`) before.
struct StringTable: Sendable {
    /// The UTF-8 bytes of every string, one after another.
    private var bytes: [UInt8] = []
    /// `ends[i]`: where string `i` ends in `bytes` (it starts where string `i − 1` ends).
    private var ends: [UInt32] = []
    /// Open addressing with linear probing: 0 is an empty slot; otherwise the high 32 bits hold the
    /// string's hash `h` (32 bits), the low 32 bits its id + 1. A string's first slot is
    /// `⌊h · slots.count / 2³²⌋`, so any slot count works (no rounding up to a power of two).
    private var slots: [UInt64]

    /// An empty table with room for `count` strings of `byteCount` UTF-8 bytes in all before it grows.
    init(minimumCapacity count: Int = 0, byteCount: Int = 0) {
        bytes.reserveCapacity(byteCount)
        ends.reserveCapacity(count)
        slots = [UInt64](repeating: 0, count: Self.slotCount(for: count))
    }

    /// The number of strings.
    var count: Int { ends.count }

    /// The smallest slot count (at least 8) that keeps `count` strings at most ¾ full.
    private static func slotCount(for count: Int) -> Int {
        max(8, (count * 4 + 2) / 3)
    }

    /// The first slot to probe for `hash` among `slotCount` slots.
    private static func home(_ hash: UInt32, slotCount: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(hash) &* UInt64(slotCount)) >> 32)
    }

    /// The low 32 bits of Swift's hash of `string` (equal for canonically equivalent strings).
    private static func hash(_ string: String) -> UInt32 {
        UInt32(truncatingIfNeeded: string.hashValue)
    }

    /// The bytes of string `id` in the buffer.
    private func range(of id: Int) -> Range<Int> {
        (id == 0 ? 0 : Int(ends[id - 1])) ..< Int(ends[id])
    }

    /// String `id`, as it was inserted (the same bytes).
    subscript(id: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(of: id)]), as: UTF8.self) }
    }

    /// Whether string `id` equals `key` (Swift's `==`); `keyBytes` are `key`'s UTF-8 bytes.
    private func entry(_ id: Int, equals key: String, keyBytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let sameBytes = bytes.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[range(of: id)]).elementsEqual(keyBytes) }
        return sameBytes || self[id] == key
    }

    /// The slot holding the string equal to `key` (hash `hash`), or the empty slot where it would go.
    private func slot(of key: String, hash: UInt32) -> Int {
        var utf8 = key
        return utf8.withUTF8 { keyBytes in
            var index = Self.home(hash, slotCount: slots.count)
            while true {
                let slot = slots[index]
                if slot == 0 { return index }
                if UInt32(truncatingIfNeeded: slot >> 32) == hash,
                   entry(Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1, equals: key, keyBytes: keyBytes) {
                    return index
                }
                index = index + 1 == slots.count ? 0 : index + 1
            }
        }
    }

    /// The id of the string equal to `key` (canonical equivalence), or nil.
    func id(of key: String) -> Int? {
        let slot = slots[slot(of: key, hash: Self.hash(key))]
        return slot == 0 ? nil : Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
    }

    /// Adds `string` with the next id unless an equal string is held; returns whether it was added
    /// and its id (the held one's otherwise).
    @discardableResult
    mutating func insert(_ string: String) -> (inserted: Bool, id: Int) {
        let hash = Self.hash(string)
        var index = slot(of: string, hash: hash)
        if slots[index] != 0 { return (false, Int(truncatingIfNeeded: slots[index] & 0xFFFF_FFFF) - 1) }
        let id = count
        precondition(id < Int(UInt32.max) && bytes.count + string.utf8.count <= Int(UInt32.max),
                     "a string table holds fewer than 2³² strings and 4 GiB")
        if (count + 1) * 4 > slots.count * 3 {
            grow()
            index = slot(of: string, hash: hash)
        }
        bytes.append(contentsOf: string.utf8)
        ends.append(UInt32(bytes.count))
        slots[index] = UInt64(hash) << 32 | UInt64(id + 1)
        return (true, id)
    }

    /// Doubles the slots and re-places every id by its stored hash.
    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: 2 * old.count)
        for slot in old where slot != 0 {
            var index = Self.home(UInt32(truncatingIfNeeded: slot >> 32), slotCount: slots.count)
            while slots[index] != 0 { index = index + 1 == slots.count ? 0 : index + 1 }
            slots[index] = slot
        }
    }

    /// Whether string `id` here and string `id` of `other` are equal (Swift's `==`).
    func entry(_ id: Int, equals other: StringTable, _ otherID: Int) -> Bool {
        bytes[range(of: id)].elementsEqual(other.bytes[other.range(of: otherID)]) || self[id] == other[otherID]
    }
}
