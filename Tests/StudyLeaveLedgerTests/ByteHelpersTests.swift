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
