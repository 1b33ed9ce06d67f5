/// The bounds of the values an event holds: the general decoder (`EventCodec`) and the fast one
/// (`CanonicalPayload`) read payloads within them, and `CommandValues` checks commands against
/// them, so that a change of bound is made here once.
public enum PayloadLimits {
    public static let year = 1...9999
    public static let budgeted = 0...10_000_000
    public static let hoursPerWeek = 0...168
    public static let money = 0...NTD.maximum
    public static let position = 1...Int(Int64.max)
    /// A text (a name, a reason) holds 1 to this many characters.
    public static let textCharacters = 1000

    public static func isText(_ s: String) -> Bool {
        !s.isEmpty && (s.utf8.count <= textCharacters || s.count <= textCharacters)
    }
}
