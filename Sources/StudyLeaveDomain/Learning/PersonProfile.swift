/// What `person add` records about a person for learning hours and their fair spread (RULES.md
/// §7): their staff category (default civil servant) and, optionally, their gender.
public struct PersonProfile: Equatable, Hashable, Sendable {
    public var category: StaffCategory
    public var gender: Gender?

    public init(category: StaffCategory = .civilServant, gender: Gender? = nil) {
        self.category = category; self.gender = gender
    }

    /// A civil servant of unrecorded gender: what a person added before profiles existed is.
    public static let unrecorded = PersonProfile()
}
