import Foundation

/// Where a ledger is, as `--db` (or `$STUDYLEAVE_DB`) names it: a SQLite file, or a PostgreSQL
/// database (CLI.md, "Many offices on one ledger").
public enum LedgerLocation: Equatable, Sendable {
    /// A SQLite file (the default: one office, the demo).
    case file(String)
    /// A database on a PostgreSQL server.
    case postgres(PostgresAddress)

    /// Reads `--db`: `postgres://` or `postgresql://` URLs name a server, anything else a file.
    public static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(LedgerError) -> LedgerLocation {
        let lower = text.lowercased()
        guard lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") else { return .file(text) }
        return .postgres(try PostgresAddress(url: text, environment: environment))
    }

    /// The location for messages: a path, or the URL without its password.
    public var description: String {
        switch self {
        case .file(let path): path
        case .postgres(let address): address.description
        }
    }
}

/// A PostgreSQL database to connect to: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, with
/// libpq's defaults for what the URL leaves out (`PGUSER`, `PGHOST`, `PGPORT`, `PGDATABASE`) and
/// its ways of giving a password without putting it in argv (`PGPASSWORD`, `~/.pgpass`).
public struct PostgresAddress: Equatable, Sendable {
    public var user: String
    /// The password the URL carried (`passwordInURL`), else `PGPASSWORD`, else the `~/.pgpass`
    /// line that matches; nil when none applies (trust or peer authentication).
    public var password: String?
    /// True when the password came from the URL itself, which `ps` shows to everyone: warned about.
    public var passwordInURL: Bool
    /// A TCP host, or nil with `socketFolder` for a Unix socket.
    public var host: String?
    /// The folder holding the server's Unix socket (`?host=/var/run/postgresql`).
    public var socketFolder: String?
    public var port: Int
    public var database: String
    /// libpq's `sslmode` (`?sslmode=`, else `PGSSLMODE`): `disable`, `prefer` (the default) or
    /// `require`. A server on this machine (a socket, a loopback address) is reached without TLS.
    public var sslMode: SSLMode

    /// Whether and how the connection is encrypted.
    public enum SSLMode: String, Sendable {
        case disable, prefer, require
    }

    /// A server on this machine: a Unix socket or a loopback address, where TLS protects nothing.
    public var isLocal: Bool {
        socketFolder != nil || ["localhost", "127.0.0.1", "::1"].contains(host ?? "localhost")
    }

    /// The socket file in `socketFolder`, as libpq names it.
    public var socketPath: String? { socketFolder.map { "\($0)/.s.PGSQL.\(port)" } }

    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                home: String? = nil) throws(LedgerError) {
        func bad(_ why: String) -> LedgerError {
            .badLocation("--db: \(why): write postgres://USER@HOST[:PORT]/DATABASE (the password in PGPASSWORD or ~/.pgpass)")
        }
        guard let schemeEnd = text.range(of: "://") else { throw bad("not a URL") }
        var rest = Substring(text[schemeEnd.upperBound...])
        var query: [String: String] = [:]
        if let q = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: q)...].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2, let key = kv[0].removingPercentEncoding, let value = kv[1].removingPercentEncoding else {
                    throw bad("the parameter '\(pair)' is not NAME=VALUE")
                }
                query[key] = value
            }
            rest = rest[..<q]
        }
        var userInfo: Substring? = nil
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        let hostPort: Substring, path: Substring
        if let slash = rest.firstIndex(of: "/") {
            hostPort = rest[..<slash]; path = rest[rest.index(after: slash)...]
        } else {
            hostPort = rest; path = ""
        }
        var urlUser: String? = nil, urlPassword: String? = nil
        if let userInfo {
            let parts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            urlUser = parts[0].removingPercentEncoding
            if parts.count == 2 { urlPassword = parts[1].removingPercentEncoding }
            if urlUser == nil || (parts.count == 2 && urlPassword == nil) { throw bad("the user or password is not well encoded") }
        }
        var urlHost: String? = nil, urlPort: Int? = nil
        if !hostPort.isEmpty {
            if let colon = hostPort.lastIndex(of: ":"), !hostPort.hasSuffix("]") {
                urlHost = String(hostPort[..<colon])
                guard let p = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(p) else {
                    throw bad("the port '\(hostPort[hostPort.index(after: colon)...])' is not a number from 1 to 65535")
                }
                urlPort = p
            } else {
                urlHost = String(hostPort)
            }
            if urlHost?.hasPrefix("[") == true { urlHost = String(urlHost!.dropFirst().dropLast()) }
            if urlHost?.isEmpty == true { urlHost = nil }
        }
        let login = environment["USER"] ?? "postgres"
        user = urlUser.flatMap { $0.isEmpty ? nil : $0 } ?? query["user"] ?? environment["PGUSER"] ?? login
        database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? query["dbname"] ?? environment["PGDATABASE"] ?? user
        if let urlPort {
            port = urlPort
        } else if let p = query["port"] {
            guard let n = Int(p), (1...65535).contains(n) else { throw bad("the port '\(p)' is not a number from 1 to 65535") }
            port = n
        } else {
            port = environment["PGPORT"].flatMap(Int.init) ?? 5432
        }
        let chosenHost = urlHost ?? query["host"] ?? environment["PGHOST"] ?? "localhost"
        if chosenHost.hasPrefix("/") {
            socketFolder = chosenHost; host = nil
        } else {
            socketFolder = nil; host = chosenHost
        }
        let mode = query["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
        switch mode {
        case "disable", "allow": sslMode = .disable
        case "prefer": sslMode = .prefer
        case "require", "verify-ca", "verify-full": sslMode = .require
        default: throw bad("sslmode '\(mode)' is not disable, prefer or require")
        }
        if let urlPassword {
            password = urlPassword; passwordInURL = true
        } else if let p = environment["PGPASSWORD"] {
            password = p; passwordInURL = false
        } else {
            passwordInURL = false
            let file = environment["PGPASSFILE"] ?? ((home ?? environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass")
            password = PGPassFile.password(in: file, host: host ?? "localhost", port: port, database: database, user: user)
        }
    }

    /// `postgres://USER@HOST:PORT/DATABASE`, never with the password.
    public var description: String {
        if let socketFolder { return "postgres://\(user)@/\(database)?host=\(socketFolder)" }
        let h = host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? "localhost"
        return "postgres://\(user)@\(h):\(port)/\(database)"
    }
}

/// libpq's password file: lines `hostname:port:database:username:password`, `*` matching anything,
/// `\:` and `\\` escaped; the first matching line wins. Like libpq, a file that others can read
/// is ignored.
enum PGPassFile {
    static func password(in path: String, host: String, port: Int, database: String, user: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A line's fields, split at unescaped colons, with the escapes removed.
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false }
            else if ch == "\\" { escaped = true }
            else if ch == ":" { fields.append(current); current = "" }
            else { current.append(ch) }
        }
        fields.append(current)
        return fields
    }
}
