import Foundation

/// A bounded queue between two threads: the bulk paths (import, rebuild) read SQLite on the
/// connection's thread and parse on a second one, so that both cores work (Docs/PERFORMANCE.md).
/// `put` waits while the queue is full; `take` waits while it is empty and returns nil once the
/// queue is closed and drained. Either side may close it (the other then stops early).
final class HandOff<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private var head = 0
    private var closed = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// False when the queue was closed (the other side gave up): stop producing.
    @discardableResult
    func put(_ item: Item) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while items.count - head >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    func take() -> Item? {
        condition.lock(); defer { condition.unlock() }
        while head == items.count && !closed { condition.wait() }
        return pop()
    }

    /// An item if one is ready, without waiting.
    func poll() -> Item? {
        condition.lock(); defer { condition.unlock() }
        return pop()
    }

    func close() {
        condition.lock(); defer { condition.unlock() }
        closed = true
        condition.broadcast()
    }

    private func pop() -> Item? {
        guard head < items.count else { return nil }
        let item = items[head]
        head += 1
        if head > 64 && head * 2 > items.count { items.removeFirst(head); head = 0 }
        condition.broadcast()
        return item
    }
}

/// Runs `body` on a new thread; `join()` waits for it to end.
final class Worker: @unchecked Sendable {
    private let done = NSCondition()
    private var finished = false

    init(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            body()
            done.lock(); finished = true; done.broadcast(); done.unlock()
        }
        thread.name = name
        thread.start()
    }

    func join() {
        done.lock(); defer { done.unlock() }
        while !finished { done.wait() }
    }
}
