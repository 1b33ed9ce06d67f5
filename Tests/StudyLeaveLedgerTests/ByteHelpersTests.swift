import StudyLeaveApp
import StudyLeaveDomain
import Testing
@testable import StudyLeaveLedger

@Suite("The bulk paths' byte helpers: comparisons and the tag interner")
struct ByteHelpersTests {
    @Test("byte comparison agrees with the standard library's, prefixes and empties included")
    func comparison() {
        var rng = SplitMix64(seed: 7)
        let alphabet: [UInt8] = [0, 58, 65, 97, 0x7F, 0x80, 0xE4, 0xFF]
        for _ in 0..<5_000 {
            let a = (0..<Int(rng.next() % 6)).map { _ in alphabet[Int(rng.next() % 8)] }
            let b = (0..<Int(rng.next() % 6)).map { _ in alphabet[Int(rng.next() % 8)] }
            a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    #expect(ByteText.precedes(x, y) == a.lexicographicallyPrecedes(b), "\(a) \(b)")
                    #expect(ByteText.equal(x, y) == (a == b), "\(a) \(b)")
                }
            }
        }
    }

    /// Where the tag index's numbers are kept while an import reads: in memory (under a block),
    /// in the temporary file, or in memory because the folder refused the file.
    enum Spill: CaseIterable { case none, file, refused }

    @Test("the tag index comes out in key order (tag bytes, then position), whole or in small parts, events without tags included; its numbers kept in memory, spilled to a file, or kept when the file is refused",
          arguments: Spill.allCases)
    func tagIndexOrder(spill: Spill) throws {
        var rng = SplitMix64(seed: 11)
        var builder = switch spill {
        case .none: TagIndexBuilder()
        case .file: TagIndexBuilder(blockSize: 64)
        case .refused: TagIndexBuilder(spillFolder: "/nonexistent-folder", blockSize: 64)
        }
        var expected: [(String, UInt32)] = []
        let first: Int64 = 5
        for position in first..<(first + 3_000) {
            // Some events carry no tag; others up to four, of a few hundred names.
            // One event with more tags than a byte counts.
            let n = position == first + 1_000 ? 300 : Int(rng.next() % 5)
            var tags = Set<String>()
            if n == 300 { for i in 0..<300 { tags.insert("many:\(i)") } }
            for _ in 0..<(n == 300 ? 0 : n) { tags.insert(["person:P", "course:C", "quota:A:", "learner:P\u{4E00}"][Int(rng.next() % 4)] + String(rng.next() % 97)) }
            for tag in tags.sorted() {
                var name = tag
                name.withUTF8 { builder.add($0, position: position) }
                expected.append((tag, UInt32(position)))
            }
        }
        expected.sort { a, b in a.0 == b.0 ? a.1 < b.1 : Array(a.0.utf8).lexicographicallyPrecedes(Array(b.0.utf8)) }
        #expect(builder.blocksInFile == (spill == .file ? builder.rows / 64 : 0))
        let index = try builder.sorted()
        for budget in [1, 7, 100, 1 << 20] {
            var rows: [(String, UInt32)] = []
            var parts = index.parts(budget: budget)
            while let part = try parts.next() {
                for r in part.ranks {
                    let name = index.names.arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[index.names.name(index.order[r])]), as: UTF8.self) }
                    let i = r - part.ranks.lowerBound
                    for k in part.start[i]..<part.start[i + 1] { rows.append((name, part.positions[k])) }
                }
            }
            #expect(rows.count == expected.count && zip(rows, expected).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }, "budget \(budget)")
        }
    }

    @Test("the interner gives one id per name, through many growths, and hands the bytes back")
    func interner() {
        var interner = TagInterner()
        var ids: [String: Int32] = [:]
        // Short names (kept in the table's slots) and long ones (compared in the arena), across
        // the 24-byte border, with repeats.
        let names = (0..<200_000).map { "person:P\($0 % 150_000)" } + (0..<30_000).map { "application:long-id-\($0 % 20_000)" }
            + ["agency:人事處", "quota:HR:2025", "a", String(repeating: "x", count: 24), String(repeating: "x", count: 25),
               String(repeating: "x", count: 24), String(repeating: "x", count: 25)]
        for name in names {
            var bytes = Array(name.utf8)
            let id = bytes.withUnsafeMutableBufferPointer { interner.id(UnsafeBufferPointer($0)) }
            if let known = ids[name] { #expect(id == known, "\(name)") } else { ids[name] = id }
        }
        #expect(interner.count == ids.count)
        for (name, id) in ids {
            #expect(String(decoding: interner.arena[interner.name(Int(id))], as: UTF8.self) == name)
        }
    }
}
