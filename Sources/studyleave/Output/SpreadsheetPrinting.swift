import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

// The answers whose tables `--format ods --to FILE.ods` writes as ODF spreadsheets (issue 14).
extension Status: WritesSpreadsheets {}
extension Quota: WritesSpreadsheets {}
extension ObligationQuery: WritesSpreadsheets {}
extension History: WritesSpreadsheets {}
extension OnLeaveReport: WritesSpreadsheets {}
extension ObligationsReport: WritesSpreadsheets {}
extension PendingReport: WritesSpreadsheets {}
extension DueReport: WritesSpreadsheets {}
extension SpreadReport: WritesSpreadsheets {}
extension AgencyList: WritesSpreadsheets {}
extension PersonList: WritesSpreadsheets {}
extension HoursQuery: WritesSpreadsheets {}
extension PolicyList: WritesSpreadsheets {}
extension AccessListCommand: WritesSpreadsheets {}

extension Printer {
    /// The report as a spreadsheet (`Report.spreadsheet`), written to `sheetPath`.
    func writeSpreadsheet(_ r: Report) {
        let path = sheetPath ?? "studyleave.ods"
        do {
            try OutputFile.write(Data(try r.odsData(wording)), to: path, what: "--format ods")
        } catch let e as AppError {
            fail(e)
        } catch let e as ODSWriter.Failure {
            fail(.unusable(e.message))
        } catch {
            fail(.unusable("\(error)"))
        }
        FileHandle.standardError.write(Data((lang == .zhTW ? "已寫入 \(path)\n" : "wrote \(path)\n").utf8))
    }

    func fail(_ e: AppError) -> Never {
        let line = e.message(lang).split(whereSeparator: \.isNewline).joined(separator: " ")
        FileHandle.standardError.write(Data("error: \(line)\n".utf8))
        exit(e.exitCode)
    }
}
