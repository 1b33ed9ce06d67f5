import Foundation
import Crypto
import StudyLeaveDomain

/// Lines checked by the reading thread, handed to the connection's thread to insert: each
/// event's columns as places in one buffer.
struct ImportBatch: Sendable {
    static let size = 2048

    struct Entry: Sendable {
        var position: Int64
        var version: Int
        var type: Range<Int>
        var on: Range<Int>
        var recordedAt: Range<Int>
        var actor: Range<Int>
        var requestId: Range<Int>?
        var tags: Range<Int>
        var payload: Range<Int>
        var hash: Range<Int>
    }

    var bytes: [UInt8] = []
    var entries: [Entry] = []
    /// The payloads, decoded, for the projection fold (on the writing thread: it has time to spare).
    var decoded: [(data: EventData, on: CivilDate, position: Int64)] = []
    var retractions: [Event] = []

    init() {
        bytes.reserveCapacity(Self.size * 400)
        entries.reserveCapacity(Self.size)
    }

    mutating func copy(_ text: String) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        return start..<bytes.count
    }
}

/// The reading side of an import: every line checked (fields, order, payload, hash chain) and
/// decoded, in file order. A line exactly as `export` writes it takes
/// the fast path (its own bytes are hashed, its columns are slices of it); any other line is
/// parsed in full by `ImportLine`, which also words every refusal.
struct ImportReader: Sendable {
    private(set) var imported: Int64 = 0
    private var lineNumber = 0
    private var previous: [UInt8] = Array(HashChain.genesis.utf8)
    private var lastRecorded: [UInt8] = []
    private var seenRequestIds = Set<String>()
    private var tagPlaces: [Range<Int>] = []
    private var line: [UInt8] = []
    /// The tag index, gathered on this thread (the writing one is the busier).
    private(set) var tags: TagIndexBuilder

    /// A reader whose tag index spills into `spillFolder` (the ledger's folder, where it has one:
    /// the disk the import writes anyway, where the system's temporary folder may be memory).
    init(spillFolder: String = FileManager.default.temporaryDirectory.path) {
        tags = TagIndexBuilder(spillFolder: spillFolder)
    }

    /// The next batch of checked lines, or nil at the end of the file.
    mutating func nextBatch(_ source: LineSource) throws(LedgerError) -> ImportBatch? {
        var batch = ImportBatch()
        while batch.entries.count < ImportBatch.size {
            let more: Bool
            do { more = try source.nextLine(into: &line) } catch let e as LedgerError { throw e } catch {
                throw LedgerError.io("the import file cannot be read: \(error)")
            }
            guard more else { break }
            lineNumber += 1
            if line.last == 13 { line.removeLast() }
            if line.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            guard imported < Int64(UInt32.max) else {
                throw LedgerError.malformedImport(line: lineNumber, detail: "more than \(UInt32.max) events cannot be imported at once")
            }
            let current = line  // shares the storage; the fast path reads it while changing self
            let fast = current.withUnsafeBufferPointer { canonical($0, into: &batch) }
            if !fast { try general(into: &batch) }
            imported += 1
        }
        return batch.entries.isEmpty ? nil : batch
    }

    // MARK: The fast path

    /// Takes the line if it is canonical and checks out; false sends it to the general parser
    /// (which accepts it in another form, or says what is wrong).
    private mutating func canonical(_ b: UnsafeBufferPointer<UInt8>, into batch: inout ImportBatch) -> Bool {
        func slice(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: b[r]) }
        func text(_ r: Range<Int>) -> String? { JSONParser.validString(slice(r)) }

