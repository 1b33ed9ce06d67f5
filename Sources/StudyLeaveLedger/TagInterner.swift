/// Tag names numbered by their bytes, without making a `String` for each of an import's tens of
/// millions of tags: an open-addressing table of ids over one buffer of names.
struct TagInterner: Sendable {
    /// The names, one after another; name `i` ends at `ends[i]`.
    private(set) var arena: [UInt8] = []
    private(set) var ends: [Int] = []
    /// Zero where empty, else the name's hash (high half) and its id + 1 (low half): a look-up
    /// reads one slot, and the name's bytes only when the hashes agree. The count is a power of
    /// two, at most half full; the slot is the hash's low bits.
    private var slots = [UInt64](repeating: 0, count: 1 << 16)

    var count: Int { ends.count }

    func name(_ id: Int) -> Range<Int> { (id == 0 ? 0 : ends[id - 1])..<ends[id] }

    /// A row of the tag index, packed: the name's id in the high half, the position in the low
    /// (positions fit in 32 bits: the import checks it).
    mutating func pair(_ bytes: UnsafeBufferPointer<UInt8>, position: Int64) -> UInt64 {
        UInt64(UInt32(bitPattern: id(bytes))) << 32 | UInt64(UInt32(truncatingIfNeeded: position))
    }

    /// The name's id, numbered in order of first sight.
    mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = Self.hash(bytes) >> 32
        let mask = slots.count - 1
        var i = Int(h) & mask
        while slots[i] != 0 {
            let slot = slots[i]
            if slot >> 32 == h {
                let id = Int(slot & 0xFFFF_FFFF) - 1
                if arena.withUnsafeBufferPointer({ ByteText.equal(UnsafeBufferPointer(rebasing: $0[name(id)]), bytes) }) {
                    return Int32(id)
                }
            }
            i = (i + 1) & mask
        }
        let id = ends.count
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        slots[i] = h << 32 | UInt64(id + 1)
        if ends.count * 2 > slots.count { grow() }
        return Int32(id)
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot != 0 {
            var i = Int(slot >> 32) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }

    /// FNV-1a, then a final mix so that the low bits (the slot) depend on every byte.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h ^= h >> 33; h &*= 0xff51_afd7_ed55_8ccd; h ^= h >> 33
        return h
    }
}
