import Foundation

/// An append-only array that keeps its full blocks in a temporary file, not in memory: what an
/// import gathers for its last phase (the tag index's 83 million tag numbers at national scale,
/// 330 MB) and reads back a few times in order, never at random.
///
/// The file is made at the first full block, in `folder`, and unlinked at once, so it goes with
/// the process however that ends. Where no file can be made or written (a full disk, a folder
/// that refuses it), the blocks stay in memory: the import then needs more memory, but never
/// fails for it. A block read back short is an error (`LedgerError.io`): the file was written by
/// this process and must be whole.
struct SpillArray<Element: BitwiseCopyable & Sendable>: Sendable {
    /// Elements a block (4 MB of 4-byte numbers); a smaller size in the tests.
    let blockSize: Int
    private let folder: String
    private var spill: SpillFile?
    private var blocks: [Block] = []
    private var open: [Element] = []
    private(set) var count = 0

    private enum Block: Sendable {
        case inFile(offset: Int64)
        case inMemory([Element])
    }

    /// An empty array that spills into `folder` (the system's temporary folder by default).
    init(folder: String = FileManager.default.temporaryDirectory.path, blockSize: Int = 1 << 20) {
        self.folder = folder
        self.blockSize = blockSize
    }

    /// How many blocks are in the file (the tests ask).
    var blocksInFile: Int { blocks.count { if case .inFile = $0 { true } else { false } } }

    mutating func append(_ e: Element) {
        if open.isEmpty { open.reserveCapacity(blockSize) }
        open.append(e)
        count += 1
        if open.count == blockSize { seal() }
    }

    private mutating func seal() {
        if spill == nil { spill = SpillFile(folder: folder) }
        if let spill, let offset = open.withUnsafeBytes({ spill.append($0) }) {
            blocks.append(.inFile(offset: offset))
            open.removeAll(keepingCapacity: true)
        } else {
            blocks.append(.inMemory(open))
            open = []
        }
    }

    /// Every element in order; the file's blocks read back one at a time into one buffer.
    func forEach(_ body: (Element) -> Void) throws(LedgerError) {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: blockSize)
        defer { buffer.deallocate() }
        for block in blocks {
            switch block {
            case .inMemory(let elements):
                elements.withUnsafeBufferPointer { for e in $0 { body(e) } }
            case .inFile(let offset):
                guard let spill, spill.read(into: UnsafeMutableRawBufferPointer(buffer), at: offset) else {
                    throw LedgerError.io("the import's temporary file could not be read back; nothing was imported")
                }
                for e in buffer { body(e) }
            }
        }
        open.withUnsafeBufferPointer { for e in $0 { body(e) } }
    }
}

/// An unlinked temporary file, appended to and read at any offset (`pwrite`, `pread`).
final class SpillFile: @unchecked Sendable {
    // `end` changes only in `append`, which the one array owning the file calls from one thread.
    private let fd: Int32
    private var end: Int64 = 0

    /// Nil where no file can be made in `folder`.
    init?(folder: String) {
        var template = Array("\(folder)/.studyleave-spill-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Writes the bytes at the file's end; their offset, or nil when they could not all be written.
    func append(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(end) + off_t(done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        defer { end += Int64(bytes.count) }
        return end
    }

    /// Fills `buffer` from `offset`; false when the file gave less.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Bool {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}
