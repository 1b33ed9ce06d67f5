import StudyLeaveDomain

/// What can go wrong with the ledger file, each with one line an HR officer can act on.
public enum LedgerError: Error, Equatable, Sendable {
    case missing(path: String)
    case alreadyExists(path: String)
    case notALedger(path: String)
    case newerSchema(found: Int, supported: Int)
    case readOnly(path: String)
    case full(path: String)
    case busy(path: String)
    case corrupt(position: Int64?, detail: String)
    case io(String)
    /// A concurrent write got there first; nothing was recorded.
    case conflict
    /// Other writers held the ledger (its lock) for too long, through every retry; nothing was
    /// recorded (exit 75).
    case contended(String)
    /// A bad line in an import file (CLI.md: exit 65).
    case malformedImport(line: Int, detail: String)
    case notEmpty(events: Int64)
    /// A write whose row the ledger could not read back (an actor or a request id out of
    /// `RowLimits`): refused before anything is recorded (exit 64).
    case badRow(String)
    /// `--db` names no ledger this tool can reach (a malformed URL): a usage error (exit 64).
    case badLocation(String)

    public var message: String {
        switch self {
        case .missing(let p): return "no ledger at \(p): run 'studyleave init' first (or give --db)"
        case .alreadyExists(let p): return "a ledger already exists at \(p); nothing was changed"
        case .notALedger(let p): return "\(p) is not a studyleave ledger (not an SQLite file, or truncated)"
        case let .newerSchema(found, supported):
            return "the ledger was written by a newer studyleave (schema \(found); this one reads up to \(supported)): upgrade the tool"
        case .readOnly(let p): return "the ledger \(p) is read-only: nothing was recorded"
        case .full(let p): return "the disk holding \(p) is full: nothing was recorded"
        case .busy(let p): return "the ledger \(p) is locked by another process for too long: nothing was recorded; retry"
        case let .corrupt(pos, detail):
            if let pos { return "the ledger fails verification at position \(pos): \(detail)" }
            return "the ledger fails verification: \(detail)"
        case .io(let m): return m
        case .conflict: return "another write to the same records got there first; nothing was recorded: retry"
        case .contended(let at): return "other writes held the ledger at \(at) for too long; nothing was recorded: retry"
        case let .malformedImport(line, detail): return "import line \(line): \(detail); nothing was imported"
        case .notEmpty(let n): return "the ledger already holds \(n) events; import needs an empty ledger"
        case .badLocation(let m): return m
        case .badRow(let m): return m
        }
    }

    /// The same line in Traditional Chinese (`--lang zh-TW`); the details a store or the system
    /// words (an SQLite or PostgreSQL message) stay as they come.
    public var zh: String {
        switch self {
        case .missing(let p): return "\(p) 沒有帳本：請先執行 studyleave init（或以 --db 指定）"
        case .alreadyExists(let p): return "\(p) 已有帳本；未做任何變更"
        case .notALedger(let p): return "\(p) 不是 studyleave 帳本（非 SQLite 檔，或已截斷）"
        case let .newerSchema(found, supported): return "帳本由較新版本寫入（結構 \(found)；本版至多讀 \(supported)）：請更新工具"
        case .readOnly(let p): return "帳本 \(p) 為唯讀：未記錄任何事件"
        case .full(let p): return "存放 \(p) 的磁碟已滿：未記錄任何事件"
        case .busy(let p): return "帳本 \(p) 被其他程序鎖定過久：未記錄任何事件；請重試"
        case let .corrupt(pos, detail):
            if let pos { return "帳本於位置 \(pos) 驗證失敗：\(detail)" }
            return "帳本驗證失敗：\(detail)"
        case .io(let m): return m
        case .conflict: return "另一筆對相同紀錄的寫入先完成；未記錄任何事件：請重試"
        case .contended(let at): return "\(at) 之帳本被其他寫入占用過久；未記錄任何事件：請重試"
        case let .malformedImport(line, detail): return "匯入第 \(line) 行：\(detail)；未匯入任何事件"
        case .notEmpty(let n): return "帳本已有 \(n) 筆事件；匯入須為空帳本"
        case .badLocation(let m): return m
        case .badRow(let m): return m
        }
    }
}
