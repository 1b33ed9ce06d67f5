import Foundation

/// Runs long, blocking work (a bulk read or write through SQLite's synchronous API) on a thread
/// of its own, so that it never holds one of Swift's cooperative threads for minutes.
enum OwnThread {
    static func run<T: Sendable>(_ name: String, _ body: @escaping @Sendable () throws(LedgerError) -> T) async throws(LedgerError) -> T {
        let result: Result<T, LedgerError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                do throws(LedgerError) { continuation.resume(returning: .success(try body())) }
                catch { continuation.resume(returning: .failure(error)) }
            }
            thread.name = name
            thread.stackSize = 8 << 20
            thread.start()
        }
        return try result.get()
    }
}
