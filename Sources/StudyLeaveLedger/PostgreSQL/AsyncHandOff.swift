import Foundation

/// A bounded queue from a thread to an async task: the import's reading thread (`ImportReader`,
/// blocking file reads and hashing) hands checked batches to the task that sends them over the
/// connection. `put` waits while the queue is full; `next` suspends, never blocking a thread of
/// Swift's pool, while it is empty, and gives nil once the producer has finished and the queue
/// is drained. The consumer may `cancel`: `put` then answers false and the producer stops.
final class AsyncHandOff<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private var finished = false
    private var cancelled = false
    private var waiting: CheckedContinuation<Item?, Never>?
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Producer: false when the consumer gave up (stop producing).
    func put(_ item: Item) -> Bool {
        condition.lock()
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled { condition.unlock(); return false }
        if let consumer = waiting {
            waiting = nil
            condition.unlock()
            consumer.resume(returning: item)
        } else {
            items.append(item)
            condition.unlock()
        }
        return true
    }

    /// Producer: nothing more will come (what it leaves for the consumer is set before).
    func finish() {
        condition.lock()
        finished = true
        let consumer = waiting
        waiting = nil
        condition.unlock()
        consumer?.resume(returning: nil)
    }

    /// Consumer: stops the producer at its next `put`.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: the next item, or nil once the producer has finished and all are taken.
    func next() async -> Item? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Item?, Never>) in
            condition.lock()
            if !items.isEmpty {
                let item = items.removeFirst()
                condition.broadcast()
                condition.unlock()
                continuation.resume(returning: item)
            } else if finished || cancelled {
                condition.unlock()
                continuation.resume(returning: nil)
            } else {
                waiting = continuation
                condition.unlock()
            }
        }
    }
}
