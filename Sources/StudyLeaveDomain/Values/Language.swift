/// The language of what people read: labels, states, explanations and refusals (`--lang`).
public enum Language: String, CaseIterable, Sendable {
    case en
    /// Traditional Chinese as Taiwan writes it, with the regulation's own terms.
    case zhTW = "zh-TW"
}

/// The words of the regulation for the values the rules use (RULES.md), shared by refusals,
/// explanations and the CLI's tables.
public enum Terms {
    public static func zh(_ state: ApplicationState) -> String {
        switch state {
        case .submitted: "申請中"
        case .approved: "已核准"
        case .rejected: "未核准"
        case .withdrawn: "已撤回"
        case .onLeave: "進修中"
        case .ended: "進修結束"
        case .returned: "已返職"
        }
    }

    public static func zh(_ mode: StudyMode) -> String {
        switch mode {
        case .fullTime: "全時進修"
        case .partTime: "部分辦公時間進修"
        case .offHours: "公餘進修"
        }
    }

    public static func zh(_ reason: SeparationReason) -> String {
        switch reason {
        case .resignation: "辭職"
        case .retirement: "退休"
        case .dismissal: "免職"
        case .death: "死亡"
        case .other: "其他"
        }
    }

    public static func zh(_ kind: DurationKind) -> String {
        switch kind {
        case .selectedDomestic: "選送國內全時進修"
        case .selectedAbroad: "選送國外全時進修（學位或學分）"
        case .selectedAbroadResearch: "選送國外全時研究"
        case .selfFullTime: "自行申請全時進修（留職停薪）"
        }
    }

    /// The phrases decisions put into refusals (what cannot be dated, what it rests on, what was
    /// done), in zh-TW; text it does not know is kept as it is.
    public static func zhPhrase(_ en: String) -> String {
        let fixed: [String: String] = [
            "a head": "機關首長", "a head's appointment": "機關首長之派任", "a payment": "支領紀錄", "a rejection": "不核准",
            "a resumption": "恢復計算", "a review": "業務相關認定", "a screening result": "甄審結果", "a screening": "甄審",
            "a separation": "離職", "a study": "進修期間", "a transfer": "調任", "a withdrawal": "撤回", "a work-related finding": "業務相關認定",
            "an application": "申請", "an approval": "核定", "an extension": "延長", "the application": "申請",
            "the approval": "核定", "the day after the pause began": "暫停計算次日", "the leave end": "進修結束",
            "the leave start": "開始進修", "the previous transfer": "前次調任", "the screening": "甄審",
            "the work-related finding": "業務相關認定", "approved": "核准", "ended": "結束", "extended": "延長", "rejected": "不核准",
            "returned from": "返職", "reviewed": "認定", "screened": "甄審", "started": "開始", "withdrawn": "撤回",
            "it was approved": "核准", "it was rejected": "不核准", "it was withdrawn": "撤回", "it was started": "開始進修",
            "its leave ended": "進修結束", "the return was recorded": "返職",
            "an approval ('approve')": "核定（approve）",
            "the work-related finding ('review') and an approval ('approve')": "業務相關認定（review）及核定（approve）",
            "a leave start ('leave start')": "開始進修（leave start）", "an approval and a leave start": "核定及開始進修",
            "the last day of leave ('leave end')": "進修結束（leave end）", "a leave start and a leave end": "開始進修及進修結束",
        ]
        if let z = fixed[en] { return z }
        if let p = en.between("the day ", " was added with 'person add'") { return "\(p) 到職（person add）之日" }
        if let a = en.between("the day ", " was added with 'agency add'") { return "\(a) 設立（agency add）之日" }
        if let x = en.between("the approval of ", "") { return "\(x) 之核定" }
        if let x = en.between("the recorded leave of ", "") { return "\(x) 已記錄之進修" }
        return en
    }
}

extension String {
    /// The text between a prefix and a suffix, when the string has both.
    func between(_ prefix: String, _ suffix: String) -> String? {
        guard hasPrefix(prefix), hasSuffix(suffix), count >= prefix.count + suffix.count else { return nil }
        return String(dropFirst(prefix.count).dropLast(suffix.count))
    }
}
