import Foundation
import Testing

/// Issue 16: idempotency that cannot lose a figure.
@Suite("Repeated writes: a request id answers only for the same write; a pay typed twice is caught")
struct IdempotencyCommandTests {
    @Test("the same write with the same request id answers with the first recording and records nothing")
    func sameWriteSameId() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        let first = try #require(cli.json("pay A1 --salary 680000 --subsidy 0 --on 2025-09-30 --request-id r1") as? [String: Any])
        let again = try #require(cli.json("pay A1 --salary 680000 --subsidy 0 --on 2025-09-30 --request-id r1") as? [String: Any])
        #expect(again["duplicate"] as? Bool == true)
        #expect(again["position"] as? Int == first["position"] as? Int)
    }

    @Test("a request id reused with another salary is refused (1), naming the first recording, and nothing is recorded")
    func sameIdOtherFigure() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        let first = try #require(cli.json("pay A1 --salary 680000 --subsidy 0 --on 2025-09-30 --request-id r1") as? [String: Any])
        let position = try #require(first["position"] as? Int)
        let err = cli.fails("pay A1 --salary 700000 --subsidy 0 --on 2025-09-30 --request-id r1", code: 1)
        #expect(err.contains("request id 'r1' was first used for #\(position) PaymentRecorded"))
        // Another day is another write too.
        cli.fails("pay A1 --salary 680000 --subsidy 0 --on 2025-10-30 --request-id r1", code: 1)
        cli.fails("review A1 --work-related yes --on 2025-09-30 --request-id r1", code: 1)
    }

    @Test("the same pay for the same application on the same day is refused as a likely duplicate unless --again")
    func payTwice() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        cli.ok("pay A1 --salary 680000 --subsidy 0 --on 2025-09-30")
        let err = cli.fails("pay A1 --salary 680000 --subsidy 0 --on 2025-09-30", code: 1)
        #expect(err.contains("already recorded") && err.contains("--again"))
        cli.ok("pay A1 --salary 680000 --subsidy 0 --on 2025-10-31")
        cli.ok("pay A1 --salary 680000 --subsidy 0 --on 2025-09-30 --again")
    }
}
