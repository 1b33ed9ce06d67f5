import Foundation
import GRDB
import StudyLeaveApp
import Testing
import StudyLeaveDomain
@testable import StudyLeaveLedger

/// One CLI call made during the soak.
struct SoakCall: Sendable {
    enum Kind: String, Sendable, CaseIterable { case person, apply, review, approve, withdraw, repeatWrite, quota }
    var kind: Kind
    var args: [String]
    var rid: String?
    var outcome: Outcome
}

/// What the eight workers share: the applications ready for approval in each pool, and the
/// acknowledged writes (for repeats).
final class SoakBoard: @unchecked Sendable {
    private let lock = NSLock()
    private var ready: [String: [String]] = [:]
    private var acknowledged: [(args: [String], rid: String, position: Int64)] = []

    func addReady(_ app: String, pool: String) { lock.lock(); ready[pool, default: []].append(app); lock.unlock() }
    func randomReady(pool: String, using rng: inout SplitMix64) -> String? {
        lock.lock(); defer { lock.unlock() }
        return ready[pool]?.randomElement(using: &rng)
    }
    func acknowledge(_ args: [String], rid: String, position: Int64) {
        lock.lock(); acknowledged.append((args, rid, position)); lock.unlock()
    }
    func randomAcknowledged(using rng: inout SplitMix64) -> (args: [String], rid: String, position: Int64)? {
        lock.lock(); defer { lock.unlock() }
        return acknowledged.randomElement(using: &rng)
    }
}

@Suite("Eight processes writing at once", .serialized)
struct SoakTests {
    static let pools = ["G1", "G2", "G3"]
    /// Budgeted 20: a cap of 2 places a year in each pool.
    static let budgeted = 20, cap = 2

