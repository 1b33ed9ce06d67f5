/// The bounds of an event row's own fields (who recorded it, the request id of the write): every
/// store's append and every import check them here, so that every ledger the tool accepts
/// exports and imports back.
public enum RowLimits {
    /// An actor or a request id holds 1 to this many characters.
    public static let characters = 200

    /// Who recorded the event: 1 to 200 characters.
    public static func isActor(_ s: String) -> Bool { isField(s) }

    /// A write's request id: 1 to 200 characters.
    public static func isRequestId(_ s: String) -> Bool { isField(s) }

    static func isField(_ s: String) -> Bool {
        !s.isEmpty && (s.utf8.count <= characters || s.count <= characters)
    }
}
