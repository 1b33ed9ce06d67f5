import Foundation
import XMLCoder
import ZIPFoundation

/// Writes a `Spreadsheet` as an ODF spreadsheet (.ods, ODF-CNS15251, the Taiwan government's
/// document standard): the zip container (ZIPFoundation) with its `mimetype` first and stored,
/// the manifest, the styles (the date formats) and content.xml (XMLCoder).
public enum ODSWriter {
    public struct Failure: Error, Sendable { public let message: String }

    /// The file's bytes.
    public static func data(_ spreadsheet: Spreadsheet, dates: DateDisplay = .iso) throws(Failure) -> Data {
        let content = try XMLContent.encode(spreadsheet, dates: dates)
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            // ODF 1.2 part 3 §3.3: the first entry, uncompressed, so that its type can be read at a fixed place.
            try add(archive, "mimetype", Data(mimeType.utf8), compressed: false)
            try add(archive, "META-INF/manifest.xml", Data(manifest.utf8), compressed: true)
            try add(archive, "styles.xml", Data(styles.utf8), compressed: true)
            try add(archive, "content.xml", content, compressed: true)
            guard let data = archive.data else { throw Failure(message: "the spreadsheet's archive is empty") }
            return data
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "the spreadsheet's archive could not be written: \(error)")
        }
    }

    static func add(_ archive: Archive, _ path: String, _ data: Data, compressed: Bool) throws {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                             modificationDate: Date(timeIntervalSince1970: 0),
                             compressionMethod: compressed ? .deflate : .none) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    static func table(_ sheet: Sheet, dates: DateDisplay) -> ODSContent.Table {
        let header = ODSContent.Row(cells: sheet.headers.map { .init(valueType: "string", style: "Header", paragraph: .init(text: $0)) })
        let rows = sheet.rows.map { row in ODSContent.Row(cells: row.map { cell($0, dates: dates) }) }
        return ODSContent.Table(name: sheet.name, rows: [header] + rows)
    }

    static func cell(_ c: Cell, dates: DateDisplay) -> ODSContent.TableCell {
        switch c {
        case .text(let s): return .init(valueType: "string", paragraph: .init(text: s))
        case .number(let n): return .init(valueType: "float", value: n, paragraph: .init(text: n))
        case .date(let iso): return .init(valueType: "date", dateValue: iso, style: dates == .roc ? "ROCDate" : "ISODate", paragraph: .init(text: iso))
        case .empty: return .init()
        }
    }

    static let mimeType = "application/vnd.oasis.opendocument.spreadsheet"

    static let manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
         <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
         <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
         <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
        </manifest:manifest>
        """

    /// The common styles: bold headers, and days shown as 2025-09-01 or, in the ROC calendar, 114/09/01.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2">
         <office:styles>
          <number:date-style style:name="ISODateFormat">
           <number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/>
          </number:date-style>
          <number:date-style style:name="ROCDateFormat" number:language="zh" number:country="TW">
           <number:year number:style="long" number:calendar="ROC"/><number:text>/</number:text><number:month number:style="long" number:calendar="ROC"/><number:text>/</number:text><number:day number:style="long" number:calendar="ROC"/>
          </number:date-style>
          <style:style style:name="ISODate" style:family="table-cell" style:data-style-name="ISODateFormat"/>
          <style:style style:name="ROCDate" style:family="table-cell" style:data-style-name="ROCDateFormat"/>
          <style:style style:name="Header" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>
         </office:styles>
        </office:document-styles>
        """
}

/// content.xml's bytes, from the sheets.
enum XMLContent {
    static func encode(_ spreadsheet: Spreadsheet, dates: DateDisplay = .iso) throws(ODSWriter.Failure) -> Data {
        do {
            return try XMLEncoder().encode(ODSContent(body: .init(spreadsheet: .init(tables: spreadsheet.sheets.map { ODSWriter.table($0, dates: dates) }))),
                                           withRootKey: "office:document-content", rootAttributes: ODSContent.namespaces,
                                           header: XMLHeader(version: 1.0, encoding: "UTF-8"))
        } catch {
            throw ODSWriter.Failure(message: "the spreadsheet could not be written: \(error)")
        }
    }
}
