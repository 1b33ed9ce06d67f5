import Foundation
import StudyLeaveDomain
@testable import StudyLeaveLedger

/// A fresh folder per test, removed at the end.
final class TempDir {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("studyleave-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

let day = CivilDate(year: 2025, month: 3, day: 1)!

/// A few plain events: an agency, its headcount, two people.
func seedEvents() -> [NewEvent] {
    [
        NewEvent(on: day, tags: [Tag.agency("HR")], data: .agencyAdded(agency: "HR", name: "人事處", parent: nil)),
        NewEvent(on: day, tags: [Tag.agency("HR"), Tag.quota("HR", 2025)], data: .headcountSet(agency: "HR", year: 2025, budgeted: 25)),
        NewEvent(on: day, tags: [Tag.person("P1"), Tag.member("HR")], data: .personAdded(person: "P1", name: "王小明", agency: "HR", head: false)),
        NewEvent(on: day, tags: [Tag.person("P2"), Tag.member("HR")], data: .personAdded(person: "P2", name: "李小華", agency: "HR", head: false)),
    ]
}

/// A ledger holding `seedEvents()`, one event per append.
func seededLedger(_ dir: TempDir, name: String = "ledger.db") throws -> SQLiteLedger {
    let ledger = try SQLiteLedger.create(path: dir.path(name))
    for e in seedEvents() { _ = try ledger.append([e], actor: "tester") }
    return ledger
}

/// Runs raw SQL on a ledger file, as someone editing it behind the tool's back would.
func tamper(_ path: String, _ sql: String) throws {
    var db: OpaquePointer?
    guard sqlite3_open(path, &db) == SQLITE_OK else { throw TamperError(message: "open") }
    defer { sqlite3_close(db) }
    var err: UnsafeMutablePointer<CChar>?
    if sqlite3_exec(db, sql, nil, nil, &err) != SQLITE_OK {
        let message = err.map { String(cString: $0) } ?? "?"
        sqlite3_free(err)
        throw TamperError(message: message)
    }
}

struct TamperError: Error { let message: String }

import GRDBSQLite
