import Foundation

/// Phase timings of a bulk run on standard error, when `STUDYLEAVE_TRACE` is set: how
/// Docs/PERFORMANCE.md splits an import or a rebuild into its parts. Silent otherwise.
struct PhaseClock {
    static let enabled = ProcessInfo.processInfo.environment["STUDYLEAVE_TRACE"] != nil
    private let start = ContinuousClock.now
    private var last = ContinuousClock.now
    private let name: String

    init(_ name: String) { self.name = name }

    mutating func mark(_ phase: String) {
        guard Self.enabled else { return }
        let now = ContinuousClock.now
        let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        FileHandle.standardError.write(Data(String(format: "%@ %@: %.2f s (at %.2f s)\n", name, phase, seconds(now - last), seconds(now - start)).utf8))
        last = now
    }
}
