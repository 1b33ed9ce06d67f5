import Crypto
import StudyLeaveDomain
import StudyLeaveLedger

/// A line of `access list`: a grant with who recorded it and when; never the token or its hash.
public struct AccessLine: Equatable, Sendable {
    public var grant: AccessGrant
    public var agencyName: String
    public var grantedBy: String
    public var grantedAt: String
    public var revokedAt: String?
}

/// Who a token lets read: its grant and the agencies it covers (the grant's and all below it).
public struct AccessReader: Equatable, Sendable {
    public var grant: AccessGrant
    /// The agencies the token reads, its own first.
    public var agencies: [String]

    /// Whether the token reads `agency`'s figures.
    public func reads(_ agency: String) -> Bool { agencies.contains(agency) }
}

/// The web view's access (CLI.md, A read-only web view): read tokens granted and revoked as
/// events by the CLI, checked by the server. The token is made here and shown once; the ledger
/// keeps only its SHA-256.
public struct Access: Sendable {
    public let ledger: Ledger
    public init(ledger: Ledger) { self.ledger = ledger }

    var store: any LedgerStore { ledger.store }

    /// What every token starts with, so that one pasted into a chat or a log is recognised.
    public static let tokenPrefix = "slv_"

    /// A new token: 32 random bytes from the system's secure generator, base64url without padding.
    public static func newToken() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return tokenPrefix + Base64URL.encode(bytes)
    }

    /// The token's SHA-256 as the ledger stores it (`AccessToken.isHash`).
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// `access grant`: records the grant of a new token and returns it with the token, which is
    /// nowhere else from then on.
    public func grant(agency: String, label: String, actor: String, on: CivilDate, requestId: String? = nil) async throws(AppError) -> (Recorded, token: String) {
        let token = Self.newToken()
        let recorded = try await Recorder(ledger: ledger, actor: actor)
            .record(.grantAccess(agency: agency, label: label, tokenHash: Self.hash(token)), on: on, requestId: requestId)
        return (recorded, token)
    }

    /// `access list`: every grant as known at the moment, revoked ones too, in the order granted.
    public func list(at time: QueryTime) async throws(AppError) -> [AccessLine] {
        let (world, _, events) = try await Queries(ledger: ledger).slice([Tag.access], time)
        let names = try await agencyNames()
        func recorded(_ ref: Ref?) -> Event? { ref.flatMap { r in events.first { $0.position == r.position } } }
        return world.grants.values.sorted { $0.granted.position < $1.granted.position }.map { g in
            let granted = recorded(g.granted)
            return AccessLine(grant: g, agencyName: names[g.agency] ?? "", grantedBy: granted?.actor ?? "",
                              grantedAt: granted?.recordedAt ?? "", revokedAt: recorded(g.revoked)?.recordedAt)
        }
    }

    /// The reader a token is, as the ledger stands now: nil for a token never granted or revoked.
    public func reader(token: String) async throws(AppError) -> AccessReader? {
        guard token.hasPrefix(Self.tokenPrefix), token.utf8.count < 200 else { return nil }
        let hash = Self.hash(token)
        let store = store
        let events = try await inAppTerms { () throws(LedgerError) in try await store.events(taggedAny: [Tag.access], through: try await store.head()) }
        guard let grant = World(events: events).grants.values.first(where: { $0.tokenHash == hash }), grant.isActive else { return nil }
        let agencies = try await inAppTerms { () throws(LedgerError) in try await store.agencyRows() }
        let parents = Dictionary(agencies.map { ($0.agency, $0.parent) }, uniquingKeysWith: { a, _ in a })
        return AccessReader(grant: grant, agencies: AccessScope.agencies(under: grant.agency, parents: parents))
    }

    /// Whether what a reader is may have changed since `position`: a grant or a revocation, or an
    /// agency added under another (or such an addition retracted), which moves a grant's reach.
    /// Other writes (people, studies, hours) leave every reader as it was.
    public func readersChanged(since position: Int64) async throws(AppError) -> Bool {
        let store = store
        let tags = try await inAppTerms { () throws(LedgerError) in try await store.tags(after: position) }
        return tags.contains { $0 == Tag.access || $0.hasPrefix(Tag.children("")) }
    }

    func agencyNames() async throws(AppError) -> [String: String] {
        let store = store
        let rows = try await inAppTerms { () throws(LedgerError) in try await store.agencyRows() }
        return Dictionary(rows.map { ($0.agency, $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}

/// RFC 4648 §5 base64url without padding: a token that travels in a header, a form and a URL as is.
enum Base64URL {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    static func encode(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            let n = (UInt32(b0) << 16) | (UInt32(b1) << 8) | UInt32(b2)
            let chars = [Int(n >> 18 & 63), Int(n >> 12 & 63), Int(n >> 6 & 63), Int(n & 63)].map { alphabet[$0] }
            out.append(contentsOf: chars.prefix(min(4, bytes.count - i + 1)))
            i += 3
        }
        return out
    }
}
