import Foundation

/// Tag names numbered by their bytes, without making a `String` for each of an import's tens of
/// millions of tags: an open-addressing table of ids over one buffer of names.
struct TagInterner: Sendable {
    /// The names, one after another; name `i` ends at `ends[i]`.
    private(set) var arena: [UInt8] = []
    private(set) var ends: [Int] = []
    /// The table: slots of four words. Word 0 is zero where empty, else the name's hash (high 24
    /// bits), its length (8 bits) and its id + 1 (low 32 bits); words 1–3 hold a name of up to 24
    /// bytes itself. A look-up then reads one slot (one cache line), not the name's place in
    /// `arena` as well: at millions of names each of those reads is a cache miss. Longer names
    /// are compared in `arena`. At most three quarters full.
    private var slots = [UInt64](repeating: 0, count: 4 << 16)
    private static let inline = 24

    var count: Int { ends.count }

    /// The names without the look-up table (a quarter of a gigabyte at national scale), for
    /// writing them out once no more are added.
    func withoutTable() -> TagInterner {
        var copy = self
        copy.slots = []
        return copy
    }

    func name(_ id: Int) -> Range<Int> { (id == 0 ? 0 : ends[id - 1])..<ends[id] }

    /// A row of the tag index, packed: the name's id in the high half, the position in the low
    /// (positions fit in 32 bits: the import checks it).
    mutating func pair(_ bytes: UnsafeBufferPointer<UInt8>, position: Int64) -> UInt64 {
        UInt64(UInt32(bitPattern: id(bytes))) << 32 | UInt64(UInt32(truncatingIfNeeded: position))
    }

    /// The name's id, numbered in order of first sight.
    mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = Self.hash(bytes)
        let length = UInt64(min(bytes.count, 255))
        let tag = (h >> 40) << 40 | length << 32
        let mask = slots.count / 4 - 1
        var i = Int(truncatingIfNeeded: h) & mask
        let found: Int? = slots.withUnsafeBufferPointer { table in
            let words = UnsafeRawBufferPointer(table)
            while table[4 * i] != 0 {
                let head = table[4 * i]
                if head & ~0xFFFF_FFFF == tag {
                    let id = Int(head & 0xFFFF_FFFF) - 1
                    if bytes.count <= Self.inline {
                        if bytes.isEmpty || memcmp(words.baseAddress! + 32 * i + 8, bytes.baseAddress!, bytes.count) == 0 { return id }
                    } else if arena.withUnsafeBufferPointer({ ByteText.equal(UnsafeBufferPointer(rebasing: $0[name(id)]), bytes) }) {
                        return id
                    }
                }
                i = (i + 1) & mask
            }
            return nil
        }
        if let found { return Int32(found) }
        let id = ends.count
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        slots.withUnsafeMutableBufferPointer { table in
            table[4 * i] = tag | UInt64(id + 1)
            if bytes.count <= Self.inline, !bytes.isEmpty {
                UnsafeMutableRawBufferPointer(table).baseAddress!.advanced(by: 32 * i + 8).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            }
        }
        if ends.count * 4 > (slots.count / 4) * 3 { grow() }
        return Int32(id)
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count / 4 - 1
        for s in stride(from: 0, to: old.count, by: 4) where old[s] != 0 {
            let id = Int(old[s] & 0xFFFF_FFFF) - 1
            var i = arena.withUnsafeBufferPointer { Int(truncatingIfNeeded: Self.hash(UnsafeBufferPointer(rebasing: $0[name(id)]))) } & mask
            while slots[4 * i] != 0 { i = (i + 1) & mask }
            for w in 0..<4 { slots[4 * i + w] = old[s + w] }
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
