import Foundation
import StudyLeaveLedger

/// Files a query writes for people to open (a spreadsheet, a picture): new, readable by their owner
/// only (they hold names and figures: Docs/RELIABILITY.md, personal data at rest), synced, and
/// never half-written.
public enum OutputFile {
    /// Writes `data` to a new file at `path`; an existing file is refused (`usage`, 64).
    public static func write(_ data: Data, to path: String, what: String) throws(AppError) {
        let file: PrivateFile
        do { file = try PrivateFile.create(path, exists: AppError.usage("\(path) already exists; \(what) writes a new file")) }
        catch let e as AppError { throw e } catch let e as LedgerError { throw AppError(e) } catch { throw .unusable("cannot write \(path)") }
        do {
            try file.handle.write(contentsOf: data)
            try file.finish()
        } catch {
            file.discard()
            throw .unusable("\(path) could not be written to disk: \(error.localizedDescription)")
        }
    }
}
