#if canImport(Glibc)
import Glibc
#endif

/// glibc's allocator, set for a process that builds and drops large arrays.
///
/// A query over an agency decodes tens of thousands of events into buffers of a few megabytes.
/// By default glibc serves each from its own `mmap` and unmaps it when freed, so the next one
/// faults in fresh zeroed pages: a third of `hours --agency`'s time went to page faults
/// (Docs/PERFORMANCE.md, "Learning hours at scale"). Raising the mmap threshold to 32 MB and
/// keeping freed memory (trim at 1 GB) lets the process reuse its own pages.
///
/// `mallopt` lives in glibc's `malloc.h`, which Swift's Glibc module does not export, so it is
/// looked up by name; where it is missing (not glibc) nothing changes.
enum MallocTuning {
    /// Applies the settings once, before any work; `GLIBC_TUNABLES` set by the caller wins.
    static func apply() {
        #if canImport(Glibc)
        if let tunables = getenv("GLIBC_TUNABLES"), String(cString: tunables).contains("malloc.") { return }
        guard let symbol = dlsym(nil, "mallopt") else { return }
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(mTrimThreshold, 1 << 30)
        _ = mallopt(mMmapThreshold, 32 << 20)
        #endif
    }

    // malloc.h: M_TRIM_THRESHOLD -1, M_MMAP_THRESHOLD -3.
    private static let mTrimThreshold: Int32 = -1
    private static let mMmapThreshold: Int32 = -3
}
