#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives each distinct byte string a small integer id (0, 1, 2, … in order of first sight).
///
/// Used for tags and types so the evaluator's hot loop compares integers, never strings:
/// a lookup hashes the bytes (FNV-1a) and probes an open-addressing table; bytes are copied
/// only the first time a string is seen.
public final class ByteInterner {
    private var arena: [UInt8] = []
    private var offsets: [Int] = [0]
    private var slots: [Int32]
    private var slotHashes: [UInt64]
    private var mask: Int

    public init() {
        slots = Array(repeating: -1, count: 64)
        slotHashes = Array(repeating: 0, count: 64)
        mask = 63
    }

    /// How many distinct strings have ids.
    public var count: Int { offsets.count - 1 }

    /// The bytes of string `id`.
    public func bytes(_ id: Int32) -> ArraySlice<UInt8> {
        arena[offsets[Int(id)] ..< offsets[Int(id) + 1]]
    }

    /// The string `id`, decoded as UTF-8 (invalid bytes become U+FFFD).
    public func string(_ id: Int32) -> String {
        String(decoding: bytes(id), as: UTF8.self)
    }

    /// The id of `key`, if it has one.
    public func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if slotHashes[slot] == hash, equals(id, key) { return id }
            slot = (slot + 1) & mask
        }
    }

    /// The id of `key`, giving it the next id if it is new.
    public func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let id = find(key) { return id }
        let id = Int32(count)
        arena.append(contentsOf: key)
        offsets.append(arena.count)
        if count * 2 > mask { rehash(capacity: (mask + 1) * 2) }
        place(id, hash: Self.hash(key))
        return id
    }

    /// The id of `key` (a convenience for tests and set-up code).
    public func intern(_ key: some Collection<UInt8>) -> Int32 {
        Array(key).withUnsafeBufferPointer { intern($0) }
    }

    private func equals(_ id: Int32, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[Int(id)]
        let length = offsets[Int(id) + 1] - start
        guard length == key.count else { return false }
        if length == 0 { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, key.baseAddress!, length) == 0 }
    }

    private func place(_ id: Int32, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = id
        slotHashes[slot] = hash
    }

    private func rehash(capacity: Int) {
        let oldSlots = slots, oldHashes = slotHashes
        slots = Array(repeating: -1, count: capacity)
        slotHashes = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        for (slot, id) in oldSlots.enumerated() where id >= 0 { place(id, hash: oldHashes[slot]) }
    }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash ^ (hash >> 29)
    }
}
