/// Tag names numbered by their bytes, without making a `String` for each of an import's tens of
/// millions of tags: an open-addressing table of ids over one buffer of names.
struct TagInterner {
    /// The names, one after another; name `i` ends at `ends[i]`.
    private(set) var arena: [UInt8] = []
    private(set) var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// Ids by hash, -1 where empty; the count is a power of two, at most half full.
    private var slots = [Int32](repeating: -1, count: 1 << 16)

    var count: Int { ends.count }

    func name(_ id: Int) -> Range<Int> { (id == 0 ? 0 : ends[id - 1])..<ends[id] }

    /// The name's id, numbered in order of first sight.
    mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = Self.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & (slots.count - 1)
        while slots[i] >= 0 {
            let id = Int(slots[i])
            if hashes[id] == h, arena.withUnsafeBufferPointer({ ByteText.equal(UnsafeBufferPointer(rebasing: $0[name(id)]), bytes) }) {
                return Int32(id)
            }
            i = (i + 1) & (slots.count - 1)
        }
        let id = Int32(ends.count)
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        hashes.append(h)
        slots[i] = id
        if ends.count * 2 > slots.count { grow() }
        return id
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(id)
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
