import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

/// A person's page (CLI.md): status, obligation and the timeline picture, for a token that reads
/// the agency the person serves in on the as-of day.
extension Site {
    /// The person's status, after checking the token reads their agency (404 for no such person).
    func status(_ p: String, _ q: PageQuery, _ reader: AccessReader, _ ledger: Ledger) async throws -> StatusReport {
        guard Identifier.problem(with: p) == nil else { throw WebError.notFound("no person \(p)", zh: "查無人員 \(p)") }
        let status = try await inWebTerms { () throws(AppError) in try await Queries(ledger: ledger).status(person: p, at: q.time) }
        guard reader.reads(status.agency) else { throw WebError.outside }
        return status
    }

    /// `/people/P`: `status P` and `obligation P`, and the timeline.
    func personPage(_ p: String, _ q: PageQuery, _ reader: AccessReader, _ ledger: Ledger) async throws -> PageModel {
        let status = try await self.status(p, q, reader, ledger)
        let obligation = try await inWebTerms { () throws(AppError) in try await Queries(ledger: ledger).obligation(person: p, at: q.time) }
        let s = Answers.status(status, q.wording), o = Answers.obligation(obligation, explain: false, q.wording)
        let base = "/people/" + PageQuery.escape(p)
        return PageModel(
            title: "\(status.name) (\(status.person))", json: ["status": s.json, "obligation": o.json],
            sections: [Section(name: "status", title: WebWords.t("Applications", q.lang), report: s.report),
                       Section(name: "obligation", title: WebWords.t("Service owed", q.lang), report: o.report)],
            image: (base + "/timeline.svg" + q.query([("table", nil), ("format", nil)]), "\(WebWords.t("Timeline", q.lang)): \(status.name)"),
            agency: status.agency, fileName: p)
    }

    /// `/people/P/timeline.svg`: `timeline P` as a picture.
    func timelineSVG(_ p: String, _ q: PageQuery, _ reader: AccessReader, _ ledger: Ledger) async throws -> String {
        _ = try await status(p, q, reader, ledger)
        let t = try await inWebTerms { () throws(AppError) in try await Queries(ledger: ledger).timeline(person: p, at: q.time) }
        return TimelineSVG(timeline: t, wording: q.wording).render()
    }
}
