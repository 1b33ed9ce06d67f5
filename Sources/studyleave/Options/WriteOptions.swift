import ArgumentParser
import StudyLeaveApp
import StudyLeaveDomain

/// CLI.md: every write takes --on and --request-id.
struct WriteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The day it happened in the world (default: today).", discussion: "Dates: \(DateParsing.forms). At most one year ahead.", valueName: "date"))
    var on: String?

    @Option(name: .customLong("request-id"), help: ArgumentHelp("A key for this write: repeating a write with the same key records nothing new and answers with the first recording.", valueName: "id"))
    var requestId: String?

    /// The valid day, at most a year ahead of today (CLI.md).
    func day() throws -> CivilDate {
        let today = Today.date
        guard let on else { return today }
        let d = try parseDate(on, flag: "--on")
        let limit = today.adding(months: 12)
        if d > limit { throw AppFailure(.badData("--on \(d.iso) lies more than a year ahead (after \(limit.iso)); record it closer to the day")) }
        return d
    }

    func checkedRequestId() throws -> String? {
        guard let requestId else { return nil }
        guard RowLimits.isRequestId(requestId), !requestId.contains(where: { $0.isNewline }) else {
            throw AppFailure(.usage("--request-id must be 1 to \(RowLimits.characters) characters on one line"))
        }
        return requestId
    }
}

/// `--format ods --to FILE.ods`: where a table-shaped answer's spreadsheet goes (issue 14).
struct SheetOptions: ParsableArguments {
    @Option(name: .customLong("to"), help: ArgumentHelp("With --format ods, the spreadsheet file to write (a new file).", valueName: "file.ods"))
    var to: String?

    /// The file for `format`: needed with ods, refused without it.
    func path(for format: OutputFormat) throws -> String? {
        switch (format, to) {
        case (.ods, nil): throw AppFailure(.translated(.usage("--format ods writes a file: give --to FILE.ods"), zh: "--format ods 會寫入檔案：請給 --to 檔名.ods"))
        case (.ods, let path?): return path
        case (_, nil): return nil
        case (_, .some): throw AppFailure(.translated(.usage("--to FILE is for --format ods"), zh: "--to 檔名僅用於 --format ods"))
        }
    }
}

/// CLI.md: every query takes --as-of and --known-at.
struct QueryOptions: ParsableArguments {

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The state of the world on that day (valid time).", discussion: "Default: today.", valueName: "date"))
    var asOf: String?

    @Option(name: .customLong("known-at"), help: ArgumentHelp("Only what the ledger had recorded by then (transaction time): a date and time such as '2026-11-22 16:00' (Taipei time unless it has a zone: Z, +08:00), a date (the end of that day, Taipei time), or #N for up to position N.", discussion: "Default: now.", valueName: "time"))
    var knownAt: String?

    func asOfDay() throws -> CivilDate? { try asOf.map { try parseDate($0, flag: "--as-of") } }

    func knownAtValue() throws -> QueryTime.KnownAt {
        guard let knownAt else { return .now }
        if knownAt.hasPrefix("#") {
            guard let n = Int64(knownAt.dropFirst()), n >= 0 else {
                throw AppFailure(.usage("--known-at '\(knownAt)': write #N with a whole number, e.g. #120"))
            }
            return .position(n)
        }
        guard let ms = QueryTime.millis(knownAt) else {
            throw AppFailure(.usage("--known-at '\(knownAt)' is not a time: write '2026-11-22 16:00' (Taipei time), 2026-11-22T08:00:00Z, a date such as 2026-11-22 or 115/11/22, or #N"))
        }
        return .millis(ms)
    }

    func time() throws -> QueryTime { QueryTime(asOf: try asOfDay() ?? Today.date, knownAt: try knownAtValue()) }

    /// When the answer looks, if not today as known now (then nil).
    func seen(_ ledger: Ledger) async throws -> Seen? {
        let t = try time()
        guard knownAt != nil || t.asOf != Today.date else { return nil }
        do { return try await Queries(ledger: ledger).seen(t, knownAtGiven: knownAt != nil) } catch { throw AppFailure(error) }
    }
}


/// Dates as people write them: malformed → usage (64), impossible → bad data (65).
func parseDate(_ text: String, flag: String) throws -> CivilDate {
    do { return try DateParsing.parse(text) } catch {
        switch error {
        case .malformed: throw AppFailure(.translated(.usage("\(flag): \(error.message)"), zh: "\(flag)：\(error.zh)"))
        case .impossible: throw AppFailure(.translated(.badData("\(flag): \(error.message)"), zh: "\(flag)：\(error.zh)"))
        }
    }
}

/// An id from the command line: letters, digits, '-', '_' or '.' (exit 65 otherwise).
func checkID(_ id: String, _ what: String) throws -> String {
    if let problem = Identifier.problem(with: id) { throw AppFailure(.badData("\(what): \(problem)")) }
    return id
}

/// Free text (names, reasons): one line, 1 to 1000 characters.
func checkText(_ text: String, _ what: String) throws -> String {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard !t.isEmpty else { throw AppFailure(.usage("\(what) cannot be empty")) }
    guard t.count <= PayloadLimits.textCharacters, !t.contains(where: { $0.isNewline }) else { throw AppFailure(.badData("\(what) must be one line of at most 1000 characters")) }
    return t
}

/// Whole NTD, 0 or more.
func checkMoney(_ text: String, _ what: String) throws -> NTD {
    let amount = try wholeNumber(text, what, unit: "a whole number of NTD, 0 or more")
    guard amount <= NTD.maximum else { throw AppFailure(.badData("\(what) \(amount) is beyond any plausible sum (at most \(NTD.maximum))")) }
    return NTD(amount)
}

/// A whole number as typed, with a message for each way people get it wrong: `60,000` (commas:
/// 64), `-5` (below zero: 65), `1.5` or `abc` (64). Options that take one parse their value
/// unconditionally, so that `-5` reaches here instead of reading as a flag.
func wholeNumber(_ text: String, _ what: String, unit: String) throws -> Int {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.contains(",") || t.contains("，") {
        let plain = t.filter { $0 != "," && $0 != "，" }
        throw AppFailure(.translated(.usage("\(what) \(text): digits only, without commas (\(plain))"), zh: "\(what) \(text)：請只寫數字，不加逗號（\(plain)）"))
    }
    let digits = t.hasPrefix("-") ? t.dropFirst() : Substring(t)
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(t) else {
        throw AppFailure(.translated(.usage("\(what) '\(text)' must be \(unit)"), zh: "\(what) '\(text)' 須為 0 以上之整數"))
    }
    guard n >= 0 else { throw AppFailure(.translated(.badData("\(what) must be \(unit), not \(n)"), zh: "\(what) 須為 0 以上之整數，不得為 \(n)")) }
    return n
}

import Foundation
