import StudyLeaveDomain

/// An event type as stored, found from the column's bytes without making a `String`; and the
/// decoding of a stored event's day and payload, shared by the bulk readers (rebuild, the bulk
/// refresh), which name the position of a row that does not decode.
struct StoredType: Sendable {
    let name: String
    let changesRows: Bool
    let isRetraction: Bool
    /// Read by the attendance rows (`AttendanceFold.types`).
    let foldsAttendance: Bool

    private static let all: [(bytes: [UInt8], type: StoredType)] = EventData.allTypes.map {
        (Array($0.utf8), StoredType(name: $0, changesRows: ProjectionFold.changingTypes.contains($0), isRetraction: $0 == "EventRetracted",
                                    foldsAttendance: AttendanceFold.types.contains($0)))
    }

    static func find(_ bytes: UnsafeBufferPointer<UInt8>) -> StoredType? {
        for entry in all where entry.bytes.count == bytes.count && entry.bytes.withUnsafeBufferPointer({ ByteText.equal($0, bytes) }) { return entry.type }
        return nil
    }

    /// The type of a stored row, or `corrupt` naming it.
    static func find(_ bytes: UnsafeBufferPointer<UInt8>, position: Int64) throws(LedgerError) -> StoredType {
        guard let kind = find(bytes) else {
            throw .corrupt(position: position, detail: "unknown event type '\(String(decoding: bytes, as: UTF8.self))'")
        }
        return kind
    }

    /// A stored event's day and payload, or `corrupt` naming the position.
    func decode(position: Int64, version: Int, on: UnsafeBufferPointer<UInt8>,
                payload: UnsafeBufferPointer<UInt8>) throws(LedgerError) -> (CivilDate, EventData) {
        guard let day = DateParsing.parseISO(bytes: on) else {
            throw .corrupt(position: position, detail: "bad day '\(String(decoding: on, as: UTF8.self))'")
        }
        do throws(EventCodec.Problem) {
            return (day, try EventCodec.decode(type: name, version: version, payloadBytes: payload))
        } catch {
            throw .corrupt(position: position, detail: error.message)
        }
    }
}
