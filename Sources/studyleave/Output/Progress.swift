import Foundation
import StudyLeaveApp

/// Progress of long work on standard error, only when it is a terminal: quiet when piped.
struct Progress {
    let label: String
    let enabled: Bool
    var total: Int64?

    init(_ label: String, total: Int64? = nil) {
        self.label = label
        self.total = total
        self.enabled = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    func update(_ n: Int64) { update(n, fraction: nil) }

    /// `fraction`: how much of the work is done (e.g. bytes of the file read), when known.
    func update(_ n: Int64, fraction: Double?) {
        guard enabled else { return }
        var line = "\r\(label) \(grouped(n))"
        if let total, total > 0 { line += " of \(grouped(total)) (\(n * 100 / total)%)" }
        else if let fraction { line += " (\(Int(min(1, fraction) * 100))% of the file)" }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// `done` of `total` (the candidates of a report), shown every so often.
    func update(_ done: Int, of total: Int) {
        guard enabled, total > 1000, done % 250 == 0 else { return }
        FileHandle.standardError.write(Data("\r\(label) \(grouped(Int64(done))) of \(grouped(Int64(total))) (\(done * 100 / total)%)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

func grouped(_ n: Int64) -> String {
    let digits = String(n)
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return out
}

/// The queries of a long report, showing on a terminal how many candidates are folded (quiet
/// when piped); `finish` clears the line.
func reportQueries(_ ledger: Ledger, _ label: String) -> (Queries, Progress) {
    let progress = Progress(label)
    return (Queries(ledger: ledger, progress: { done, total in progress.update(done, of: total) }), progress)
}
