/// Refusals in the language asked (`--lang zh-TW`: issue 16, every error in the regulation's own
/// terms). The English is `Refusal.message`; the figures are the same in both.
extension Refusal {
    public func message(_ lang: Language) -> String {
        lang == .zhTW ? zh : message
    }

    /// The refusal in Traditional Chinese, with the same figures and the same next step.
    public var zh: String {
        let z = Terms.zhPhrase
        switch self {
        case .agencyExists(let a): return "機關 \(a) 已存在"
        case .personExists(let p): return "人員 \(p) 已存在"
        case .applicationExists(let x): return "申請案 \(x) 已存在"
        case .unknownAgency(let a): return "帳本中沒有機關 \(a)（請以 agency add 新增）"
        case .unknownPerson(let p): return "帳本中沒有人員 \(p)（請以 person add 新增）"
        case .unknownApplication(let x): return "帳本中沒有申請案 \(x)"
        case .unknownPosition(let n): return "帳本中沒有位置 \(n) 的事件"
        case let .didYouMean(r, ids):
            guard !ids.isEmpty else { return r.zh }
            let what: String
            switch r {
            case .unknownAgency(let a): what = "帳本中沒有機關 \(a)"
            case .unknownPerson(let p): what = "帳本中沒有人員 \(p)"
            case .unknownApplication(let x): what = "帳本中沒有申請案 \(x)"
            default: what = r.zh
            }
            return what + "：您是指 " + ids.prefix(3).joined(separator: " 或 ") + " 嗎？"
        case let .agencyHasHead(a, h): return "機關 \(a) 已有機關首長（\(h)）；如自某日起另派首長：studyleave agency head \(a) --person 人員 --on 日期"
        case let .headOutsideAgency(p, a, servesIn): return "\(p) 服務於 \(servesIn)，非 \(a)；機關首長須服務於該機關（請先調任：studyleave person transfer \(p) --to \(a)）"
        case let .alreadyHead(p, a): return "\(p) 已是 \(a) 之機關首長"
        case let .transferToSameAgency(p, a): return "\(p) 已服務於 \(a)；調任須至其他機關"
        case let .personSeparated(p, on): return "\(p) 自 \(on.iso) 離職（已記錄）；自該日起僅能記錄支領、免予賠償及撤銷更正"
        case let .periodReversed(from, to): return "進修期間之結束日（\(to.iso)）不得早於開始日（\(from.iso)）"
        case let .courseExists(c, pos): return "課程 \(c) 已存在（#\(pos)）；如需更正，請 retract \(pos) 後重新新增"
        case .unknownCourse(let c): return "帳本中沒有課程 \(c)（請以 course add 新增）"
        case let .courseReversed(from, to): return "課程之結束日（\(to.iso)）不得早於開始日（\(from.iso)）"
        case let .attendeeRepeated(c, p): return "\(p) 在 \(c) 的名冊中出現兩次；未記錄任何事件"
        case let .alreadyAttended(c, p, pos): return "\(p) 已參加 \(c)（#\(pos)）；如需更正，請 studyleave retract \(pos) 後重新記錄"
        case let .leaveOverCourseHours(c, p, leave, hours): return "\(p) 請假 \(leave) 小時，超過 \(c) 的課程時數 \(hours) 小時"
        case let .durationExceeded(kind, months, latest, article):
            return "\(article)：\(Terms.zh(kind))以 \(months) 個月為限：期間最遲至 \(latest.iso)"
        case let .partTimeHoursExceeded(h, limit): return "施行細則第11條：部分辦公時間進修每週公假至多 \(limit) 小時，不得為 \(h) 小時"
        case let .partTimeHoursMissing(limit): return "施行細則第11條：部分辦公時間進修須給公假：--hours-per-week 須為 1 至 \(limit)（不占辦公時間者為公餘進修）"
        case let .headcountBeforeAgency(a, year, added): return "\(a) 於 \(added.iso) 設立：不得記錄早於該年之 \(year) 年預算員額（請檢查年份：民國 115 年為 2026 年）"
        case .missingDetail(let d): return Self.zhDetail(d)
        case .invalidValue(let d): return Self.zhDetail(d)
        case let .wrongState(x, state, action, next):
            let base = "申請案 \(x) 目前為「\(Terms.zh(state))」，不能\(z(action))"
            return next.map { base + "：" + $0.zh } ?? base
        case let .alreadyDecided(x, what, pos): return "申請案 \(x) 已有\(z(what))（位置 #\(pos)）；如需另行記錄，請先撤銷：studyleave retract \(pos)"
        case .screeningOnlyForSelected(let x): return "訓練進修法第9條：僅選送進修須經甄審；\(x) 為自行申請"
        case .workRelatedFindingMissing(let x): return "申請案 \(x) 核定前須先經服務機關認定與業務有關（review）"
        case .notWorkRelated(let x): return "申請案 \(x) 經認定與業務無關；僅能不予核准，不能核准"
        case .screeningMissing(let x): return "訓練進修法第9條：選送進修 \(x) 核定前須經甄審委員會通過（screen）"
        case .screeningFailed(let x): return "訓練進修法第9條：選送進修 \(x) 未通過甄審；僅能不予核准，不能核准"
        case .decidesOwnApplication(let p): return "\(p) 不得核定自己的申請"
        case let .notTheCompetentHead(by, a, head):
            if let head { return "\(by) 非 \(a) 之機關首長；本申請由其首長 \(head) 核定" }
            return "\(by) 非 \(a) 之機關首長，且 \(a) 當日無機關首長紀錄可核定本申請：請記錄 studyleave agency head \(a) --person 人員 --on 日期（職務代理人另加 --acting --until 日期）"
        case let .headWithoutParent(p, a): return "\(p) 為 \(a) 之首長，而 \(a) 無上一級機關可核准首長之申請"
        case let .approvalAfterStart(x, from, on): return "核定須在進修開始前：\(x) 自 \(from.iso) 開始，核定日期為 \(on.iso)"
        case let .datedBefore(what, on, ground, groundOn): return "\(z(what))日期不得為 \(on.iso)，早於\(z(ground))（\(groundOn.iso)）"
        case let .quotaFull(a, year, cap, budgeted, used, holders):
            let base = "\(a) \(year) 年進修名額已滿：上限 \(cap)（預算員額 \(budgeted)），已用 \(used)"
            guard !holders.isEmpty else { return base }
            return base + "，名額為 " + holders.map { "\($0.person)（\($0.application)）" }.joined(separator: "、") + " 所占"
        case let .noHeadcount(a, year): return "\(a) 未記錄 \(year) 年編制內預算員額：核定前請以 agency headcount 記錄"
        case .offHoursTakesNoLeave(let x): return "\(x) 為公餘進修，不請假"
        case let .leaveOutsidePeriod(x, on, from, to): return "\(on.iso) 不在 \(x) 核定期間內（\(from.iso) 至 \(to.iso)）"
        case .extensionOnlyFullTime(let x): return "僅全時進修得延長；\(x) 非全時進修"
        case let .extensionNotLater(x, until, current): return "\(x) 之延長須晚於 \(current.iso)，不得為 \(until.iso)"
        case let .extensionExceeded(kind, months, latest, article):
            return "\(article)：\(Terms.zh(kind))延長合計以 \(months) 個月為限：最遲至 \(latest.iso)"
        case let .returnNotAfterLeaveEnd(x, on, end): return "返職日（\(on.iso)）須在 \(x) 進修最後一日（\(end.iso)）之後"
        case .withdrawAfterLeaveStart(let x): return "\(x) 已開始進修；請以 leave end 提前結束，不能撤回"
        case .paymentNotForThisStudy(let x): return "\(x) 非經核定之全時進修；僅全時進修期間所領得列為賠償基礎"
        case let .likelyDuplicatePayment(x, on, position): return "\(x) 於 \(on.iso) 之相同支領已有紀錄（#\(position)）；如確實領取兩次，請加 --again"
        case .salaryDuringUnpaidLeave(let x): return "訓練進修法第12條：\(x) 為自行申請、留職停薪進修，無薪俸；請僅記錄補助"
        case .noRunningObligation(let p): return "\(p) 無進行中之服務義務可暫停"
        case let .pauseAlreadyOpen(p, since): return "\(p) 之服務自 \(since.iso) 已暫停計算"
        case .noOpenPause(let p): return "\(p) 之服務未暫停計算"
        case .waiverWithoutBreach(let x): return "訓練進修法第16條：免予賠償須有違反義務，\(x) 之義務未違反"
        case let .alreadyWaived(x, pos): return "\(x) 之賠償責任已免除（#\(pos)）"
        case .unknownGrant(let g): return "帳本中沒有查閱授權 \(g)（access list 可列出）"
        case let .alreadyRevoked(g, pos): return "查閱授權 \(g) 已撤銷（#\(pos)）"
        case let .accessNotRetractable(n, g): return "#\(n) 記錄誰可查閱網頁，須留存於歷程；如需終止 \(g) 之查閱權：studyleave access revoke \(g)"
        case .retractionOfRetraction(let n): return "位置 \(n) 為撤銷更正；撤銷更正本身不能再撤銷（如誤撤，請重新記錄該事件）"
        case let .requestIdReused(id, position, type): return "請求代碼 '\(id)' 已用於 #\(position) \(type)，內容不同；未記錄：請另給 --request-id"
        case let .alreadyRetracted(n, by): return "位置 \(n) 已撤銷（#\(by)）"
        case let .retractionLeavesOrphan(n, type, dep, depType): return "#\(n) \(type) 為 #\(dep) \(depType) 之依據；請先撤銷 #\(dep)"
        }
    }

    /// The domain's detail lines (missing flags, value bounds) in zh-TW.
    static func zhDetail(_ d: String) -> String {
        let fixed: [String: String] = [
            "part-time study needs --hours-per-week (official leave hours a week)": "部分辦公時間進修須給 --hours-per-week（每週公假時數）",
            "--hours-per-week applies to part-time study only": "--hours-per-week 僅適用於部分辦公時間進修",
            "study abroad needs --programme degree, credits or research": "國外進修須給 --programme degree、credits 或 research",
            "an acting head (--acting) serves until a day: give --until DATE": "職務代理人（--acting）須給代理至何日：--until 日期",
            "--until applies to an acting head only (--acting)": "--until 僅適用於職務代理人（--acting）",
        ]
        return fixed[d] ?? d
    }
}

extension NextStep {
    /// The next step in zh-TW.
    public var zh: String {
        switch self {
        case let .retract(position, what, on): return "已於 \(on.iso) \(Terms.zhPhrase(what))（#\(position)）；如需更正：studyleave retract \(position)"
        case .first(let what): return "須先有\(Terms.zhPhrase(what))"
        }
    }
}