        guard let c = CanonicalLine.scan(b, tagItems: &tagPlaces), c.position == imported + 1,
              let kind = StoredType.find(slice(c.type)),
              let on = DateParsing.parseISO(bytes: slice(c.on)) else { return false }
        let recorded = slice(c.recordedAt)
        guard !lastRecorded.withUnsafeBufferPointer({ ByteText.precedes(recorded, $0) }), Timestamp.parseStored(bytes: recorded) != nil else { return false }
        guard let actor = text(c.actor), RowLimits.isActor(actor) else { return false }
        var requestId: String? = nil
        if let r = c.requestId {
            guard let s = text(r), RowLimits.isRequestId(s) else { return false }
            requestId = s
        }
        var lastTag: UnsafeBufferPointer<UInt8>? = nil
        var lastWasASCII = true
        for place in tagPlaces {
            // Sorted as text and as bytes alike, as ImportLine asks; for ASCII the two orders agree.
            let t = slice(place)
            guard !t.isEmpty, t.contains(58) else { return false }
            let ascii = !t.contains(where: { $0 >= 0x80 })
            if !ascii { guard text(place) != nil else { return false } }
            if let lastTag {
                guard ByteText.precedes(lastTag, t) else { return false }
                if !(ascii && lastWasASCII), !(String(decoding: lastTag, as: UTF8.self) < String(decoding: t, as: UTF8.self)) { return false }
            }
            lastTag = t
            lastWasASCII = ascii
        }
        guard lastTag != nil else { return false }
        // The payload: valid for its type, and canonical (keys in byte order, every field written).
        guard let data = CanonicalPayload.decode(type: kind.name, version: c.version, bytes: slice(c.data)) else { return false }
        // The chain: the line's bytes without the hash field are the canonical bytes.
        let claimed = slice(c.hash)
        guard claimed.count == 64, claimed.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return false }
        var hasher = SHA256()
        previous.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        hasher.update(data: [10])
        hasher.update(bufferPointer: UnsafeRawBufferPointer(slice(0..<c.hashField.lowerBound)))
        hasher.update(bufferPointer: UnsafeRawBufferPointer(slice(c.hashField.upperBound..<b.count)))
        guard HashChain.hexBytes(hasher.finalize()).withUnsafeBufferPointer({ ByteText.equal($0, claimed) }) else { return false }
        // Accepted. A repeated request id is refused as the general parser refuses it.
        if let requestId, !seenRequestIds.insert(requestId).inserted { return false }

        let places = tagPlaces
        record(data, position: c.position, on: on, recordedAt: { text(c.recordedAt) ?? "" }, actor: actor,
               tags: { places.compactMap { text($0) } }, into: &batch)
        previous = Array(claimed)
        lastRecorded = Array(recorded)
        let base = batch.bytes.count
        batch.bytes.append(contentsOf: b)
        func moved(_ r: Range<Int>) -> Range<Int> { (r.lowerBound + base)..<(r.upperBound + base) }
        for place in tagPlaces { tags.add(slice(place), position: c.position) }
        batch.entries.append(ImportBatch.Entry(
            position: c.position, version: c.version, type: moved(c.type), on: moved(c.on), recordedAt: moved(c.recordedAt),
            actor: moved(c.actor), requestId: c.requestId.map(moved), tags: moved(c.tags), payload: moved(c.data),
            hash: moved(c.hash)))
        return true
    }

    // MARK: The general path

    private mutating func general(into batch: inout ImportBatch) throws(LedgerError) {
        let parsed: ImportLine.Parsed
        do throws(ImportLine.Problem) {
            parsed = try ImportLine.parse(&line, expectedPosition: imported + 1,
                                          lastRecorded: String(decoding: lastRecorded, as: UTF8.self))
        } catch {
            throw LedgerError.malformedImport(line: lineNumber, detail: error.message)
        }
        let stored = parsed.stored
        if let r = stored.requestId, !seenRequestIds.insert(r).inserted {
            throw LedgerError.malformedImport(line: lineNumber, detail: "request id '\(r)' appears twice")
        }
        let hash = HashChain.hash(previous: String(decoding: previous, as: UTF8.self), canonical: stored.canonical)
        guard hash == parsed.hash else {
            throw LedgerError.malformedImport(line: lineNumber, detail: "the hash does not match the event and the chain before it (forged or edited)")
        }
        record(parsed.data, position: stored.position, on: parsed.on, recordedAt: { stored.recordedAt }, actor: stored.actor,
               tags: { parsed.tags }, into: &batch)
        previous = Array(hash.utf8)
        lastRecorded = Array(stored.recordedAt.utf8)
        for tag in parsed.tags {
            var name = tag
            name.withUTF8 { tags.add($0, position: stored.position) }
        }
        let type = batch.copy(stored.type), on = batch.copy(stored.on), recordedAt = batch.copy(stored.recordedAt)
        let actor = batch.copy(stored.actor), requestId = stored.requestId.map { batch.copy($0) }
        let tagsText = batch.copy(stored.tags), payload = batch.copy(stored.payload), hashPlace = batch.copy(hash)
        batch.entries.append(ImportBatch.Entry(
            position: stored.position, version: stored.version, type: type, on: on, recordedAt: recordedAt, actor: actor,
            requestId: requestId, tags: tagsText, payload: payload, hash: hashPlace))
    }

    /// The projections are folded on the way; a retraction's rows are recomputed from their own
    /// events once all are in.
    private func record(_ data: EventData, position: Int64, on: CivilDate, recordedAt: () -> String, actor: String,
                        tags: () -> [String], into batch: inout ImportBatch) {
        if case .eventRetracted = data {
            batch.retractions.append(Event(position: position, on: on, recordedAt: recordedAt(), actor: actor, tags: tags(), data: data))
        } else if ProjectionFold.changesRows(data) || AttendanceFold.types.contains(data.type) {
            batch.decoded.append((data, on, position))
        }
    }
}
