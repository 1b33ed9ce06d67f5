import Testing
@testable import StudyLeaveDomain

@Suite("ProjectionFold: the rows behind country-wide reports")
struct ProjectionFoldTests {
    /// A fold holding the agencies, the person and both applications the samples name.
    func seeded() -> ProjectionFold {
        var fold = ProjectionFold()
        let seeds: Set<String> = ["AgencyAdded", "HeadcountSet", "PersonAdded", "ApplicationSubmitted"]
        for data in sampleEvents where seeds.contains(data.type) { fold.apply(data, on: day("2025-01-02")) }
        return fold
    }

    /// The event applied to an empty fold, and to the seeded one (before and after).
    func applied(_ data: EventData) -> (empty: ProjectionFold, before: ProjectionFold, after: ProjectionFold) {
        var empty = ProjectionFold()
        empty.apply(data, on: day("2025-10-01"))
        let before = seeded()
        var after = before
        after.apply(data, on: day("2025-10-01"))
        return (empty, before, after)
    }

    func same(_ a: ProjectionFold, _ b: ProjectionFold) -> Bool {
        a.agencies == b.agencies && a.headcounts == b.headcounts && a.people == b.people && a.applications == b.applications
    }

    @Test("the types a rebuild skips change no row", arguments: sampleEvents.filter {
        !ProjectionFold.changingTypes.contains($0.type) && $0.type != "EventRetracted"
    })
    func skippedTypesChangeNothing(data: EventData) {
        let before = seeded()
        var after = before
        after.apply(data, on: day("2025-10-01"))
        #expect(same(before, after))
    }

    @Test("the types a rebuild folds each change a row", arguments: sampleEvents.filter { ProjectionFold.changingTypes.contains($0.type) })
    func foldedTypesChangeARow(data: EventData) {
        // Master data changes an empty fold; the study's steps change the seeded applications.
        let (empty, before, after) = applied(data)
        #expect(!same(ProjectionFold(), empty) || !same(before, after))
    }

    @Test("changesRows agrees with changingTypes", arguments: sampleEvents)
    func changesRowsAgrees(data: EventData) {
        #expect(ProjectionFold.changesRows(data) == ProjectionFold.changingTypes.contains(data.type))
    }

    @Test("an application is closed once rejected, withdrawn or back at work, and not before")
    func closed() {
        var fold = seeded()
        #expect(fold.applications["A1"]?.isClosed == false)
        fold.apply(.applicationApproved(application: "A1", person: "Ann", by: "Boss", agency: "HR", year: 2025), on: day("2025-03-01"))
        fold.apply(.leaveStarted(application: "A1", person: "Ann"), on: day("2025-09-01"))
        fold.apply(.leaveEnded(application: "A1", person: "Ann"), on: day("2026-08-31"))
        #expect(fold.applications["A1"]?.isClosed == false)
        fold.apply(.returnedToDuty(application: "A1", person: "Ann"), on: day("2026-09-01"))
        #expect(fold.applications["A1"]?.isClosed == true)
        fold.apply(.applicationWithdrawn(application: "A2", person: "Ann"), on: day("2025-03-01"))
        #expect(fold.applications["A2"]?.isClosed == true)
    }

    @Test("a type changes exactly the kinds of row isChanged(byType:) names", arguments: sampleEvents.filter { $0.type != "EventRetracted" })
    func kindsOfRowChanged(data: EventData) {
        let (empty, before, after) = applied(data)
        let agencies = before.agencies != after.agencies || before.headcounts != after.headcounts || !empty.agencies.isEmpty || !empty.headcounts.isEmpty
        let people = before.people != after.people || !empty.people.isEmpty
        let applications = before.applications != after.applications || !empty.applications.isEmpty
        #expect(ProjectionKey.agency("HR").isChanged(byType: data.type) == agencies)
        #expect(ProjectionKey.person("Ann").isChanged(byType: data.type) == people)
        #expect(ProjectionKey.application("A1").isChanged(byType: data.type) == applications)
    }

    @Test("a retraction touches only the rows its target's type changes")
    func retractionKeys() {
        let retraction = Event(position: 9, on: day("2025-10-01"), recordedAt: "", actor: "", tags: ["application:A1", "person:Ann", "agency:HR"],
                               data: .eventRetracted(position: 4, type: "PaymentRecorded", reason: "typo"))
        #expect(ProjectionFold.keys(ofRetraction: retraction, targetType: "PaymentRecorded").isEmpty)
        #expect(ProjectionFold.keys(ofRetraction: retraction, targetType: "ApplicationApproved") == [.application("A1")])
        #expect(ProjectionFold.keys(ofRetraction: retraction, targetType: "PersonTransferred") == [.person("Ann")])
        #expect(ProjectionFold.keys(ofRetraction: retraction, targetType: "HeadcountSet") == [.agency("HR")])
    }
}
