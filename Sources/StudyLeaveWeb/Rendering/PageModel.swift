import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

/// One table of a page: an answer's report, with the columns whose cells link somewhere.
struct Section {
    /// The name a download asks for (`?table=`).
    var name: String
    var title: String?
    var report: Report
    /// Column label → the address a cell of it links to (a person's page), if any.
    var links: [String: (String) -> String?] = [:]
}

/// What a page shows: a title, when it looks, its tables and a picture; and its JSON.
struct PageModel {
    var title: String
    var subtitle: String?
    var json: JSONValue
    var sections: [Section]
    /// The picture (the timeline) under the tables: its address and what it shows.
    var image: (src: String, alt: String)?
    /// The agency whose pages the navigation links (nil on a page of no agency).
    var agency: String?
    /// Which navigation item this page is.
    var current: String?
    /// Whether the as-of form asks for a year too.
    var yearly = false
    /// The file name of a download, without its extension.
    var fileName: String

    /// The section a download asks for: `?table=`, else the first.
    func section(named name: String?) throws(WebError) -> Section {
        guard let name else { return sections[0] }
        guard let s = sections.first(where: { $0.name == name }) else {
            throw .badRequest("table must be one of \(sections.map(\.name).joined(separator: ", ")), not '\(name)'")
        }
        return s
    }
}

/// The pages' words that are the web view's own (the tables' labels are `Labels`).
enum WebWords {
    static let zhTW: [String: String] = [
        "Agency": "機關", "Quota": "進修名額", "On leave": "進修中人員", "Due": "待辦事項", "Obligations": "服務義務",
        "Learning hours": "學習時數", "Sign out": "登出", "Sign in": "登入", "As of": "基準日", "Year": "年度", "Show": "查詢",
        "Read token": "查閱權杖", "none": "無", "Home": "回首頁", "Timeline": "進修與服務歷程圖",
        "Applications": "進修申請", "Service owed": "繼續服務義務", "Pages": "頁面", "Agencies below": "所屬機關",
        "Download CSV": "下載 CSV", "Download ODS": "下載 ODS（開放文件格式）",
        "Sign in with the read token your HR office was given ('studyleave access grant'). The browser keeps it until you sign out.":
            "請輸入人事單位核發的查閱權杖（studyleave access grant）。登出前瀏覽器會保留登入狀態。",
        "Read-only: these pages never change the ledger.": "唯讀：本網頁不會變更帳本。",
    ]

    static func t(_ s: String, _ lang: Language) -> String { lang == .zhTW ? (zhTW[s] ?? s) : s }
}
