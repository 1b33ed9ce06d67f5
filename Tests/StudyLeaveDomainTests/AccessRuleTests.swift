import Testing
@testable import StudyLeaveDomain

/// CLI.md, A read-only web view: read tokens granted and revoked as events; a token of agency A
/// reads A and every agency below it, nothing else.
@Suite("Access to the web view: grants, revocations, reach")
struct AccessRuleTests {
    static let hashA = String(repeating: "a", count: 64)
    static let hashB = String(repeating: "b", count: 64)

    func offices() -> History {
        var h = History()
        h.given(.addAgency(id: "GOV", name: "市政府", parent: nil), on: "2025-01-01")
        h.given(.addAgency(id: "HR", name: "人事處", parent: "GOV"), on: "2025-01-01")
        h.given(.addAgency(id: "HR-1", name: "人事處一科", parent: "HR"), on: "2025-01-01")
        h.given(.addAgency(id: "IT", name: "資訊處", parent: "GOV"), on: "2025-01-01")
        return h
    }

    @Test("grants are numbered G1, G2, … and keep the agency, the label and the token's hash")
    func grants() throws {
        var h = offices()
        let first = h.given(.grantAccess(agency: "HR", label: "HR office", tokenHash: Self.hashA), on: "2025-02-01")
        let second = h.given(.grantAccess(agency: "GOV", label: "city", tokenHash: Self.hashB), on: "2025-02-01")
        #expect(first.map(\.data) == [.accessGranted(grant: "G1", agency: "HR", label: "HR office", tokenHash: Self.hashA)])
        #expect(second.map(\.data) == [.accessGranted(grant: "G2", agency: "GOV", label: "city", tokenHash: Self.hashB)])
        #expect(first[0].tags == [Tag.access])
        let g = try #require(h.world().grants["G1"])
        #expect(g.isActive && g.agency == "HR" && g.granted.position == first[0].position)
    }

    @Test("a grant needs a known agency, a label, a hash of the stored form, and a token not granted before")
    func grantRefusals() {
        var h = offices()
        #expect(throws: Refusal.unknownAgency("NOPE")) { try h.decide(.grantAccess(agency: "NOPE", label: "x", tokenHash: Self.hashA), on: day("2025-02-01")) }
        #expect(throws: Refusal.self) { try h.decide(.grantAccess(agency: "HR", label: "", tokenHash: Self.hashA), on: day("2025-02-01")) }
        #expect(throws: Refusal.self) { try h.decide(.grantAccess(agency: "HR", label: "x", tokenHash: "ABC"), on: day("2025-02-01")) }
        #expect(throws: Refusal.self) { try h.decide(.grantAccess(agency: "HR", label: "x", tokenHash: String(repeating: "A", count: 64)), on: day("2025-02-01")) }
        h.given(.grantAccess(agency: "HR", label: "x", tokenHash: Self.hashA), on: "2025-02-01")
        #expect(throws: Refusal.invalidValue("that token is already grant G1; a new grant needs a new token")) {
            try h.decide(.grantAccess(agency: "IT", label: "y", tokenHash: Self.hashA), on: day("2025-02-02"))
        }
    }

    @Test("a revocation ends a grant once; an unknown grant is bad data; neither is retracted")
    func revocations() throws {
        var h = offices()
        h.given(.grantAccess(agency: "HR", label: "x", tokenHash: Self.hashA), on: "2025-02-01")
        #expect(throws: Refusal.unknownGrant("G9")) { try h.decide(.revokeAccess(grant: "G9"), on: day("2025-03-01")) }
        #expect(Refusal.unknownGrant("G9").isBadData)
        #expect(throws: Refusal.self) { try h.decide(.revokeAccess(grant: "G1"), on: day("2025-01-15")) }
        let revoked = h.given(.revokeAccess(grant: "G1"), on: "2025-03-01")
        #expect(revoked.map(\.data) == [.accessRevoked(grant: "G1", agency: "HR")])
        #expect(h.world().grants["G1"]?.isActive == false)
        #expect(throws: Refusal.alreadyRevoked(grant: "G1", position: revoked[0].position)) { try h.decide(.revokeAccess(grant: "G1"), on: day("2025-03-02")) }
        let grant = h.last("AccessGranted")
        #expect(throws: Refusal.accessNotRetractable(position: grant.position, grant: "G1")) {
            try h.decide(.retract(target: grant, reason: "oops"), on: day("2025-03-02"))
        }
        #expect(throws: Refusal.accessNotRetractable(position: revoked[0].position, grant: "G1")) {
            try h.decide(.retract(target: revoked[0], reason: "oops"), on: day("2025-03-02"))
        }
        // Ids are never reused: the next grant is G2.
        #expect(try h.decide(.grantAccess(agency: "HR", label: "new", tokenHash: Self.hashB), on: day("2025-03-02")).map(\.data)
                == [.accessGranted(grant: "G2", agency: "HR", label: "new", tokenHash: Self.hashB)])
    }

    @Test("a grant reaches its agency and every agency below it, not its parent or siblings")
    func reach() {
        let parents: [String: String?] = ["GOV": nil, "HR": "GOV", "HR-1": "HR", "IT": "GOV"]
        #expect(AccessScope.agencies(under: "HR", parents: parents) == ["HR", "HR-1"])
        #expect(AccessScope.agencies(under: "GOV", parents: parents) == ["GOV", "HR", "HR-1", "IT"])
        #expect(AccessScope.agencies(under: "HR-1", parents: parents) == ["HR-1"])
        #expect(AccessScope.agencies(under: "NOPE", parents: parents) == [])
        #expect(!AccessScope.covers("HR", "GOV", parents: parents))
        #expect(!AccessScope.covers("HR", "IT", parents: parents))
        #expect(!AccessScope.covers("HR", "NOPE", parents: parents))
    }

    @Test("a parent chain that loops or breaks reaches nothing outside it")
    func brokenChains() {
        let loop: [String: String?] = ["A": "B", "B": "A", "C": "GONE"]
        #expect(!AccessScope.covers("X", "A", parents: loop))
        #expect(AccessScope.covers("B", "A", parents: loop))
        #expect(!AccessScope.covers("GONE", "C", parents: loop))
    }

    @Test("an imported grant whose hash is not of the stored form is refused, naming the field")
    func importedHash() {
        let bad = #"{"agency":"HR","grant":"G1","label":"x","tokenHash":"ABC"}"#
        #expect(throws: EventCodec.Problem(message: "AccessGranted data field 'tokenHash' must be 64 lowercase hex digits")) {
            try EventCodec.decode(type: "AccessGranted", version: 1, payloadText: bad)
        }
    }

    @Test("the stored form of a token's hash is 64 lowercase hex digits")
    func hashForm() {
        #expect(AccessToken.isHash(Self.hashA))
        #expect(!AccessToken.isHash(String(repeating: "a", count: 63)))
        #expect(!AccessToken.isHash(String(repeating: "g", count: 64)))
        #expect(!AccessToken.isHash(String(repeating: "A", count: 64)))
    }
}
