/// CLI.md, A read-only web view: grants and revocations of read tokens are events, so who was
/// given access when is in the history.
extension Decider {
    /// `access grant`: a new grant for an agency the ledger knows, numbered after every grant so far.
    func grantAccess(_ a: String, label: String, tokenHash: String) throws(Refusal) -> [NewEvent] {
        _ = try agency(a)
        if let same = world.grants.values.first(where: { $0.tokenHash == tokenHash }) {
            throw .invalidValue("that token is already grant \(same.id); a new grant needs a new token")
        }
        let id = AccessGrant.id(after: world.grants.count)
        return [NewEvent(on: on, tags: [Tag.access], data: .accessGranted(grant: id, agency: a, label: label, tokenHash: tokenHash))]
    }

    /// `access revoke`: the token reads nothing from the revocation on.
    func revokeAccess(_ id: String) throws(Refusal) -> [NewEvent] {
        guard let grant = world.grants[id] else { throw .unknownGrant(id) }
        if let r = grant.revoked { throw .alreadyRevoked(grant: id, position: r.position) }
        try notBefore(grant.granted, "the revocation of \(id)", ground: "its grant")
        return [NewEvent(on: on, tags: [Tag.access], data: .accessRevoked(grant: id, agency: grant.agency))]
    }
}
