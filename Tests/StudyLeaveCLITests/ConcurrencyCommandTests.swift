import Foundation
import Testing

@Suite("Racing officers")
struct ConcurrencyCommandTests {
    /// Issue 12: sixteen processes (on PostgreSQL: sixteen connections, as sixteen offices would
    /// hold) race for one last place, in every round.
    @Test("sixteen processes approve against one last quota place: exactly one wins", arguments: 1...3)
    func lastPlace(round: Int) throws {
        let cli = hrOffice(budgeted: 9); defer { cli.cleanup() }  // cap 1
        let people = (1...16).map { "R\($0)" }
        for p in people {
            cli.ok("person add \(p) --name 同仁 --agency HR --on 2025-01-01")
            cli.ok("apply APP-\(p) --person \(p) --mode full-time --sponsor self --from 2025-09-01 --to 2026-06-30 --on 2025-02-01")
            cli.ok("review APP-\(p) --work-related yes --on 2025-02-10")
        }
        let before = cli.eventCount()
        let codes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: people.count) { i in
            let r = cli.run(["approve", "APP-\(people[i])", "--by", "H1", "--on", "2025-02-20"])
            codes.add("\(r.code)")
        }
        let sorted = codes.sorted
        #expect(sorted.filter { $0 == "0" }.count == 1, "\(sorted)")
        #expect(sorted.allSatisfy { ["0", "1", "75"].contains($0) }, "\(sorted)")
        #expect(cli.eventCount() == before + 1)
        let q = try #require(cli.json("quota HR --year 2025") as? [String: Any])
        #expect(q["used"] as? Int == 1)
    }
}

final class Outcomes: @unchecked Sendable {
    private var items: [String] = []
    private let lock = NSLock()
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var sorted: [String] { lock.lock(); defer { lock.unlock() }; return items.sorted() }
}
