/// Splits a command line as a POSIX shell would: spaces separate words; '…' quotes literally;
/// "…" quotes with \ escapes; \ outside quotes escapes one character. The demo replays its seed
/// stories with it, and the documentation test its examples.
public enum ShellWords {
    public struct Unbalanced: Error, Equatable {}

    public static func split(_ line: String) throws(Unbalanced) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        var escape = false
        for ch in line {
            if escape { current.append(ch); escape = false; continue }
            if let q = quote {
                if ch == q { quote = nil } else if ch == "\\" && q == "\"" { escape = true } else { current.append(ch) }
                continue
            }
            switch ch {
            case "\\": escape = true; inWord = true
            case "'", "\"": quote = ch; inWord = true
            case " ", "\t":
                if inWord { words.append(current); current = ""; inWord = false }
            default: current.append(ch); inWord = true
            }
        }
        if quote != nil || escape { throw Unbalanced() }
        if inWord { words.append(current) }
        return words
    }
}
