import Foundation
import GRDB
import StudyLeaveDomain
import Testing
@testable import StudyLeaveLedger

/// Rebuild and import fold in position order and write an application's row as soon as it is
/// settled; an event that comes after (a withdrawal, a retraction) must still leave the right row.
@Suite("Rebuild and import: rows written early, then changed")
struct ProjectionRebuildTests {
    func d(_ iso: String) -> CivilDate { DateParsing.parseISO(iso)! }

    func application(_ x: String, _ p: String, _ mode: StudyMode) -> NewEvent {
        NewEvent(on: d("2025-03-02"), tags: [Tag.application(x), Tag.person(p)], data: .applicationSubmitted(EventData.Submission(
            application: x, person: p, agency: "HR", mode: mode, sponsor: .self, from: d("2025-09-01"), to: d("2026-06-30"))))
    }

    func step(_ x: String, _ p: String, _ on: String, _ data: EventData) -> NewEvent {
        NewEvent(on: d(on), tags: [Tag.application(x), Tag.person(p)], data: data)
    }

    /// A1: off-hours, approved (settled), then withdrawn. A2: rejected (closed), the rejection
    /// retracted, then approved. A3: back at work (closed), the return retracted. A4: rejected, the
    /// rejection retracted by an event that names the wrong type (only a crafted import could hold
    /// one): the rows follow the target as stored, not the label.
    func ledger(_ dir: TempDir) throws -> SQLiteLedger {
        let ledger = try seededLedger(dir)
        var position: Int64 = 4
        func add(_ e: NewEvent) throws { _ = try ledger.append([e], actor: "tester"); position += 1 }
        try add(application("A1", "P1", .offHours))
        try add(step("A1", "P1", "2025-03-10", .applicationApproved(application: "A1", person: "P1", by: "H", agency: "HR", year: 2025)))
        try add(step("A1", "P1", "2025-04-01", .applicationWithdrawn(application: "A1", person: "P1")))
        try add(application("A2", "P2", .fullTime))
        try add(step("A2", "P2", "2025-03-10", .applicationRejected(application: "A2", person: "P2", by: "H", reason: "not now")))
        let rejection = position
        try add(step("A2", "P2", "2025-03-11", .eventRetracted(position: rejection, type: "ApplicationRejected", reason: "wrong file")))
        try add(step("A2", "P2", "2025-03-12", .applicationApproved(application: "A2", person: "P2", by: "H", agency: "HR", year: 2025)))
        try add(application("A3", "P1", .fullTime))
        try add(step("A3", "P1", "2025-03-10", .applicationApproved(application: "A3", person: "P1", by: "H", agency: "HR", year: 2025)))
        try add(step("A3", "P1", "2025-09-01", .leaveStarted(application: "A3", person: "P1")))
        try add(step("A3", "P1", "2026-06-30", .leaveEnded(application: "A3", person: "P1")))
        try add(step("A3", "P1", "2026-07-01", .returnedToDuty(application: "A3", person: "P1")))
        let back = position
        try add(step("A3", "P1", "2026-07-02", .eventRetracted(position: back, type: "ReturnedToDuty", reason: "not yet")))
        try add(application("A4", "P2", .partTime))
        try add(step("A4", "P2", "2025-03-10", .applicationRejected(application: "A4", person: "P2", by: "H", reason: "not now")))
        let mislabelled = position
        try add(step("A4", "P2", "2025-03-11", .eventRetracted(position: mislabelled, type: "PaymentRecorded", reason: "wrong file")))
        return ledger
    }

    func states(_ ledger: SQLiteLedger) throws -> [String: ApplicationState] {
        Dictionary(uniqueKeysWithValues: try ledger.applicationRows(.all).map { ($0.application, $0.state) })
    }

    let expected: [String: ApplicationState] = ["A1": .withdrawn, "A2": .approved, "A3": .ended, "A4": .submitted]

    @Test("rebuild gives the rows the appends kept")
    func rebuild() throws {
        let dir = TempDir()
        let ledger = try ledger(dir)
        #expect(try states(ledger) == expected)
        #expect(try ledger.projectionDifference() == nil)
        _ = try ledger.rebuildProjections()
        #expect(try states(ledger) == expected)
        #expect(try ledger.projectionDifference() == nil)
    }

    @Test("many rows recomputed at once (one pass over their streams) come out as one at a time")
    func refreshMany() throws {
        let dir = TempDir()
        let ledger = try ledger(dir)
        var keys: Set<ProjectionKey> = [.application("A1"), .application("A2"), .application("A3"), .person("P1"), .person("P2"), .agency("HR")]
        for n in 1...70 { keys.insert(.application("Z\(n)")) }  // no events: no rows
        try ledger.queue.write { db in
            try db.execute(sql: "DELETE FROM proj_application WHERE application = 'A3'")
            try db.execute(sql: "UPDATE proj_person SET name = 'x'")
            try Projections.refresh(db, keys: keys)
        }
        #expect(try states(ledger) == expected)
        #expect(try ledger.projectionDifference() == nil)
    }

    /// A stored row edited behind the tool's back (the trigger dropped first): rebuild names its
    /// position and changes nothing.
    nonisolated(unsafe) static let damage: [(String, String, Int64)] = [
        ("an unknown type", "type = 'Bogus'", 5),
        ("a day that is no day", "on_day = '2025-02-30'", 5),
        ("a payload that is not its type's", "payload = '{}'", 5),
        // Rebuild reads the tags of retractions only (the retraction of A2's rejection).
        ("a retraction's tags that are not a list of strings", "tags = '[1]'", 10),
    ]

