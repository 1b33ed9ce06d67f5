/// RULES.md §7: courses, attendance and requirements; CLI.md "Policies in the ledger".
extension Decider {
    /// `policy adopt`: one PolicyAdopted per policy of the file, all in one write.
    func adoptPolicies(_ list: [Policy]) -> [NewEvent] {
        list.map { NewEvent(on: on, tags: [Tag.policy], data: .policyAdopted($0)) }
    }

    func addCourse(_ c: EventData.CourseSpec) throws(Refusal) -> [NewEvent] {
        if let existing = world.courses[c.course] { throw .courseExists(c.course, position: existing.added.position) }
        return [NewEvent(on: on, tags: [Tag.course(c.course)], data: .courseAdded(c))]
    }

    /// One attendance per person and course; a roster is recorded whole or not at all.
    func attend(_ c: String, _ attendees: [Command.Attendee]) throws(Refusal) -> [NewEvent] {
        guard let course = world.courses[c] else { throw .unknownCourse(c) }
        var seen = Set<String>()
        var out: [NewEvent] = []
        for a in attendees {
            guard seen.insert(a.person).inserted else { throw .attendeeRepeated(course: c, person: a.person) }
            let person = try person(a.person)
            if let first = world.attendances[a.person]?.first(where: { $0.course == c }) {
                throw .alreadyAttended(course: c, person: a.person, position: first.ref.position)
            }
            // CLI.md: leave hours over the course's hours are bad data.
            if a.leave > course.hours { throw .leaveOverCourseHours(course: c, person: a.person, leave: a.leave, hours: course.hours) }
            // Issue 16, dates in context: nobody attends before they joined or after they left.
            if course.to < person.added.on {
                throw .datedBefore(what: "\(a.person)'s attendance of \(c) (ending \(course.to.iso))", on: course.to,
                                   ground: "the day \(a.person) was added with 'person add'", groundOn: person.added.on)
            }
            if let sep = person.separation, sep.ref.on <= course.from { throw .personSeparated(person: a.person, on: sep.ref.on) }
            out.append(NewEvent(on: on, tags: [Tag.roster(c), Tag.learner(a.person)],
                                data: .attendanceRecorded(course: c, person: a.person, leave: a.leave, absent: a.absent)))
        }
        try notBefore(Ref(position: course.added.position, on: course.from), "an attendance", ground: "the first day of \(c)")
        return out
    }

    /// An issuing agency's requirement for a year (RULES.md §7): it holds for the agency and every
    /// agency below it that records none of its own.
    func requireHours(_ a: String, year: Int, minimums: [HoursMinimum]) throws(Refusal) -> [NewEvent] {
        let agency = try agency(a)
        if year < agency.added.on.year { throw .headcountBeforeAgency(agency: a, year: year, added: agency.added.on) }
        // One order for the same minimums: by name, as the payload stores them.
        let sorted = minimums.sorted { $0.scope.name < $1.scope.name }
        return [NewEvent(on: on, tags: [Tag.agency(a)], data: .hoursRequired(agency: a, year: year, minimums: sorted))]
    }
}

/// The values of a course or a requirement that no ledger should hold: checked for every caller.
enum LearningValues {
    static func check(_ c: EventData.CourseSpec) throws(Refusal) {
        guard c.hours > .zero, c.hours.tenths <= Hours.maximumTenths else {
            throw .invalidValue("a course's hours must be more than 0 and at most \(Hours(tenths: Hours.maximumTenths)), not \(c.hours)")
        }
        if c.to < c.from { throw .courseReversed(from: c.from, to: c.to) }
        guard !c.topics.isEmpty else { throw .invalidValue("a course has at least one topic (\(Topic.allCases.map(\.rawValue).joined(separator: ", ")))") }
        switch c.delivery {
        case .classroom:
            if c.digitalHours > .zero { throw .invalidValue("a classroom course has no digital hours; use --delivery blended") }
        case .digital:
            if c.digitalHours != c.hours { throw .invalidValue("a digital course's digital hours are all its hours") }
        case .blended:
            guard c.digitalHours > .zero, c.digitalHours < c.hours else {
                throw .invalidValue("a blended course needs --digital-hours more than 0 and less than its \(c.hours) hours")
            }
        }
    }

    static func check(_ minimums: [HoursMinimum]) throws(Refusal) {
        guard !minimums.isEmpty else { throw .invalidValue("a requirement needs --total or at least one --min") }
        var names = Set<String>()
        for m in minimums {
            guard names.insert(m.scope.name).inserted else { throw .invalidValue("the minimum '\(m.scope.name)' is given twice") }
            guard Hours.storedTenths.contains(m.hours.tenths) else { throw .invalidValue("a minimum must be from 0 to \(Hours(tenths: Hours.maximumTenths)) hours") }
        }
        if let total = minimums.first(where: { $0.scope == .total }), let over = minimums.first(where: { $0.hours > total.hours }) {
            throw .invalidValue("the minimum '\(over.scope.name)' (\(over.hours) hours) is more than the total (\(total.hours))")
        }
    }
}
