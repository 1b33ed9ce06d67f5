/// A read token given to an agency for the web view (CLI.md, A read-only web view): who may read
/// which agencies' figures. Only the token's hash is in the ledger; the token is shown once.
public struct AccessGrant: Equatable, Sendable {
    /// The grant's id (`G1`, `G2`, …), the one `access revoke` names.
    public let id: String
    /// The agency whose figures, and those of every agency below it, the token reads.
    public let agency: String
    /// Who the token is for, in the granting officer's words ("Taoyuan HR office, browser").
    public let label: String
    /// SHA-256 of the token, lowercase hex (`AccessToken.isHash`).
    public let tokenHash: String
    public let granted: Ref
    /// The revocation, once recorded: the token reads nothing from then on.
    public var revoked: Ref?

    public init(id: String, agency: String, label: String, tokenHash: String, granted: Ref, revoked: Ref? = nil) {
        self.id = id; self.agency = agency; self.label = label; self.tokenHash = tokenHash
        self.granted = granted; self.revoked = revoked
    }

    /// Whether the token still reads anything.
    public var isActive: Bool { revoked == nil }

    /// The id of the grant that follows `count` grants: G1, G2, … (ids are never reused: a grant
    /// is ended by a revocation, not retracted).
    public static func id(after count: Int) -> String { "G" + String(count + 1) }
}

/// The reach of a grant: its agency and every agency below it, down the parent chain (CLI.md:
/// "a token of agency A reads A and every agency below it, nothing else").
public enum AccessScope {
    /// Whether `agency` is `root` or lies below it; `parents` maps each agency the ledger knows to
    /// its parent (nil for none). A chain that loops or names an unknown agency ends the walk:
    /// nothing outside the chain is reached.
    public static func covers(_ root: String, _ agency: String, parents: [String: String?]) -> Bool {
        var current: String? = agency
        var seen = Set<String>()
        while let a = current, seen.insert(a).inserted, let parent = parents[a] {
            if a == root { return true }
            current = parent
        }
        return false
    }

    /// Every agency `root` covers, itself first, then the rest by id; none for an unknown root.
    public static func agencies(under root: String, parents: [String: String?]) -> [String] {
        guard parents[root] != nil else { return [] }
        let below = parents.keys.filter { $0 != root && covers(root, $0, parents: parents) }.sorted()
        return [root] + below
    }
}

/// What the ledger keeps of a token: its hash, in one form.
public enum AccessToken {
    /// How many hex digits a SHA-256 hash has.
    public static let hashLength = 64

    /// A SHA-256 hash as stored: 64 lowercase hex digits.
    public static func isHash(_ s: String) -> Bool {
        s.utf8.count == hashLength && s.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
