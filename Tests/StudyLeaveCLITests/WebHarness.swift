import Foundation
import Testing

/// `studyleave serve` on a free loopback port over the test's ledger, as an agency's browser or
/// script reaches it; requests go through curl, which shows every status and header as sent.
final class WebServerProcess {
    let process = Process()
    let url: String
    let log: URL

    init(_ cli: CLI, extra: [String] = []) throws {
        log = cli.dir.appendingPathComponent("serve-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--port", "0", "--db", cli.db] + extra
        var env = ProcessInfo.processInfo.environment
        env["STUDYLEAVE_TODAY"] = cli.today
        env["STUDYLEAVE_DB"] = nil
        process.environment = env
        process.currentDirectoryURL = cli.dir
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        // It says where it listens once it does.
        var found: String?
        let deadline = Date().addingTimeInterval(30)
        while found == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let r = text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) { found = String(text[r]) }
            else { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard let found else {
            process.terminate()
            throw Failure(message: "the server did not start: " + ((try? String(contentsOf: log, encoding: .utf8)) ?? ""))
        }
        url = found
    }

    struct Failure: Error, CustomStringConvertible { let message: String; var description: String { message } }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }

    struct Reply {
        var status: Int
        var headers: [(String, String)]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    }

    /// One request; `headers` as curl's -H, `form` a url-encoded POST body.
    func get(_ path: String, token: String? = nil, json: Bool = false, headers: [String] = [], method: String = "GET", form: String? = nil) -> Reply {
        var args = ["-s", "-i", "--max-time", "60", "-X", method]
        if let token { args += ["-H", "Authorization: Bearer \(token)"] }
        if json { args += ["-H", "Accept: application/json"] }
        for h in headers { args += ["-H", h] }
        if let form { args += ["--data-binary", form, "-H", "Content-Type: application/x-www-form-urlencoded"] }
        args.append(url + path)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["curl"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try! p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        // Status line and headers, a blank line, the body.
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else { return Reply(status: 0, headers: [], body: data) }
        let head = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        let headers = head.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Reply(status: status, headers: headers, body: Data(data[split.upperBound...]))
    }
}

extension CLI {
    /// `access grant AGENCY`: the token it prints once.
    func grant(_ agency: String, label: String = "test", sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let j = json("access grant \(agency) --label \"\(label)\"", sourceLocation: sourceLocation) as? [String: Any]
        return j?["token"] as? String ?? ""
    }
}
