import Foundation
import StudyLeaveDomain
import StudyLeaveLedger

/// `generate`: a synthetic national history written as an export file (JSON Lines with the hash
/// chain), ready for `import`.
public enum HistoryFile {
    /// What was written.
    public struct Summary: Equatable, Sendable {
        /// The events in the file.
        public var events: Int64
        /// The commands the rules refused along the way (they record nothing).
        public var refusals: Int
    }

    /// Generates the history of `config` into a new file at `path` (refused if it exists: `usage`),
    /// readable by its owner only; a failure leaves no file.
    public static func write(_ config: GeneratorConfig, to path: String, progress: ProgressReport? = nil) throws(AppError) -> Summary {
        let file: PrivateFile
        do { file = try PrivateFile.create(path, exists: AppError.usage("\(path) already exists; generate writes a new file")) }
        catch let e as AppError { throw e } catch let e as LedgerError { throw AppError(e) } catch { throw .unusable("cannot write \(path)") }
        var buffer = [UInt8]()
        buffer.reserveCapacity(1 << 20)
        var previous = HashChain.genesis
        var count: Int64 = 0
        let generator = HistoryGenerator(config: config) { e in
            let row = StoredEvent(position: e.position, type: e.data.type, version: EventData.schemaVersion, on: e.on.iso,
                                  recordedAt: e.recordedAt, actor: e.actor, requestId: e.requestId,
                                  tags: HashChain.tagsText(e.tags), payload: EventCodec.encode(e.data).canonical)
            previous = HashChain.hash(previous: previous, canonical: row.canonical)
            buffer += row.exportLine(hash: previous)
            buffer.append(10)
            count += 1
            if buffer.count >= 1 << 20 {
                try file.handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
                progress?(count)
            }
        }
        do {
            try generator.run()
            try file.handle.write(contentsOf: buffer)
            try file.finish()
        } catch {
            file.discard()
            throw .unusable("generation failed: \(error)")
        }
        return Summary(events: count, refusals: generator.refusals)
    }
}