    @Test("a bounded soak: no lost write, no duplicate, no quota ever exceeded, every loser told with 1 or 75")
    func soak() throws {
        let scratch = Scratch("soak"); defer { scratch.cleanup() }
        let cli = Studyleave(scratch)
        let board = SoakBoard()
        cli.ok("init")
        for g in Self.pools {
            cli.ok("agency add \(g) --name 機關\(g) --on 2025-01-01")
            cli.ok("agency headcount \(g) --year 2026 --budgeted \(Self.budgeted) --on 2026-01-01")
            cli.ok("person add H\(g) --name 首長 --agency \(g) --head --on 2026-01-01")
            for k in 0..<3 {
                let person = "\(g)P\(k)", app = "A-\(person)"
                cli.ok("person add \(person) --name 同仁 --agency \(g) --on 2026-01-05")
                cli.ok("apply \(app) --person \(person) --mode full-time --sponsor self --from 2026-09-01 --to 2027-06-30 --on 2026-02-01")
                cli.ok("review \(app) --work-related yes --on 2026-02-10")
                board.addReady(app, pool: g)
            }
        }
        let setup = try #require(cli.verify())

        let calls = Locked<[SoakCall]>([])
        let deadline = now() + Knobs.soakSeconds
        let workers = 8
        let done = DispatchSemaphore(value: 0)
        for w in 0..<workers {
            // Threads of their own: each blocks in waitpid, so that eight processes really run at once.
            let thread = Thread {
                var rng = SplitMix64(seed: Knobs.seed &+ UInt64(w) &* 7919)
                var serial = 0, stage = 0, person = "", pool = ""
                func call(_ kind: SoakCall.Kind, _ args: [String], rid: String?) -> Outcome {
                    let full = args + (rid.map { ["--request-id", $0] } ?? []) + ["--format", "json"]
                    let o = cli.run(full)
                    calls.with { $0.append(SoakCall(kind: kind, args: full, rid: rid, outcome: o)) }
                    if o.code == 0, let rid, let p = o.position { board.acknowledge(full, rid: rid, position: p) }
                    return o
                }
                var iterations = 0
                while now() < deadline && iterations < 20_000 {
                    iterations += 1
                    serial += 1
                    let unique = "soak-w\(w)-\(serial)"
                    let dice = Int.random(in: 0..<100, using: &rng)
                    switch dice {
                    case 0..<35:
                        // Writes that conflict with nobody's quota: a new person, their application, its review.
                        switch stage {
                        case 0:
                            pool = Self.pools.randomElement(using: &rng)!
                            person = "W\(w)N\(serial)"
                            if call(.person, ["person", "add", person, "--name", "同仁", "--agency", pool, "--on", "2026-01-05"], rid: unique).code == 0 { stage = 1 }
                        case 1:
                            if call(.apply, ["apply", "A-\(person)", "--person", person, "--mode", "full-time", "--sponsor", "self",
                                             "--from", "2026-09-01", "--to", "2027-06-30", "--on", "2026-02-01"], rid: unique).code == 0 { stage = 2 }
                        default:
                            if call(.review, ["review", "A-\(person)", "--work-related", "yes", "--on", "2026-02-10"], rid: unique).code == 0 {
                                board.addReady("A-\(person)", pool: pool)
                                stage = 0
                            }
                        }
                    case 35..<72:
                        // Approvals racing for the last places of a pool; half of them under a shared
                        // request id, as two officers pressing the same button.
                        let g = Self.pools.randomElement(using: &rng)!
                        guard let app = board.randomReady(pool: g, using: &rng) else { continue }
                        let rid = Bool.random(using: &rng) ? "soak-approve-\(app)" : unique
                        _ = call(.approve, ["approve", app, "--by", "H\(g)", "--on", "2026-03-01"], rid: rid)
                    case 72..<85:
                        // Withdrawals free places, so that the race for them goes on.
                        let g = Self.pools.randomElement(using: &rng)!
                        guard let app = board.randomReady(pool: g, using: &rng) else { continue }
                        _ = call(.withdraw, ["withdraw", app, "--on", "2026-03-05"], rid: unique)
                    case 85..<95:
                        // A repeat of an acknowledged write: answered with the first recording.
                        guard let earlier = board.randomAcknowledged(using: &rng) else { continue }
                        let o = cli.run(earlier.args)
                        calls.with { $0.append(SoakCall(kind: .repeatWrite, args: earlier.args, rid: earlier.rid, outcome: o)) }
                    default:
                        let g = Self.pools.randomElement(using: &rng)!
                        let o = cli.run(["quota", g, "--year", "2026", "--format", "json"])
                        calls.with { $0.append(SoakCall(kind: .quota, args: ["quota", g], rid: nil, outcome: o)) }
                    }
                }
                done.signal()
            }
            thread.start()
        }
        for _ in 0..<workers { done.wait() }

        // 1. Every process answered as the contract says.
        let all = calls.get
        var byKind: [SoakCall.Kind: [Int32: Int]] = [:]
        var answers: [String: Set<Int64>] = [:]
        var duplicatesAnswered = 0
        for c in all {
            byKind[c.kind, default: [:]][c.outcome.code, default: 0] += 1
            let allowed: Set<Int32>
            switch c.kind {
            case .person, .apply, .review: allowed = [0, 75]
            case .approve, .withdraw: allowed = [0, 1, 75]
            case .repeatWrite, .quota: allowed = [0]
            }
            #expect(allowed.contains(c.outcome.code), "\(c.kind) \(c.args.joined(separator: " ")) → \(c.outcome.summary)")
            if c.outcome.code != 0 { #expect(c.outcome.oneErrorLine, "\(c.kind): \(c.outcome.err)") }
            if c.outcome.code == 0, let rid = c.rid, c.kind != .quota {
                let p = try #require(c.outcome.position, "\(c.kind) printed no position: \(c.outcome.out)")
                answers[rid, default: []].insert(p)
                if c.outcome.json?["duplicate"] as? Bool == true { duplicatesAnswered += 1 }
            }
            if c.kind == .repeatWrite && c.outcome.code == 0 {
                #expect(c.outcome.json?["duplicate"] as? Bool == true, "a repeat records nothing new: \(c.outcome.out)")
            }
            if c.kind == .quota, let q = c.outcome.json {
                #expect((q["used"] as? Int ?? 99) <= Self.cap, "a reader saw the quota exceeded: \(q)")
            }
        }

        // 2. No lost write, no phantom, no duplicate: the request ids in the ledger are exactly those
        // acknowledged, each at the one position every answer gave.
        let recorded = try requestIds(cli.db).filter { $0.key.hasPrefix("soak-") }
        for (rid, positions) in answers {
            #expect(positions.count == 1, "\(rid) was answered with positions \(positions)")
            #expect(recorded[rid] == positions.first, "\(rid): acknowledged at \(positions), ledger has \(String(describing: recorded[rid]))")
        }
        #expect(Set(recorded.keys) == Set(answers.keys), "recorded but never acknowledged: \(Set(recorded.keys).subtracting(answers.keys))")
        let v = try #require(cli.verify(), "verify after the soak")
        #expect(v.events == setup.events + recorded.count, "every event after the setup belongs to one acknowledged write")

        // 3. The quota was never exceeded, at any position.
        let ledger = try SQLiteLedger.open(path: cli.db)
        let events = try ledger.read { try $0.events(ofTypes: ["ApplicationApproved", "ApplicationWithdrawn"]) }
        var holders: [String: Set<String>] = [:]
        var approvedIn: [String: String] = [:]
        var peak = 0, approvalsWon = 0, withdrawalsOfApproved = 0
        for e in events {
            switch e.data {
            case let .applicationApproved(app, person, _, agency, year):
                #expect(year == 2026)
                holders[agency, default: []].insert(person)
                approvedIn[app] = agency
                approvalsWon += 1
                peak = max(peak, holders[agency]!.count)
                #expect(holders[agency]!.count <= Self.cap, "position \(e.position): \(agency) holds \(holders[agency]!.count) places, cap \(Self.cap)")
            case let .applicationWithdrawn(app, person):
                if let agency = approvedIn[app] { holders[agency]?.remove(person); withdrawalsOfApproved += 1 }
            default: break
            }
        }
        for g in Self.pools {
            let q = cli.run(["quota", g, "--year", "2026", "--format", "json"]).json
            #expect(q?["used"] as? Int == holders[g, default: []].count, "\(g): \(String(describing: q))")
        }

        let writes = all.filter { $0.kind != .quota && $0.kind != .repeatWrite }
        figure("soak: seconds", Knobs.soakSeconds)
        figure("soak: processes at once", workers)
        figure("soak: processes run", all.count)
        figure("soak: writes attempted", writes.count)
        figure("soak: writes recorded", recorded.count)
        figure("soak: repeats answered as duplicates", duplicatesAnswered)
        figure("soak: refused by a rule (exit 1)", writes.filter { $0.outcome.code == 1 }.count)
        figure("soak: told to retry (exit 75)", all.filter { $0.outcome.code == 75 }.count)
        figure("soak: approvals recorded", approvalsWon)
        figure("soak: approvals withdrawn (places freed)", withdrawalsOfApproved)
        figure("soak: most places held in one pool (cap \(Self.cap))", peak)
        figure("soak: exit codes by kind", byKind.map { kind, codes in
            "\(kind.rawValue) " + codes.sorted { $0.key < $1.key }.map { "exit \($0.key) ×\($0.value)" }.joined(separator: ", ")
        }.sorted().joined(separator: "; "))
        // A soak of a few seconds may end before the caps fill; from ten seconds on it must have raced.
        if Knobs.soakSeconds >= 10 {
            #expect(approvalsWon > 0 && writes.filter { $0.kind == .approve && $0.outcome.code == 1 }.count > 0,
                    "the soak must both grant and refuse approvals")
        }
    }
}
