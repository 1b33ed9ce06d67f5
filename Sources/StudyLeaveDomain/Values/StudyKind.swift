/// RULES.md §1: how a study takes the working time.
public enum StudyMode: String, CaseIterable, Sendable {
    case fullTime = "full-time"     // 全時進修
    case partTime = "part-time"     // 部分辦公時間進修
    case offHours = "off-hours"     // 公餘進修

    /// Decision (RULES.md §1): only full-time study takes the person off duty (study leave);
    /// part-time study keeps them on duty, and off-hours study takes no working time.
    public var isStudyLeave: Bool { self == .fullTime }

    /// The modes whose leave is study leave (`isStudyLeave`).
    public static var studyLeaveModes: Set<StudyMode> { Set(allCases.filter(\.isStudyLeave)) }
}

/// RULES.md §1: who sends the person.
public enum Sponsorship: String, CaseIterable, Sendable {
    case selected   // 選送
    case `self`     // 自行申請
}

/// RULES.md §1: what a full-time study abroad pursues.
public enum Programme: String, CaseIterable, Sendable {
    case degree, credits, research
}

/// CLI.md: `person separate --reason`.
public enum SeparationReason: String, CaseIterable, Sendable {
    case resignation, retirement, dismissal, death, other
}

/// What can be said of an identifier the user typed.
public enum Identifier {
    /// Combining marks, conjoining Hangul jamo and compatibility letters: the code points that
    /// canonical normalisation (NFC) composes into or replaces with another.
    static func spelledTwoWays(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: break
        }
        switch s.value {
        case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF,   // conjoining jamo
             0xF900...0xFAFF, 0x2F800...0x2FA1F,                  // CJK compatibility ideographs
             0x2126, 0x212A, 0x212B:                               // Ohm, Kelvin, Angstrom signs
            return true
        default:
            return false
        }
    }

    /// Ids are 1–64 characters: letters (any script), digits, and `-`, `_`, `.`; no spaces
    /// or colons, so that a tag such as `person:P` reads one way only.
    public static func problem(with id: String) -> String? {
        // Fast path: plain ASCII ids (the common case, checked millions of times in a rebuild).
        var bytes = id
        let ascii = bytes.withUTF8 { utf8 in
            utf8.allSatisfy { b in
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
                default: false
                }
            }
        }
        if ascii && !id.isEmpty && id.utf8.count <= 64 { return nil }
        if id.isEmpty { return "an id cannot be empty" }
        if id.count > 64 { return "an id has at most 64 characters" }
        for ch in id.unicodeScalars {
            let ok = ch.properties.isAlphabetic || ("0"..."9").contains(ch) || ch == "-" || ch == "_" || ch == "."
            if !ok { return "'\(id)' has a character an id cannot hold ('\(ch)'): use letters, digits, '-', '_' or '.'" }
            // One spelling per id: letters that Unicode composes or replaces (NFC) are refused, so
            // that two spellings of one name can never be two ids (the ledger compares bytes).
            if Identifier.spelledTwoWays(ch) {
                return "'\(id)' holds a letter that has another spelling (U+\(String(ch.value, radix: 16, uppercase: true))): type it in its composed form"
            }
        }
        return nil
    }
}
