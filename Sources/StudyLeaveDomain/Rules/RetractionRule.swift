/// Corrections (CLI.md `retract`): an event stops counting from the retraction's position on.
/// An event that is the ground of a later live event cannot be retracted until that one is.
extension Decider {
    func retract(_ target: Event, reason: String) throws(Refusal) -> [NewEvent] {
        if case .eventRetracted = target.data { throw .retractionOfRetraction(position: target.position) }
        // Who could read what, when, stays in the history: access ends by revocation.
        switch target.data {
        case .accessGranted(let g, _, _, _), .accessRevoked(let g, _): throw .accessNotRetractable(position: target.position, grant: g)
        default: break
        }
        if let by = world.retracted[target.position] { throw .alreadyRetracted(position: target.position, by: by) }
        if let dependent = dependents(of: target).first {
            throw .retractionLeavesOrphan(position: target.position, type: target.data.type,
                                          dependent: dependent.position, dependentType: dependent.data.type)
        }
        // A withdrawal's retraction takes the quota place back: it must still be free.
        if case .applicationWithdrawn(let x, let p) = target.data, let app = world.applications[x], let a = app.approval,
           QuotaRule.isCounted(app.mode, policy: policies.forQuota(year: a.year)),
           let refusal = QuotaRule.checkApproval(person: p, agency: a.agency, year: a.year, world: world, policy: policies.forQuota(year: a.year)) {
            throw refusal
        }
        return [NewEvent(on: on, tags: target.tags, data: .eventRetracted(position: target.position, type: target.data.type, reason: reason))]
    }

    /// The live events that rest on `target`, earliest first.
    func dependents(of target: Event) -> [Event] {
        let others = world.live.values.filter { $0.position != target.position }.sorted { $0.position < $1.position }
        let later = others.filter { $0.position > target.position }
        func ofApplication(_ x: String, _ match: (EventData) -> Bool) -> [Event] {
            others.filter { $0.data.application == x && match($0.data) }
        }
        switch target.data {
        case .agencyAdded(let a, _, _):
            return others.filter { e in
                switch e.data {
                case .headcountSet(let b, _, _): b == a
                case .personAdded(_, _, let b, _, _): b == a
                case .agencyAdded(_, _, let parent): parent == a
                case .personTransferred(_, let from, let to, _, _): from == a || to == a
                default: false
                }
            }
        case .headcountSet(let a, let year, _):
            let key = QuotaKey(agency: a, year: year)
            let otherHeadcount = others.contains { if case .headcountSet(a, year, _) = $0.data { true } else { false } }
            if otherHeadcount || world.headcounts[key] == nil { return [] }
            return others.filter { if case .applicationApproved(_, _, _, a, year) = $0.data { true } else { false } }
        case .personAdded(let p, _, _, _, _):
            return others.filter { $0.data.person == p }
        case .personTransferred(let p, _, _, _, _):
            return later.filter { $0.data.person == p }
        case .personSeparated(let p, _, _, _):
            return others.filter { if case .liabilityWaived(_, p, _) = $0.data { true } else { false } }
        case .applicationSubmitted(let s):
            return others.filter { $0.data.application == s.application }
        case .applicationReviewed(let x, _, _), .applicationScreened(let x, _, _):
            return ofApplication(x) { if case .applicationApproved = $0 { true } else { false } }
        case .applicationApproved(let x, _, _, _, _):
            return ofApplication(x) { d in
                switch d {
                case .leaveStarted, .leaveExtended, .paymentRecorded, .liabilityWaived: true
                default: false
                }
            }
        case .leaveStarted(let x, _):
            return ofApplication(x) { if case .leaveEnded = $0 { true } else { false } }
        case .leaveExtended(let x, _, _, _):
            let laterExtensions = later.filter { if case .leaveExtended(x, _, _, _) = $0.data { true } else { false } }
            if !laterExtensions.isEmpty { return laterExtensions }
            guard let app = world.applications[x], let end = app.leaveEnd else { return [] }
            let remainingTo = app.extensions.filter { $0.ref.position != target.position }.last?.until ?? app.submission.to
            return end.on > remainingTo ? others.filter { $0.position == end.position } : []
        case .leaveEnded(let x, _):
            return ofApplication(x) { if case .returnedToDuty = $0 { true } else { false } }
        case .returnedToDuty(let x, let p):
            return later.filter { e in
                switch e.data {
                case .servicePaused(p, _), .serviceResumed(p): true
                case .liabilityWaived(x, _, _): true
                default: false
                }
            }
        case .servicePaused(let p, _):
            guard let resume = later.first(where: { if case .serviceResumed(p) = $0.data { true } else { false } }) else { return [] }
            return [resume]
        case .headAppointed(_, let p, _, _):
            // The decisions the head made rest on the appointment.
            return later.filter { e in
                switch e.data {
                case .applicationApproved(_, _, p, _, _), .applicationRejected(_, _, p, _), .leaveExtended(_, _, _, p): true
                default: false
                }
            }
        case .courseAdded(let c):
            return others.filter { if case .attendanceRecorded(c.course, _, _, _) = $0.data { true } else { false } }
        case .applicationRejected, .applicationWithdrawn, .paymentRecorded, .serviceResumed, .liabilityWaived, .eventRetracted,
             .attendanceRecorded, .hoursRequired, .policyAdopted, .accessGranted, .accessRevoked:
            return []
        }
    }
}
