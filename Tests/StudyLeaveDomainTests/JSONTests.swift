import Testing
@testable import StudyLeaveDomain

@Suite("JSON: a strict parser and a canonical writer")
struct JSONTests {
    @Test("values parse to what they say")
    func parsesValues() throws {
        let v = try JSONParser.parse(#" { "a" : [1, -2, 3.5, 1e3, true, false, null], "b": "x\"y\\z\u00e9\ud83d\ude00" } "#)
        #expect(v == .object([
            "a": .array([.int(1), .int(-2), .number("3.5"), .number("1e3"), .bool(true), .bool(false), .null]),
            "b": .string("x\"y\\zé😀"),
        ]))
    }

    @Test("a whole number past 64 bits is kept as written, not as an Int")
    func bigNumbers() throws {
        #expect(try JSONParser.parse("9223372036854775807") == .int(Int.max))
        #expect(try JSONParser.parse("9223372036854775808") == .number("9223372036854775808"))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(Int.min))
    }

    @Test("the canonical form sorts keys, drops whitespace and escapes minimally")
    func canonical() throws {
        let v = try JSONParser.parse(#"{"b": 1, "a": {"z": [true, null], "y": "tab\there"}, "A": "\u0001"}"#)
        #expect(v.canonical == #"{"A":"\u0001","a":{"y":"tab\there","z":[true,null]},"b":1}"#)
    }

    @Test("parse(canonical(v)) == v, and the canonical text is a fixed point", arguments: [
        #"{"person":"王小明","n":-12,"x":1.25,"list":[{},[],"",null,false]}"#,
        #"["line\nbreak","quote\"","back\\slash","\u0000\u001f","😀","/"]"#,
        #"{"deep":[[[[{"k":[0]}]]]]}"#,
        "0", "\"\"", "[]", "{}",
    ])
    func roundTrip(text: String) throws {
        let v = try JSONParser.parse(text)
        let once = v.canonical
        #expect(try JSONParser.parse(once) == v)
        #expect(try JSONParser.parse(once).canonical == once)
    }

    @Test("malformed JSON is refused", arguments: [
        "[1,]", #"{"a":1,}"#, #"{"a":1 "b":2}"#, "", " ", "[", "{", #"{"a"}"#, #"{a:1}"#, "'x'", "01", "1.", ".5", "-",
        "1e", "+1", "tru", "nul", "[1] [2]", "\"unterminated", "\"tab\tinside\"", #""\x""#, #""\u12""#, #""\u12zz""#,
        "NaN", "[1,,2]", "// comment\n1",
    ])
    func rejects(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test("a key that appears twice is refused")
    func duplicateKey() {
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#) }
        #expect(error?.reason == "key 'a' appears twice")
    }

    @Test("invalid UTF-8 bytes in a string are refused", arguments: [
        [0x22, 0xFF, 0x22] as [UInt8],                 // a byte never valid in UTF-8
        [0x22, 0xC3, 0x22],                            // a lead byte without its continuation
        [0x22, 0xED, 0xA0, 0x80, 0x22],                // a surrogate encoded as UTF-8
        [0x22, 0xC0, 0xAF, 0x22],                      // an overlong '/'
        [0x22, 0x5C, 0x6E, 0xFF, 0x22],                // after an escape (the slow path)
    ])
    func invalidUTF8(bytes: [UInt8]) {
        var b = bytes
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes: &b) }
    }

    @Test("a lone surrogate escape is refused", arguments: [
        #""\ud800""#, #""\udc00""#, #""\ud800x""#, #""\ud800\u0041""#, #""\ud800\n""#,
    ])
    func loneSurrogate(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test("nesting is allowed to 64 levels and refused beyond")
    func nesting() throws {
        let sixtyFour = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        let sixtyFive = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        _ = try JSONParser.parse(sixtyFour)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(sixtyFive) }
        let objects = String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(objects) }
        // Far deeper than the limit must fail cleanly, not overflow the stack.
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    @Test("accessors answer only for their own kind")
    func accessors() {
        let v: JSONValue = ["s": "x", "i": 3, "b": true, "o": ["k": nil], "a": [1]]
        #expect(v["s"]?.stringValue == "x")
        #expect(v["i"]?.intValue == 3)
        #expect(v["s"]?.intValue == nil)
        #expect(v["b"]?.boolValue == true)
        #expect(v["o"]?.objectValue == ["k": .null])
        #expect(v["a"]?.arrayValue == [.int(1)])
        #expect(v["missing"] == nil)
        #expect(JSONValue.int(1)["k"] == nil)
        #expect(JSONValue.number("1.5").typeName == "a number")
    }
}
