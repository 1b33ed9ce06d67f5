/// What an HR office must act on soon (CLI.md, "The HR office's lists"): a study about to start
/// undecided, a leave ending, a return not yet reported, an obligation ending. Pure: a person's
/// fold as of a day in, the rows out.
public struct DueItem: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// Submitted, not decided, and its period starts within the window or has started: seed 000
        /// §陸, approval comes before enrolment. Due the day before it starts.
        case undecided
        /// On leave, and the approved (or extended) period ends within the window (or has ended
        /// with no leave end recorded). Due its last day.
        case leaveEnds = "leave-ends"
        /// The leave ended and no return is recorded (Act 14: not returning is a breach). Due the
        /// day after the leave end; listed however long ago.
        case returnDue = "return-due"
        /// A serving obligation's last day owed falls within the window. Due that day.
        case obligationEnds = "obligation-ends"
    }

    public var kind: Kind
    public var due: CivilDate
    public var person: String
    public var name: String
    public var agency: String
    public var application: String
    /// What is due, in figures.
    public var detail: Detail

    public enum Detail: Equatable, Sendable {
        /// The steps it still needs: finding, screening, decision.
        case undecided(starts: CivilDate, needs: [DecisionStep])
        case leaveEnds(mode: StudyMode, lastDay: CivilDate)
        case returnDue(leaveEnded: CivilDate)
        case obligationEnds(endsOn: CivilDate, remainingDays: Int, requiredDays: Int)

        /// In words, with days written by `date` (ISO or ROC).
        public func text(_ lang: Language, date: (CivilDate) -> String = { $0.iso }) -> String {
            let zh = lang == .zhTW
            switch self {
            case let .undecided(starts, needs):
                let z: [DecisionStep: String] = [.finding: "業務相關認定", .screening: "甄審", .decision: "核定"]
                return zh ? "\(date(starts)) 開始，尚未核定；尚待" + needs.map { "\(z[$0]!) (\($0.command))" }.joined(separator: "、")
                          : "starts \(date(starts)) undecided; needs " + needs.map { "\($0.rawValue) (\($0.command))" }.joined(separator: ", ")
            case let .leaveEnds(mode, last):
                return zh ? "進修期間至 \(date(last)) 屆滿（請記錄 leave end，或 leave extend）"
                          : "\(mode.rawValue) leave ends \(date(last)) (record 'leave end', or 'leave extend')"
            case let .returnDue(end):
                return zh ? "進修已於 \(date(end)) 結束，尚未記錄返職（訓練進修法第14條：請記錄 return）"
                          : "leave ended \(date(end)); no return to duty recorded (Act 14: record 'return', or the breach stands)"
            case let .obligationEnds(ends, remaining, required):
                return zh ? "應繼續服務至 \(date(ends)) 屆滿（尚餘 \(remaining) 日，共 \(required) 日）"
                          : "service owed ends \(date(ends)) (\(remaining) of \(required) days left)"
            }
        }
    }
}

public enum DueRule {
    /// CLI.md: the window of `report due` when none is given, in days.
    public static let defaultWindowDays = 60
    /// The longest window asked: ten years.
    public static let windowDays = 0...3660

    /// The rows of one person on `asOf`, for a window of `within` days from it (its last day
    /// included), from a fold of their own events as of that day.
    public static func items(for p: Person, in world: World, asOf: CivilDate, within: Int, policies: PolicySet) -> [DueItem] {
        let last = asOf.adding(days: within)
        var out: [DueItem] = []
        func item(_ kind: DueItem.Kind, _ due: CivilDate, _ app: Application, _ detail: DueItem.Detail) {
            out.append(DueItem(kind: kind, due: due, person: p.id, name: p.name, agency: p.agency, application: app.id, detail: detail))
        }
        for app in world.applications(of: p.id) {
            switch app.state {
            case .submitted where app.submission.from <= last:
                item(.undecided, app.submission.from.adding(days: -1), app, .undecided(starts: app.submission.from, needs: app.stepsNeeded))
            case .onLeave where app.currentTo <= last:
                item(.leaveEnds, app.currentTo, app, .leaveEnds(mode: app.mode, lastDay: app.currentTo))
            case .ended:
                let end = app.leaveEnd!.on
                item(.returnDue, end.adding(days: 1), app, .returnDue(leaveEnded: end))
            default:
                break
            }
            if let o = ObligationRule.compute(app, in: world, asOf: asOf, policies: policies), o.state == .serving,
               let ends = o.endsOn, ends >= asOf, ends <= last {
                item(.obligationEnds, ends, app, .obligationEnds(endsOn: ends, remainingDays: o.remainingDays, requiredDays: o.requiredDays))
            }
        }
        return out
    }
}
