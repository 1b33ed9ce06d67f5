import StudyLeaveDomain

/// Events kept in memory with a tag index: the generator decides through the same `Decider`
/// without a database.
final class MemoryStore {
    private(set) var events: [Event] = []
    private var byTag: [String: [Int32]] = [:]

    var head: Int64 { events.last?.position ?? 0 }

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

    func append(_ e: Event) {
        let index = Int32(events.count)
        events.append(e)
        for t in e.tags { byTag[t, default: []].append(index) }
    }
}
