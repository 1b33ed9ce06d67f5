/// Issue 16: an unknown id is most often a known one typed another way (`p01` for `P01`, `P01` for
/// `P-01`). Ids are compared with case, dashes, underscores, dots and spaces set aside.
public enum CloseIds {
    /// The id as compared: upper case, without separators.
    public static func key(_ id: String) -> String {
        String(id.uppercased().filter { !"-_. ".contains($0) })
    }

    /// The known ids that are `id` typed another way, sorted.
    public static func matching(_ id: String, among known: some Sequence<String>) -> [String] {
        let k = key(id)
        return known.filter { $0 != id && key($0) == k }.sorted()
    }
}
