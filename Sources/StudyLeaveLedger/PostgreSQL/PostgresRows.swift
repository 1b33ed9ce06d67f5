import Foundation
import NIOCore
import PostgresNIO
import StudyLeaveDomain

/// Rows to and from PostgreSQL: the event columns in one order everywhere, and arrays with NULLs
/// for the multi-row inserts (`unnest`), which postgres-nio's own arrays cannot carry.
enum PostgresRows {
    /// The event columns, in `StoredEvent`'s order, the hash last.
    static let eventColumns = "position, type, version, on_day, recorded_at, actor, request_id, tags, payload, hash"

    /// A row selected with `eventColumns` as the stored event and its hash. The cells are read
    /// from their bytes (`Cells`): the bulk reads (export, verify) decode millions of them.
    static func stored(_ row: PostgresRow) throws -> (StoredEvent, String) {
        var cells = Cells(row)
        return try stored(&cells)
    }

    /// The event columns from the cells' next ones.
    static func stored(_ cells: inout Cells) throws -> (StoredEvent, String) {
        let position = try cells.integer()
        let type = try cells.text(), version = Int(try cells.integer()), on = try cells.text(), recordedAt = try cells.text()
        let actor = try cells.text(), requestId = try cells.optionalText(), tags = try cells.text(), payload = try cells.text()
        let hash = try cells.text()
        return (StoredEvent(position: position, type: type, version: version, on: on, recordedAt: recordedAt, actor: actor,
                            requestId: requestId, tags: tags, payload: payload), hash)
    }

    /// A row's cells one after another, as their binary wire values: text as its UTF-8 bytes,
    /// integers big-endian in 2, 4 or 8 bytes.
    struct Cells {
        private var iterator: PostgresRow.Iterator
        private var index = 0

        init(_ row: PostgresRow) { iterator = row.makeIterator() }

        struct Unexpected: Error, CustomStringConvertible {
            let description: String
        }

        private mutating func next() throws -> PostgresCell {
            index += 1
            guard let cell = iterator.next() else { throw Unexpected(description: "the row has no column \(index)") }
            return cell
        }

        mutating func optionalText() throws -> String? {
            let cell = try next()
            guard var bytes = cell.bytes else { return nil }
            guard cell.format == .binary || cell.format == .text else { throw Unexpected(description: "column \(cell.columnName)") }
            return bytes.readString(length: bytes.readableBytes)
        }

        mutating func text() throws -> String {
            guard let text = try optionalText() else { throw Unexpected(description: "column \(index) is NULL") }
            return text
        }

        /// A one-dimensional `text[]` without NULLs (an `array_agg` of tags); NULL reads as empty.
        mutating func textArray() throws -> [String] {
            let cell = try next()
            guard var bytes = cell.bytes else { return [] }
            guard cell.format == .binary, let dimensions = bytes.readInteger(as: Int32.self),
                  bytes.readInteger(as: Int32.self) != nil, bytes.readInteger(as: UInt32.self) != nil else {
                throw Unexpected(description: "column \(cell.columnName) is not an array")
            }
            guard dimensions > 0 else { return [] }
            guard dimensions == 1, let count = bytes.readInteger(as: Int32.self), bytes.readInteger(as: Int32.self) != nil else {
                throw Unexpected(description: "column \(cell.columnName) is not a list")
            }
            var out: [String] = []
            out.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let length = bytes.readInteger(as: Int32.self), length >= 0, let text = bytes.readString(length: Int(length)) else {
                    throw Unexpected(description: "column \(cell.columnName) holds a NULL or a short element")
                }
                out.append(text)
            }
            return out
        }

        mutating func integer() throws -> Int64 {
            let cell = try next()
            guard var bytes = cell.bytes, cell.format == .binary else { throw Unexpected(description: "column \(cell.columnName) is not a binary integer") }
            switch bytes.readableBytes {
            case 8: return bytes.readInteger(as: Int64.self)!
            case 4: return Int64(bytes.readInteger(as: Int32.self)!)
            case 2: return Int64(bytes.readInteger(as: Int16.self)!)
            default: throw Unexpected(description: "column \(cell.columnName) is not an integer")
            }
        }
    }

    /// A row selected with `eventColumns` as an event; a row that cannot be read is corruption.
    static func event(_ row: PostgresRow) throws -> Event {
        try stored(row).0.decoded()
    }

    static let applicationColumns = """
        application, person, agency, mode, sponsor, abroad, from_day, to_day, approved_on, approved_agency,
        approved_year, rejected_on, withdrawn_on, leave_start, leave_end, returned_on
        """

    static let applicationColumnList = applicationColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }

    static func day(_ text: String?) -> CivilDate? { text.flatMap(DateParsing.parseISO) }

    /// A row selected with `applicationColumns`.
    static func application(_ row: PostgresRow) throws -> ApplicationRow {
        let (application, person, agency, mode, sponsor, abroad, from, to) =
            try row.decode((String, String, String, String, String, Bool, String, String).self)
        let cells = Array(row)
        func text(_ i: Int) throws -> String? { try cells[i].decode(String?.self) }
        guard let fromDay = day(from), let toDay = day(to) else {
            throw LedgerError.corrupt(position: nil, detail: "the application row \(application) holds a day that is not ISO")
        }
        return ApplicationRow(
            application: application, person: person, agency: agency, mode: StudyMode(rawValue: mode) ?? .offHours,
            sponsor: Sponsorship(rawValue: sponsor) ?? .self, abroad: abroad, from: fromDay, to: toDay,
            approvedOn: day(try text(8)), approvedAgency: try text(9), approvedYear: try cells[10].decode(Int?.self),
            rejectedOn: day(try text(11)), withdrawnOn: day(try text(12)), leaveStart: day(try text(13)),
            leaveEnd: day(try text(14)), returnedOn: day(try text(15)))
    }
}

/// A one-dimensional `text[]` whose elements may be NULL, in the binary wire format.
struct NullableTextArray: PostgresNonThrowingEncodable {
    var values: [String?]
    init(_ values: [String?]) { self.values = values }

    static var psqlType: PostgresDataType { .textArray }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        PostgresArrayWire.header(into: &buffer, count: values.count, hasNull: values.contains(nil), element: .text)
        for value in values {
            if let value {
                buffer.writeInteger(Int32(value.utf8.count))
                buffer.writeString(value)
            } else {
                buffer.writeInteger(Int32(-1))
            }
        }
    }
}

/// A one-dimensional `int4[]` whose elements may be NULL.
struct NullableIntArray: PostgresNonThrowingEncodable {
    var values: [Int?]
    init(_ values: [Int?]) { self.values = values }

    static var psqlType: PostgresDataType { .int4Array }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        PostgresArrayWire.header(into: &buffer, count: values.count, hasNull: values.contains(nil), element: .int4)
        for value in values {
            if let value {
                buffer.writeInteger(Int32(4))
                buffer.writeInteger(Int32(truncatingIfNeeded: value))
            } else {
                buffer.writeInteger(Int32(-1))
            }
        }
    }
}

enum PostgresArrayWire {
    /// Dimensions, the null flag, the element type, then the one dimension's length and lower bound.
    static func header(into buffer: inout ByteBuffer, count: Int, hasNull: Bool, element: PostgresDataType) {
        buffer.writeInteger(Int32(count == 0 ? 0 : 1))
        buffer.writeInteger(Int32(hasNull ? 1 : 0))
        buffer.writeInteger(element.rawValue)
        guard count > 0 else { return }
        buffer.writeInteger(Int32(count))
        buffer.writeInteger(Int32(1))
    }
}
