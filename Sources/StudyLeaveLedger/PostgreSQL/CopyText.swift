import NIOCore
import StudyLeaveDomain

/// Rows in COPY's text format (`FORMAT text`): columns split by tabs, rows ended by newlines,
/// NULL as `\N`, and in the values backslash, tab, newline and carriage return escaped. Rows are
/// gathered in one buffer and sent about a megabyte at a time.
struct CopyText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1 << 20) { bytes.reserveCapacity(capacity + 64 * 1024) }

    var count: Int { bytes.count }
    var isEmpty: Bool { bytes.isEmpty }

    /// The rows so far as a buffer to send; the text starts again empty.
    mutating func take() -> ByteBuffer {
        let buffer = ByteBuffer(bytes: bytes)
        bytes.removeAll(keepingCapacity: true)
        return buffer
    }

    /// A value, escaped: runs of plain bytes copied whole.
    mutating func field(_ value: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for i in 0..<value.count {
            let b = value[i]
            guard b == 92 || b == 9 || b == 10 || b == 13 else { continue }
            if i > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart..<i])) }
            bytes.append(92)
            bytes.append(b == 92 ? 92 : b == 9 ? UInt8(ascii: "t") : b == 10 ? UInt8(ascii: "n") : UInt8(ascii: "r"))
            runStart = i + 1
        }
        if value.count > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart...])) }
    }

    mutating func field(_ value: String) {
        var value = value
        value.withUTF8 { field($0) }
    }

    mutating func field(_ value: String?) {
        if let value { field(value) } else { null() }
    }

    mutating func field(_ value: Int64) { bytes.append(contentsOf: String(value).utf8) }
    mutating func field(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    mutating func field(_ value: Bool) { bytes.append(value ? UInt8(ascii: "t") : UInt8(ascii: "f")) }

    mutating func null() { bytes.append(92); bytes.append(UInt8(ascii: "N")) }

    /// Between two values of a row.
    mutating func tab() { bytes.append(9) }

    /// After a row's last value.
    mutating func end() { bytes.append(10) }
}

/// The projection rows as COPY text, in the tables' column order (`PostgresSchema`).
extension CopyText {
    mutating func row(_ r: AgencyRow) {
        field(r.agency); tab(); field(r.name); tab(); field(r.parent); end()
    }

    mutating func row(_ r: HeadcountRow) {
        field(r.agency); tab(); field(r.year); tab(); field(r.budgeted); end()
    }

    mutating func row(_ r: PersonRow) {
        field(r.person); tab(); field(r.name); tab(); field(r.agency); tab(); field(r.separatedOn?.iso); end()
    }

    mutating func row(_ r: ApplicationRow) {
        field(r.application); tab(); field(r.person); tab(); field(r.agency); tab(); field(r.mode.rawValue); tab()
        field(r.sponsor.rawValue); tab(); field(r.abroad); tab(); field(r.from.iso); tab(); field(r.to.iso); tab()
        field(r.approvedOn?.iso); tab(); field(r.approvedAgency); tab()
        if let year = r.approvedYear { field(year) } else { null() }
        tab(); field(r.rejectedOn?.iso); tab(); field(r.withdrawnOn?.iso); tab(); field(r.leaveStart?.iso); tab()
        field(r.leaveEnd?.iso); tab(); field(r.returnedOn?.iso); end()
    }
}
