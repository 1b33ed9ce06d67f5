import Foundation

/// Lines of a file, read in large chunks (an import may hold millions). Read by one thread at a
/// time (the import's reading thread); `bytesRead` may be asked from any.
public final class LineSource: @unchecked Sendable {
    let handle: FileHandle
    var buffer: [UInt8] = []
    var start = 0
    var eof = false
    private let lock = NSLock()
    private var read: Int64 = 0
    public var bytesRead: Int64 { lock.withLock { read } }

    public init(path: String) throws(LedgerError) {
        var folder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &folder), folder.boolValue {
            throw .io("cannot read \(path): it is a folder, not a file")
        }
        guard let h = FileHandle(forReadingAtPath: path) else { throw .io("cannot read \(path): no such file, or no permission") }
        handle = h
    }

    public init(handle: FileHandle) { self.handle = handle }

    public func nextLine() throws -> [UInt8]? {
        var line: [UInt8] = []
        return try nextLine(into: &line) ? line : nil
    }

    /// Puts the next line (without its newline) in `line`, reusing its storage; false at the end.
    public func nextLine(into line: inout [UInt8]) throws -> Bool {
        while true {
            // memchr: the line's end found a word at a time, not a byte at a time.
            let newline: Int? = buffer.withUnsafeBufferPointer { b in
                guard start < b.count, let base = b.baseAddress, let p = memchr(base + start, 10, b.count - start) else { return nil }
                return UnsafeRawPointer(p) - UnsafeRawPointer(base)
            }
            if let nl = newline {
                line.removeAll(keepingCapacity: true)
                line.append(contentsOf: buffer[start..<nl])
                start = nl + 1
                return true
            }
            if eof {
                guard start < buffer.count else { return false }
                line.removeAll(keepingCapacity: true)
                line.append(contentsOf: buffer[start...])
                start = buffer.count
                return true
            }
            buffer.removeFirst(start)
            start = 0
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                // In the file's words, not the ledger's: the ledger is fine.
                let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? (error as NSError).code
                throw LedgerError.io("the import file cannot be read after \(bytesRead) bytes: \(String(cString: strerror(Int32(code)))); nothing was imported")
            }
            if chunk.isEmpty { eof = true } else {
                buffer.append(contentsOf: chunk)
                lock.withLock { read += Int64(chunk.count) }
            }
        }
    }
}
