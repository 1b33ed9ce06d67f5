import Foundation
import Testing
@testable import StudyLeaveOutput

/// The ODF container and content, read back byte by byte (LibreOffice reads them in the CLI tests).
@Suite("ODSWriter: an ODF spreadsheet's container and content")
struct ODSWriterTests {
    let sheet = Spreadsheet(sheets: [
        Sheet(name: "Quota: 2025", headers: ["Agency", "Used", "From"],
              rows: [[.text(#"=HYPERLINK("http://evil","x")"#), .number("-1"), .date("2025-09-01")], [.text("<script>&"), .number("12.5"), .empty]]),
        Sheet(name: "Second", headers: ["A"], rows: []),
    ])

    @Test("the mimetype comes first, stored, as ODF's container asks; then the manifest, styles and content")
    func container() throws {
        let data = try ODSWriter.data(sheet)
        // A local file header: signature, version, flags, method 0 (stored), then the name at 30.
        #expect(data.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
        #expect(data[8] == 0 && data[9] == 0)
        let name = String(decoding: data[30..<38], as: UTF8.self)
        #expect(name == "mimetype")
        #expect(String(decoding: data[38..<(38 + 46)], as: UTF8.self) == "application/vnd.oasis.opendocument.spreadsheet")
        for entry in ["META-INF/manifest.xml", "styles.xml", "content.xml"] {
            #expect(data.range(of: Data(entry.utf8)) != nil, "\(entry)")
        }
    }

    @Test("cells are typed; text is escaped and never a formula; sheet names are made safe")
    func content() throws {
        let xml = String(decoding: try XMLContent.encode(sheet), as: UTF8.self)
        #expect(xml.contains(#"table:name="Quota_ 2025""#))
        #expect(xml.contains(#"office:value-type="float" office:value="-1""#) || xml.contains(#"office:value="-1" office:value-type="float""#))
        #expect(xml.contains(#"office:date-value="2025-09-01""#))
        #expect(xml.contains("&lt;script&gt;&amp;"))
        #expect(xml.contains("=HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)") || xml.contains(#"=HYPERLINK("http://evil","x")"#))
        #expect(!xml.contains("table:formula"))
    }
}
