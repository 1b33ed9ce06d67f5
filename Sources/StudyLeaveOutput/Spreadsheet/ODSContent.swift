import XMLCoder

/// content.xml of an ODF spreadsheet (ODF 1.2, OpenDocument-v1.2-part1 §9), as XMLCoder writes it
/// from these values: every text escaped by the encoder, none of it markup.
struct ODSContent: Encodable, DynamicNodeEncoding {
    var version = "1.2"
    var body: Body

    enum CodingKeys: String, CodingKey {
        case version = "office:version"
        case body = "office:body"
    }

    static func nodeEncoding(for key: CodingKey) -> XMLEncoder.NodeEncoding {
        key.stringValue == CodingKeys.version.rawValue ? .attribute : .element
    }

    /// The namespaces content.xml uses.
    static let namespaces: [String: String] = [
        "xmlns:office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "xmlns:table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "xmlns:text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "xmlns:style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "xmlns:number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
        "xmlns:fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    ]

    struct Body: Encodable {
        var spreadsheet: SpreadsheetElement
        enum CodingKeys: String, CodingKey { case spreadsheet = "office:spreadsheet" }
    }

    struct SpreadsheetElement: Encodable {
        var tables: [Table]
        enum CodingKeys: String, CodingKey { case tables = "table:table" }
    }

    struct Table: Encodable, DynamicNodeEncoding {
        var name: String
        var rows: [Row]
        enum CodingKeys: String, CodingKey {
            case name = "table:name"
            case rows = "table:table-row"
        }
        static func nodeEncoding(for key: CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue == CodingKeys.name.rawValue ? .attribute : .element
        }
    }

    struct Row: Encodable {
        var cells: [TableCell]
        enum CodingKeys: String, CodingKey { case cells = "table:table-cell" }
    }

    struct TableCell: Encodable, DynamicNodeEncoding {
        var valueType: String?
        var value: String?
        var dateValue: String?
        var style: String?
        var paragraph: Paragraph?

        enum CodingKeys: String, CodingKey {
            case valueType = "office:value-type"
            case value = "office:value"
            case dateValue = "office:date-value"
            case style = "table:style-name"
            case paragraph = "text:p"
        }

        static func nodeEncoding(for key: CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue == CodingKeys.paragraph.rawValue ? .element : .attribute
        }
    }

    struct Paragraph: Encodable {
        var text: String
        enum CodingKeys: String, CodingKey { case text = "" }
    }
}
