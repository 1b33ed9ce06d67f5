import Foundation
import Testing

/// Ids may hold letters of any script (Identifier.problem). The same letters can be spelled with
/// different code points: the Hangul syllable 가 (U+AC00) and the jamo ᄀ + ᅡ (U+1100 U+1161) are
/// canonically equivalent. Swift compares and sorts strings by canonical equivalence; SQLite
/// compares bytes. Found by this suite and fixed (Docs/RELIABILITY.md, "Found and fixed").
@Suite("Ids spelled two ways")
struct UnicodeIdTests {
    static let syllable = "\u{AC00}"
    static let jamo = "\u{1100}\u{1161}"

    @Test("two spellings of one id are one id: the second is refused, not recorded as someone new")
    func sameIdTwice() throws {
        let scratch = Scratch("nfc-same"); defer { scratch.cleanup() }
        let cli = Studyleave(scratch)
        cli.ok("init")
        cli.ok("agency add HR --name 人事處 --on 2025-01-01")
        #expect(cli.run(["person", "add", Self.syllable, "--name", "甲", "--agency", "HR", "--on", "2025-01-01"]).code == 0)
        // The jamo spelling is refused: an id has one spelling.
        let second = cli.run(["person", "add", Self.jamo, "--name", "乙", "--agency", "HR", "--on", "2025-01-01"])
        #expect(second.code == 1 || second.code == 65, "\(second.summary)")
    }

    @Test("accepted writes with ids in either spelling leave a ledger that verify accepts")
    func verifyAfterTransfer() throws {
        let scratch = Scratch("nfc-verify"); defer { scratch.cleanup() }
        let cli = Studyleave(scratch)
        cli.ok("init")
        // 가a as a syllable, 가b as jamo: Swift orders a < b, bytes order jamo (E1…) before the syllable (EA…).
        let a = Self.syllable + "a", b = Self.jamo + "b"
        #expect(cli.run(["agency", "add", a, "--name", "甲", "--on", "2025-01-01"]).code == 0)
        let second = cli.run(["agency", "add", b, "--name", "乙", "--on", "2025-01-01"])
        guard second.code == 0 else {
            // Refusing the second spelling is a fix too.
            #expect(second.code == 65, "\(second.summary)")
            return
        }
        cli.ok("person add P1 --name 同仁 --agency \(a) --on 2025-01-01")
        #expect(cli.run(["person", "transfer", "P1", "--to", b, "--on", "2025-06-01"]).code == 0)
        // Before ids had one spelling, this transfer's tags sorted one way in Swift and the other in
        // SQLite's index, and verify reported "the tag index differs" (Docs/RELIABILITY.md).
        #expect(cli.verify() != nil, "verify rejects a ledger made of accepted writes")
    }
}
