import StudyLeaveDomain

/// Events kept in memory with a tag index: the generator decides through the same `Decider`
/// without a database.
final class MemoryStore {
    private(set) var events: [Event] = []
    private var byTag: [String: [Int32]] = [:]

    /// The last position recorded, kept or not.
    private(set) var head: Int64 = 0

    func events(taggedAny tags: Set<String>) -> [Event] {
        var indexes: [Int32] = []
        for t in tags { if let list = byTag[t] { indexes += list } }
        indexes.sort()
        var out: [Event] = []
        out.reserveCapacity(indexes.count)
        var last: Int32 = -1
        for i in indexes where i != last { out.append(events[Int(i)]); last = i }
        return out
    }

    /// Records `e`. An event no later decision reads (`kept` false: the generator's attendances,
    /// some 70 million at the national scale) takes its position but no memory.
    func append(_ e: Event, kept: Bool = true) {
        head = e.position
        guard kept else { return }
        let index = Int32(events.count)
        events.append(e)
        for t in e.tags { byTag[t, default: []].append(index) }
    }
}
