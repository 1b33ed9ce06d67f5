import ArgumentParser
import Foundation
import StudyLeaveApp
import StudyLeaveWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "The read-only web view for agencies: quota, on leave, due, obligations, learning hours, people.",
        discussion: """
            Each agency's HR office signs in with a read token from 'access grant' and sees its own agency and every agency below it, nothing else. Pages are HTML for browsers, JSON for scripts (Accept: application/json, or Authorization: Bearer TOKEN), with CSV and ODS downloads of every table; ?lang=zh-TW, ?calendar=roc and ?as-of=DATE as on the command line. The API is described at /openapi.json; /healthz answers without a token.
            The server reads the same ledger as the command line while it writes, and never records anything. It listens on loopback by default: put it behind your agency's HTTPS proxy to serve other machines.
            Examples: studyleave serve --db hr.db
                      studyleave serve --db postgres://viewer@db.example/hr --host 0.0.0.0 --port 8080
            """)
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port, printed at start).") var port = 8080
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw usageError("--port must be 0 to 65535", zh: "--port 須為 0 至 65535") }
    }

    func run() async throws {
        let lang = global.lang
        let location = global.dbPath
        do {
            try await WebServer(db: location, host: host, port: port).run { url in
                let line = lang == .zhTW ? "唯讀網頁服務 \(url)（帳本 \(location)；Ctrl-C 停止）\n" : "serving \(location) read-only at \(url) (Ctrl-C stops)\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
        } catch { throw AppFailure(error) }
    }
}
