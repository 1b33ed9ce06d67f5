/// The values a command carries must be ones the ledger can hold and read back (EventCodec):
/// ids, one-line texts, whole NTD within bounds, a headcount of 0 or more, a real year. The CLI
/// checks its flags first; this guards every other caller of the domain.
enum CommandValues {
    static func check(_ command: Command) throws(Refusal) {
        func id(_ s: String, _ what: String) throws(Refusal) {
            if let p = Identifier.problem(with: s) { throw .invalidValue("\(what): \(p)") }
        }
        func text(_ s: String, _ what: String) throws(Refusal) {
            guard PayloadLimits.isText(s) else { throw .invalidValue("\(what) must hold 1 to \(PayloadLimits.textCharacters) characters") }
        }
        func money(_ n: NTD, _ what: String) throws(Refusal) {
            guard PayloadLimits.money.contains(n.amount) else { throw .invalidValue("\(what) must be from 0 to \(NTD.maximum) NTD, not \(n.amount)") }
        }
        func year(_ y: Int) throws(Refusal) {
            guard (1912...9999).contains(y) else { throw .invalidValue("the year \(y) is not a year of the ROC civil service (1912 or later)") }
        }
        switch command {
        case let .addAgency(a, name, parent):
            try id(a, "agency"); try text(name, "the name"); if let parent { try id(parent, "the parent agency") }
        case let .setHeadcount(a, y, budgeted):
            try id(a, "agency"); try year(y)
            guard PayloadLimits.budgeted.contains(budgeted) else { throw .invalidValue("a budgeted headcount is a whole number from 0 to 10,000,000, not \(budgeted)") }
        case let .addPerson(p, name, a, _, _):
            try id(p, "person"); try text(name, "the name"); try id(a, "agency")
        case let .transfer(p, to, _):
            try id(p, "person"); try id(to, "agency")
        case let .separate(p, _), let .resumeService(p):
            try id(p, "person")
        case let .appointHead(a, p, _, _):
            try id(a, "agency"); try id(p, "person")
        case let .pauseService(p, reason):
            try id(p, "person"); try text(reason, "the reason")
        case let .apply(a):
            try id(a.id, "application"); try id(a.person, "person")
            if let h = a.hoursPerWeek, !PayloadLimits.hoursPerWeek.contains(h) { throw .invalidValue("hours a week must be from 0 to 168, not \(h)") }
        case let .review(x, _), let .screen(x, _), let .withdraw(x), let .startLeave(x), let .endLeave(x), let .returnToDuty(x):
            try id(x, "application")
        case let .approve(x, by), let .extendLeave(x, _, by):
            try id(x, "application"); try id(by, "the deciding head")
        case let .reject(x, by, reason):
            try id(x, "application"); try id(by, "the deciding head"); try text(reason, "the reason")
        case let .pay(x, salary, subsidy, _):
            try id(x, "application"); try money(salary, "the salary"); try money(subsidy, "the subsidy")
        case let .waive(x, reason):
            try id(x, "application"); try text(reason, "the reason")
        case let .retract(_, reason):
            try text(reason, "the reason")
        case .adoptPolicies(let list):
            guard !list.isEmpty else { throw .invalidValue("a policy file holds at least one policy") }
            for p in list { try text(p.name, "a policy's name") }
        case let .addCourse(c):
            try id(c.course, "course"); try text(c.name, "the name")
            if let o = c.organiser { try text(o, "the organiser") }
            try LearningValues.check(c)
        case let .attend(c, attendees):
            try id(c, "course")
            guard !attendees.isEmpty else { throw .invalidValue("an attendance names at least one person") }
            for a in attendees {
                try id(a.person, "person")
                guard Hours.storedTenths.contains(a.leave.tenths) else { throw .invalidValue("leave hours must be from 0 to \(Hours(tenths: Hours.maximumTenths))") }
            }
        case let .grantAccess(a, label, hash):
            try id(a, "agency"); try text(label, "the label")
            guard AccessToken.isHash(hash) else { throw .invalidValue("a token's hash is \(AccessToken.hashLength) lowercase hex digits") }
        case let .revokeAccess(g):
            try id(g, "grant")
        case let .requireHours(a, y, minimums):
            try id(a, "agency"); try year(y)
            try LearningValues.check(minimums)
        }
    }
}
