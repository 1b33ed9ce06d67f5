/// Seed 002 §陸.一 (避免訓練集中於少數人，並妥適分配各性別人員參訓機會): how an agency's training
/// and counted study leave of a year spread over its people, by gender.
public struct Spread: Equatable, Sendable {
    /// Counts by gender; `nil` is unrecorded.
    public struct ByGender: Equatable, Sendable {
        public var female = 0, male = 0, unrecorded = 0
        public init() {}
        mutating func add(_ g: Gender?, _ n: Int = 1) {
            switch g {
            case .female: female += n
            case .male: male += n
            case nil: unrecorded += n
            }
        }
        public var total: Int { female + male + unrecorded }
    }

    public var agency: String
    public var year: Int
    /// People in service in the agency that year (temporary staff too: they may attend).
    public var people = ByGender()
    /// Of them, those credited with any hours.
    public var trained = ByGender()
    /// Their attendances of courses ending that year (each a place taken, credited or not).
    public var attendances = ByGender()
    /// The share of attendances held by the most-attending tenth of people (at least one person),
    /// in thousandths; nil when nobody attended.
    public var topTenthPermille: Int?
    /// People with no credited hours, by id.
    public var untrained: [String] = []
    /// Counted study leave (RULES.md §3) of the agency's quota that year, by the holder's gender.
    public var studyLeave = ByGender()
}

public enum SpreadRule {
    /// The spread over the people in service in the agency in the year, each with their
    /// standing, and the genders of the people holding its counted study-leave places.
    public static func spread(agency: String, year: Int, standings: [(person: Person, standing: HoursStanding)], studyLeave: [Gender?]) -> Spread {
        var s = Spread(agency: agency, year: year)
        var counts: [Int] = []
        for (p, standing) in standings.sorted(by: { $0.person.id < $1.person.id }) {
            let g = p.profile.gender
            s.people.add(g)
            s.attendances.add(g, standing.courses.count)
            counts.append(standing.courses.count)
            if standing.credited > .zero { s.trained.add(g) } else { s.untrained.append(p.id) }
        }
        let total = counts.reduce(0, +)
        if total > 0 {
            // The most-attending tenth, at least one person.
            let k = max(1, (counts.count + 9) / 10)
            let top = counts.sorted(by: >).prefix(k).reduce(0, +)
            s.topTenthPermille = (top * 1000 + total / 2) / total
        }
        for g in studyLeave { s.studyLeave.add(g) }
        return s
    }
}
