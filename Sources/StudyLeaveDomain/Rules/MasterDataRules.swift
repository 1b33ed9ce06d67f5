/// RULES.md §1: agencies, headcounts and people. Ids are unique; what a record names must exist.
extension Decider {
    func addAgency(_ id: String, name: String, parent: String?) throws(Refusal) -> [NewEvent] {
        if world.agencies[id] != nil { throw .agencyExists(id) }
        var tags = [Tag.agency(id)]
        if let parent {
            _ = try agency(parent)
            tags.append(Tag.children(parent))
        }
        return [NewEvent(on: on, tags: tags, data: .agencyAdded(agency: id, name: name, parent: parent))]
    }

    /// 編制內預算員額 per calendar year; a later record for the same year replaces the earlier.
    func setHeadcount(_ a: String, year: Int, budgeted: Int) throws(Refusal) -> [NewEvent] {
        let agency = try agency(a)
        // Issue 16: a year before the agency existed is a typo (ROC 15 for 115), not a record.
        if year < agency.added.on.year { throw .headcountBeforeAgency(agency: a, year: year, added: agency.added.on) }
        return [NewEvent(on: on, tags: [Tag.agency(a), Tag.quota(a, year)],
                         data: .headcountSet(agency: a, year: year, budgeted: budgeted))]
    }

    /// One head per agency (機關首長).
    func addPerson(_ id: String, name: String, agency a: String, head: Bool, profile: PersonProfile) throws(Refusal) -> [NewEvent] {
        if world.people[id] != nil { throw .personExists(id) }
        _ = try agency(a)
        var tags = [Tag.person(id), Tag.member(a)]
        if head {
            if let current = world.heads[a] { throw .agencyHasHead(agency: a, head: current) }
            try notBefore(try agency(a).added, "a head", ground: "the day \(a) was added with 'agency add'")
            tags.append(Tag.head(a))
        }
        return [NewEvent(on: on, tags: tags, data: .personAdded(person: id, name: name, agency: a, head: head, profile: profile))]
    }

    /// Act 15 ¶2: a transfer carries the service obligation only when approved with it (商調).
    /// A head who transfers leaves the headship.
    func transfer(_ p: String, to: String, carry: Bool) throws(Refusal) -> [NewEvent] {
        let person = try serving(p)
        _ = try agency(to)
        if person.agency == to { throw .transferToSameAgency(person: p, agency: to) }
        try notBefore(person.added, "a transfer", ground: Self.joined(p))
        if let last = person.transfers.last { try notBefore(last.ref, "a transfer", ground: "the previous transfer") }
        let wasHead = world.heads[person.agency] == p
        var tags = [Tag.person(p), Tag.member(person.agency), Tag.member(to)]
        if wasHead { tags.append(Tag.head(person.agency)) }
        return [NewEvent(on: on, tags: tags, data: .personTransferred(person: p, from: person.agency, to: to, carryObligation: carry, wasHead: wasHead))]
    }

    /// The separation day is the first day no longer in service.
    func separate(_ p: String, reason: SeparationReason) throws(Refusal) -> [NewEvent] {
        let person = try person(p)
        if let sep = person.separation { throw .personSeparated(person: p, on: sep.ref.on) }
        try notBefore(person.added, "a separation", ground: Self.joined(p))
        for app in world.applications(of: p) {
            for ref in [app.returned, app.leaveEnd, app.leaveStart].compactMap({ $0 }) where ref.on > on {
                throw .datedBefore(what: "a separation", on: on, ground: "the recorded leave of \(app.id)", groundOn: ref.on)
            }
        }
        let wasHead = world.heads[person.agency] == p
        var tags = [Tag.person(p), Tag.member(person.agency)]
        if wasHead { tags.append(Tag.head(person.agency)) }
        return [NewEvent(on: on, tags: tags, data: .personSeparated(person: p, agency: person.agency, reason: reason, wasHead: wasHead))]
    }

    /// Issue 16, heads over time: a head (機關首長) appointed from a day, replacing the one before;
    /// or an acting head (職務代理人) for a period, who decides in the head's place meanwhile.
    /// Either serves in the agency.
    func appointHead(_ a: String, person p: String, acting: Bool, until: CivilDate?) throws(Refusal) -> [NewEvent] {
        let agency = try agency(a)
        let person = try serving(p)
        if person.agency != a { throw .headOutsideAgency(person: p, agency: a, servesIn: person.agency) }
        try notBefore(agency.added, "a head's appointment", ground: "the day \(a) was added with 'agency add'")
        try notBefore(person.added, "a head's appointment", ground: Self.joined(p))
        if acting {
            guard let until else { throw .missingDetail("an acting head (--acting) serves until a day: give --until DATE") }
            if until < on { throw .periodReversed(from: on, to: until) }
        } else {
            if until != nil { throw .missingDetail("--until applies to an acting head only (--acting)") }
            if world.head(of: a, on: on) == p, world.headships[a]?.last(where: { !$0.acting })?.person == p {
                throw .alreadyHead(person: p, agency: a)
            }
        }
        return [NewEvent(on: on, tags: [Tag.agency(a), Tag.head(a), Tag.person(p)],
                         data: .headAppointed(agency: a, person: p, acting: acting, until: until))]
    }

    /// The ground of every write about a person: the day they were added (their first day of
    /// service), before which nothing of theirs can have happened.
    static func joined(_ p: String) -> String { "the day \(p) was added with 'person add'" }
}
