import StudyLeaveDomain

/// The learning-hours part of a generated history (`generate --courses-per-year N`, issue #13):
/// every agency offers courses through the year, sized so that each of its people attends about
/// N, and records each course's roster (`attend`) a few days after it ends, some attendees with
/// leave hours (a few over a third of the course, which credits nothing: seed 002 §伍.三) and a
/// few absent. People get a gender and a staff category (about one in twenty contract staff, one
/// in fifty temporary). Every event is decided by the real `Decider`, with random numbers of its
/// own, so the study-leave decisions of a seed stay the same.
///
/// Attendances take no memory (`MemoryStore.append(kept:)`): no later decision of the generator
/// reads them (each course's roster is recorded once), and at the national scale there are some
/// 70 million.
extension HistoryGenerator {
    /// People in a roster: classes of about this size.
    static let classSize = 30

    /// Titles, with the topics they count toward (RULES.md §7's table) and their usual hours.
    static let catalogue: [(name: String, topics: [Topic], tenths: [Int])] = [
        ("公文寫作與簡報技巧", [.work], [30, 60]),
        ("政府採購法實務", [.work, .statutory], [60, 120]),
        ("當前重大政策講座", [.policy], [20, 30]),
        ("行政中立與公務倫理", [.democratic, .statutory], [20, 30]),
        ("性別主流化基礎課程", [.gender], [20, 30]),
        ("CEDAW 與性別平等", [.gender, .statutory], [30]),
        ("環境教育：淨零排放", [.environment], [20, 40]),
        ("人權教育與民主治理", [.democratic], [20, 30]),
        ("資通安全教育訓練", [.work, .statutory], [30]),
        ("數位治理與資料應用", [.work, .policy], [35, 60]),
        ("健康促進與紓壓", [.general], [20, 30]),
        ("語文進修：英語會話", [.general], [120, 240]),
    ]

    /// At the start of a year: each agency's courses, on random days (none when N is 0).
    func planCourses(_ year: Int, on day: CivilDate) {
        guard config.coursesPerYear > 0 else { return }
        for a in agencyIDs {
            let size = servingCount(a)
            guard size > 0 else { continue }
            let courses = max(1, (size * config.coursesPerYear + Self.classSize - 1) / Self.classSize)
            for _ in 0..<courses { queue.push(day.adding(days: learningRng.int(0...340)), .course(a, year: year)) }
        }
    }

    /// `course add`: one of the catalogue's courses, of one to three days; its roster follows.
    func offerCourse(_ agency: String, year: Int, on day: CivilDate) throws {
        nextCourse += 1
        let id = String(format: "C%08d", nextCourse)
        let entry = Self.catalogue[learningRng.int(0...Self.catalogue.count - 1)]
        let hours = Hours(tenths: entry.tenths[learningRng.int(0...entry.tenths.count - 1)])
        let roll = learningRng.int(1...100)
        let delivery: Delivery = roll <= 50 ? .classroom : roll <= 85 ? .digital : .blended
        let digital: Hours? = delivery == .blended ? Hours(tenths: hours.tenths / 20 * 10) : nil
        let to = day.adding(days: learningRng.int(0...2))
        let spec = EventData.CourseSpec(course: id, name: entry.name, hours: hours, from: day, to: to, topics: entry.topics,
                                        delivery: delivery, digitalHours: digital,
                                        organiser: learningRng.chance(0.3) ? "公務人力發展學院" : nil)
        guard try record(.addCourse(spec), on: day, actor: "hr-" + agency) != nil else { return }
        queue.push(to.adding(days: learningRng.int(1...7)), .roster(id, agency: agency, hours: hours))
    }

    /// `attend`: about a class of the agency's people serving there on the day.
    func recordRoster(_ course: String, agency: String, hours: Hours, on day: CivilDate) throws {
        guard let pool = members[agency], !pool.isEmpty else { return }
        var chosen = Set<String>()
        var attendees: [Command.Attendee] = []
        for _ in 0..<(2 * Self.classSize) where attendees.count < Self.classSize {
            let p = pool[learningRng.int(0...pool.count - 1)]
            guard serves(p, in: agency), chosen.insert(p).inserted else { continue }
            let roll = learningRng.int(1...100)
            // Leave of a few hours; over a third of the course now and then.
            let leave = roll <= 6 ? Hours(tenths: min(hours.tenths, learningRng.int(1...max(1, hours.tenths / 10)) * 10)) : .zero
            attendees.append(Command.Attendee(person: p, leave: leave, absent: roll == 100))
        }
        guard !attendees.isEmpty else { return }
        try record(.attend(course: course, attendees: attendees), on: day, actor: "hr-" + agency, kept: false)
    }

    /// A new person's profile: a gender always, the category mostly civil servant (only when the
    /// history has courses, so that a history without them reads as before).
    func profile() -> PersonProfile {
        guard config.coursesPerYear > 0 else { return .unrecorded }
        let roll = learningRng.int(1...100)
        let category: StaffCategory = roll <= 2 ? .temporary : roll <= 7 ? .contract : .civilServant
        return PersonProfile(category: category, gender: learningRng.chance(0.5) ? .female : .male)
    }
}
