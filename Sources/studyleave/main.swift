import ArgumentParser
import Foundation
import StudyLeaveApp

MallocTuning.apply()

// CLI.md: errors go to standard error as one line starting `error:`, with the exit code of the
// contract. Help and version go to standard output.
do {
    try await Studyleave.runParsed(GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst())))
} catch let failure as AppFailure {
    // One line, whatever the message carries (an SQLite message, a file name with a newline), in
    // the language asked; the code is the same in both.
    let line = failure.error.message(GlobalOptions.requestedLanguage()).split(whereSeparator: \.isNewline).joined(separator: " ")
    FileHandle.standardError.write(Data("error: \(line)\n".utf8))
    exit(failure.error.exitCode)
} catch {
    let code = Studyleave.exitCode(for: error)
    if code == .success || error is CleanExit { Studyleave.exit(withError: error) }
    if let exitCode = error as? ExitCode { exit(exitCode.rawValue) }
    let message = UsageWording.oneLine(Studyleave.message(for: error))
    let text = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
    let line = GlobalOptions.requestedLanguage() == .zhTW ? "\(UsageWording.zh(text))（請見 studyleave help）" : "\(text) (see 'studyleave help')"
    FileHandle.standardError.write(Data("error: \(line)\n".utf8))
    exit(64)
}
