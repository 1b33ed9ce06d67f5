import Foundation

/// The tag index of an import, gathered in memory and written once, in key order: a store then
/// appends at the B-tree's end instead of inserting millions of rows at random places (measured:
/// 16 million tags in 6 s sorted against 55 s in file order, and 21 s through SQLite's sorter).
///
/// Memory is what bounds it at national scale (83 million rows for 35 million events): each row
/// is kept as its tag's number alone (4 bytes; the position follows from the event's place, as
/// the import's positions run 1, 2, 3, … without a gap), in fixed blocks rather than one array
/// that doubles, and those blocks in a temporary file (`SpillArray`) until the last phase reads
/// them; and the rows are put in key order a part at a time (`SortedTagIndex.parts`), never all
/// at once.
struct TagIndexBuilder {
    private var names = TagInterner()
    /// Each event's tag numbers, the events in the order they came.
    private var ids: SpillArray<UInt32>
    /// Each event's number of tags, up to 254; 255 for more, the count then in `manyTags`.
    private var counts = BlockArray<UInt8>()
    private var manyTags: [Int: Int] = [:]
    private var first: Int64 = 0
    private var last: Int64 = 0

    /// An empty index whose tag numbers spill into `folder` (the ledger's, where it has one).
    init(spillFolder: String = FileManager.default.temporaryDirectory.path, blockSize: Int = 1 << 20) {
        ids = SpillArray(folder: spillFolder, blockSize: blockSize)
    }

    /// Rows added; how many blocks of their tag numbers are in the spill file (the tests ask).
    var rows: Int { ids.count }
    var blocksInFile: Int { ids.blocksInFile }

    /// Adds one row. Positions come in ascending order, one event's tags together, without a
    /// gap between events (the import checks the order), and fit in 32 bits.
    mutating func add(_ tag: UnsafeBufferPointer<UInt8>, position: Int64) {
        if counts.count == 0 { first = position; last = position; counts.append(0) }
        while last < position { counts.append(0); last += 1 }
        precondition(position == last, "the tag index is gathered in position order")
        ids.append(UInt32(bitPattern: names.id(tag)))
        let e = counts.count - 1
        if counts[e] < 255 { counts[e] += 1 }
        if counts[e] == 255 { manyTags[e, default: 254] += 1 }
    }

    /// The rows in primary-key order: the tags ranked by their bytes, each one's rows counted.
    func sorted() throws(LedgerError) -> SortedTagIndex {
        var clock = PhaseClock("tags")
        let count = names.count
        // Tags in byte order (SQLite's BINARY collation).
        let order: [Int] = names.arena.withUnsafeBufferPointer { a in
            (0..<count).sorted { ByteText.precedes(UnsafeBufferPointer(rebasing: a[names.name($0)]), UnsafeBufferPointer(rebasing: a[names.name($1)])) }
        }
        var rank = [Int32](repeating: 0, count: count)
        for (r, id) in order.enumerated() { rank[id] = Int32(r) }
        var start = [Int](repeating: 0, count: count + 1)
        try ids.forEach { start[Int(rank[Int($0)]) + 1] += 1 }
        for r in 0..<count { start[r + 1] += start[r] }
        clock.mark("ranked \(ids.count) rows of \(count) tags")
        return SortedTagIndex(names: names.withoutTable(), order: order, rank: rank, start: start, ids: ids, counts: counts,
                              manyTags: manyTags, first: first)
    }
}

/// The tag index ranked, ready to be written in key order a part at a time.
struct SortedTagIndex: Sendable {
    let names: TagInterner
    /// Tag numbers in byte order.
    let order: [Int]
    /// Tag number → its place in `order`.
    let rank: [Int32]
    /// The rows of the tag of rank r are rows `start[r]..<start[r + 1]` in key order.
    let start: [Int]
    fileprivate let ids: SpillArray<UInt32>
    fileprivate let counts: BlockArray<UInt8>
    fileprivate let manyTags: [Int: Int]
    fileprivate let first: Int64

    /// The rows of a run of tags: their positions, each tag's ascending.
    struct Part {
        /// The ranks of the tags held.
        let ranks: Range<Int>
        /// The rows of rank r are `positions[start[r - ranks.lowerBound]..<start[r - ranks.lowerBound + 1]]`.
        let start: [Int]
        let positions: [UInt32]
    }

    /// The rows in key order, in parts of about `budget` rows (16 million: 64 MB), each made by one
    /// pass over the events; a tag with more rows than that is a part alone.
    func parts(budget: Int = 16 << 20) -> PartIterator { PartIterator(index: self, budget: budget) }

    /// The parts one after another (`next()` reads the tag numbers back, so it may throw).
    struct PartIterator {
        let index: SortedTagIndex
        let budget: Int
        var low = 0

        /// The next part, or nil after the last.
        mutating func next() throws(LedgerError) -> Part? {
            let count = index.order.count
            guard low < count else { return nil }
            let low = self.low
            var high = low + 1
            while high < count && index.start[high + 1] - index.start[low] <= budget { high += 1 }
            self.low = high
            let base = index.start[low]
            let start = index.start[low...high].map { $0 - base }
            var positions = [UInt32](repeating: 0, count: start.last!)
            var fill = start
            // One pass over the events: each row of a tag in the part goes to its tag's next place.
            var position = UInt32(truncatingIfNeeded: index.first)
            var left = 0
            var events = index.counts.makeIterator()
            var e = -1
            try index.ids.forEach { id in
                while left == 0 {
                    e += 1
                    left = Int(events.next()!)
                    if left == 255 { left = index.manyTags[e]! }
                    if left == 0 { position &+= 1 }
                }
                let r = Int(index.rank[Int(id)])
                if r >= low && r < high {
                    positions[fill[r - low]] = position
                    fill[r - low] += 1
                }
                left -= 1
                if left == 0 { position &+= 1 }
            }
            return Part(ranks: low..<high, start: start, positions: positions)
        }
    }
}

/// An array kept in blocks of a fixed size: appending never copies what is there, and never holds
/// twice the memory while it grows.
struct BlockArray<Element: BitwiseCopyable & Sendable>: Sendable {
    private static var blockSize: Int { 1 << 20 }
    private var blocks: [[Element]] = []
    private(set) var count = 0

    mutating func append(_ e: Element) {
        if count % Self.blockSize == 0 {
            var block: [Element] = []
            block.reserveCapacity(Self.blockSize)
            blocks.append(block)
        }
        blocks[blocks.count - 1].append(e)
        count += 1
    }

    subscript(i: Int) -> Element {
        get { blocks[i / Self.blockSize][i % Self.blockSize] }
        set { blocks[i / Self.blockSize][i % Self.blockSize] = newValue }
    }

    func forEach(_ body: (Element) -> Void) {
        for block in blocks { block.withUnsafeBufferPointer { for e in $0 { body(e) } } }
    }

    func makeIterator() -> Iterator { Iterator(blocks: blocks) }

    struct Iterator: IteratorProtocol {
        let blocks: [[Element]]
        var b = 0, i = 0
        mutating func next() -> Element? {
            while b < blocks.count {
                if i < blocks[b].count { defer { i += 1 }; return blocks[b][i] }
                b += 1; i = 0
            }
            return nil
        }
    }
}
