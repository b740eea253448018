/// A small direct-mapped cache in front of `TagTable.info`, kept in a local variable of a
/// reader's loop so that looking up a tag costs a hash of at most 16 bytes and two compares,
/// with no class access. Tags longer than 16 bytes go to the table every time.
struct TagCache {
    private static let slotCount = 256
    private var low = [UInt64](repeating: 0, count: slotCount)
    private var high = [UInt64](repeating: 0, count: slotCount)
    private var lengths = [Int](repeating: -1, count: slotCount)
    private var infos: [TagInfo]
    private let table: TagTable
    /// The tag `O`, most tokens' tag, answered before any hashing.
    private let outside: TagInfo

    init(table: TagTable) {
        self.table = table
        infos = Array(repeating: table.outside, count: Self.slotCount)
        outside = table.info("O")
    }

    @inline(__always)
    mutating func info(_ bytes: UnsafeBufferPointer<UInt8>) -> TagInfo {
        let length = bytes.count
        if length == 1, bytes[0] == UInt8(ascii: "O") { return outside }
        guard length <= 16 else { return table.info(bytes) }
        // Assembled with shifts: a memcpy into the words and an 8-byte load stall store forwarding.
        var words: (UInt64, UInt64) = (0, 0)
        var index = 0
        while index < min(length, 8) {
            words.0 |= UInt64(bytes[index]) << UInt64(8 * index)
            index += 1
        }
        while index < length {
            words.1 |= UInt64(bytes[index]) << UInt64(8 * (index - 8))
            index += 1
        }
        var mixed = (words.0 ^ (words.1 &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(length)) &* 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 29
        let slot = Int(truncatingIfNeeded: mixed) & (Self.slotCount - 1)
        if lengths[slot] == length, low[slot] == words.0, high[slot] == words.1 { return infos[slot] }
        let found = table.info(bytes)
        lengths[slot] = length
        low[slot] = words.0
        high[slot] = words.1
        infos[slot] = found
        return found
    }
}
