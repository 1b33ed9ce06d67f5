/// Table labels and states in the regulation's own terms (`--lang zh-TW`), from 公務人員訓練進修法
/// and its 施行細則.
public enum Labels {
    /// English label → zh-TW.
    public static let zhTW: [String: String] = [
        // States
        "on-duty": "在職", "on-study-leave": "進修中", "separated": "離職",
        "finding": "業務相關認定", "screening": "甄審", "decision": "核定", "Parent": "上一級機關", "People": "人數", "Needs": "尚待", "Submitted": "申請日",
        "submitted": "申請中", "approved": "已核准", "rejected": "未核准", "withdrawn": "已撤回",
        "on-leave": "進修中", "ended": "進修結束", "returned": "已返職",
        "not-started": "尚未起算", "serving": "服務中", "paused": "暫停計算", "fulfilled": "已履行",
        "breached": "未履行", "waived": "免予賠償",
        // Modes and sponsorship
        "full-time": "全時進修", "part-time": "部分辦公時間進修", "off-hours": "公餘進修",
        "selected": "選送", "self": "自行申請", "abroad": "國外", "domestic": "國內",
        // Labels
        "Person": "人員", "Name": "姓名", "Agency": "機關", "Agency name": "機關名稱", "State": "狀態", "Year": "年度",
        "Application": "申請案", "Mode": "進修方式", "Sponsor": "薦送方式", "From": "起", "To": "迄", "Where": "地點",
        "Budgeted": "編制內預算員額", "Cap": "進修人數上限", "Used": "已核定", "Headroom": "尚餘名額",
        "Pending": "審核中", "Holders": "核定人員", "As of": "基準日", "Known at": "資料截至",
        "Paid days": "帶職帶薪日數", "Unpaid days": "留職停薪日數", "Required": "應繼續服務日數",
        "Served": "已服務日數", "Remaining": "尚需服務日數", "Starts": "起算日", "Ends": "屆滿日",
        "Repayment due": "應賠償金額", "Received": "已支領金額",
        "Position": "序號", "Type": "事件", "On": "發生日", "Recorded at": "記錄時間", "Actor": "記錄者",
        "Details": "內容", "Retracted": "已撤銷", "by": "由", "none": "無",
        // Event types (history)
        "AgencyAdded": "新增機關", "HeadcountSet": "編制內預算員額", "HeadAppointed": "機關首長派任", "PersonAdded": "新增人員", "PersonTransferred": "調任",
        "PersonSeparated": "離職", "ApplicationSubmitted": "申請進修", "ApplicationReviewed": "認定與業務有關",
        "ApplicationScreened": "甄審", "ApplicationApproved": "核准", "ApplicationRejected": "不予核准",
        "ApplicationWithdrawn": "撤回申請", "LeaveStarted": "開始進修", "LeaveExtended": "延長進修", "LeaveEnded": "進修結束",
        "ReturnedToDuty": "返職", "PaymentRecorded": "支領紀錄", "ServicePaused": "服務暫停計算", "ServiceResumed": "服務恢復計算",
        "LiabilityWaived": "免予賠償", "EventRetracted": "撤銷更正",
        // Learning hours (RULES.md §7)
        "CourseAdded": "新增課程", "AttendanceRecorded": "參訓紀錄", "HoursRequired": "學習時數規定", "PolicyAdopted": "採行規定", "AccessGranted": "授予查閱權", "AccessRevoked": "撤銷查閱權", "Grant": "授權", "Label": "對象", "Granted": "授權日", "Revoked at": "撤銷時間",
        "met": "已達成", "short": "未達成", "exempt": "免除", "study-leave": "全年全時進修", "temporary": "臨時人員",
        "not-in-service": "當年未在職", "national": "全國", "built in": "內建",
        "Requirement": "適用規定", "Credited": "核計時數", "Digital": "數位學習時數", "Minimum": "最低時數項目",
        "Short": "不足時數", "Course": "課程", "Hours": "課程時數", "Topics": "課程類別", "Reason": "說明",
        "Due": "應修人數", "Met": "已達成", "Exempt": "免除", "Short of": "不足項目",
        "Gender": "性別", "Trained": "參訓人數", "Attendances": "參訓人次", "Study leave": "進修名額",
        "Top tenth's share": "前十分之一人員所占人次比率", "Untrained": "未參訓人員",
        "female": "女", "male": "男", "unrecorded": "未登錄", "total": "合計",
        // report due
        "Due on": "期限", "Kind": "事項", "undecided": "尚未核定", "leave-ends": "進修期滿", "return-due": "應返職",
        "obligation-ends": "服務期滿", "Detail": "內容說明",
        "Minimums": "最低時數", "Courses": "課程", "StudyLeave": "進修",
        "Events": "事件數", "Ledger": "帳本", "Chain head": "雜湊鏈末端", "Result": "結果",
    ]
}