    @Test("rebuild refuses a damaged row, naming its position, and leaves the tables", arguments: 0..<damage.count)
    func damagedRow(index: Int) throws {
        let dir = TempDir()
        _ = try ledger(dir)
        try tamper(dir.path("ledger.db"), "DROP TRIGGER events_append_only_update; UPDATE events SET \(Self.damage[index].1) WHERE position = \(Self.damage[index].2)")
        let ledger = try SQLiteLedger.open(path: dir.path("ledger.db"))
        do {
            _ = try ledger.rebuildProjections()
            Issue.record("\(Self.damage[index].0): rebuild succeeded")
        } catch {
            guard case .corrupt(let position, _) = error else { Issue.record("\(error)"); return }
            #expect(position == Self.damage[index].2, "\(Self.damage[index].0)")
        }
        #expect(try states(ledger) == expected)
    }

    @Test("a query reading a row whose tags are not a list of strings names its position")
    func damagedTagsRead() throws {
        let dir = TempDir()
        _ = try ledger(dir)
        try tamper(dir.path("ledger.db"), "DROP TRIGGER events_append_only_update; UPDATE events SET tags = '[1]' WHERE position = 10")
        let ledger = try SQLiteLedger.open(path: dir.path("ledger.db"))
        do {
            _ = try ledger.read { try $0.events(taggedAny: [Tag.application("A2")]) }
            Issue.record("the damaged row was read")
        } catch {
            guard case .corrupt(let position, _) = error else { Issue.record("\(error)"); return }
            #expect(position == 10)
        }
    }

    @Test("import gives the same rows")
    func importing() throws {
        let dir = TempDir()
        let ledger = try ledger(dir)
        var text = [UInt8]()
        try ledger.export { text += $0 }
        let file = dir.path("export.jsonl")
        FileManager.default.createFile(atPath: file, contents: Data(text))
        _ = try SQLiteLedger.importEvents(into: dir.path("copy.db"), from: LineSource(path: file))
        let copy = try SQLiteLedger.open(path: dir.path("copy.db"))
        #expect(try states(copy) == expected)
        #expect(try copy.projectionDifference() == nil)
    }

    /// SQLite's plan for each report condition, one line per step.
    func plans(_ ledger: SQLiteLedger) throws -> [String] {
        let day = CivilDate(year: 2025, month: 10, day: 1)!
        let queries: [ApplicationQuery] = [
            .onLeave(day: day, modes: StudyMode.studyLeaveModes), .leaveStarted(by: day, modes: [.fullTime, .partTime]),
            .countedOrPending(year: 2025), .undecidedOn(day: day),
            .leaveSpanning(people: ["P1", "P2"], modes: [.fullTime], startedBy: day, notEndedBefore: day),
        ]
        return try ledger.queue.read { db in
            try queries.map { query in
                let (condition, arguments) = ApplicationQuerySQL.condition(query)
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM proj_application WHERE \(condition)",
                                        arguments: arguments).map { $0["detail"] as String }.joined(separator: "; ")
            }
        }
    }

    @Test("every report condition is answered from an index, in a new ledger and after a rebuild, which renews old definitions")
    func reportPlans() throws {
        let dir = TempDir()
        let ledger = try ledger(dir)
        for plan in try plans(ledger) { #expect(plan.contains("USING INDEX") && !plan.contains("SCAN"), "\(plan)") }
        // The definition of an earlier version.
        try tamper(dir.path("ledger.db"), "DROP INDEX proj_application_pending; CREATE INDEX proj_application_pending ON proj_application(agency, from_day)")
        _ = try ledger.rebuildProjections()
        for plan in try plans(ledger) { #expect(plan.contains("USING INDEX") && !plan.contains("SCAN"), "\(plan)") }
        let made = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('proj_application', 'proj_attendance') AND sql IS NOT NULL")
                .map { "\($0["name"] as String) ON \(($0["sql"] as String).components(separatedBy: " ON ").last!)" }
        }
        #expect(Set(made) == Set(Schema.projectionIndexes.map { "\($0.name) ON \($0.definition)" }))
    }

    @Test("a ledger whose application table has the earlier shape (its key a PRIMARY KEY) gets this version's at rebuild and at import")
    func earlierShape() throws {
        let dir = TempDir()
        let ledger = try ledger(dir)
        let earlier = Schema.applicationTable.replacingOccurrences(of: "application     TEXT NOT NULL", with: "application     TEXT PRIMARY KEY")
        #expect(earlier != Schema.applicationTable)
        func autoindexes(_ ledger: SQLiteLedger) throws -> Int {
            try ledger.queue.read {
                try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'proj_application' AND name LIKE 'sqlite_autoindex%'") ?? -1
            }
        }
        try tamper(dir.path("ledger.db"), "DROP TABLE proj_application; \(earlier);")
        #expect(try autoindexes(ledger) == 1)
        _ = try ledger.rebuildProjections()
        #expect(try autoindexes(ledger) == 0)
        #expect(try states(ledger) == expected)
        #expect(try ledger.projectionDifference() == nil)

        var text = [UInt8]()
        try ledger.export { text += $0 }
        let file = dir.path("export.jsonl")
        FileManager.default.createFile(atPath: file, contents: Data(text))
        _ = try SQLiteLedger.create(path: dir.path("empty.db"))
        try tamper(dir.path("empty.db"), "DROP TABLE proj_application; \(earlier);")
        _ = try SQLiteLedger.importEvents(into: dir.path("empty.db"), from: LineSource(path: file))
        let copy = try SQLiteLedger.open(path: dir.path("empty.db"))
        #expect(try autoindexes(copy) == 0)
        #expect(try states(copy) == expected)
        #expect(try copy.projectionDifference() == nil)
    }
}
