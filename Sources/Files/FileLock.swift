#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a file, held until `release()` (or deinit) or until the holder's process
/// ends: the kernel drops an `flock` lock with its last descriptor, so a lock whose holder was
/// killed is simply taken by the next process, with no stale state to clean up. Taking it never
/// waits: a lock already held is refused at once (`Held`), naming the holder's process id, which
/// the holder writes into the file.
///
/// `flock` locks belong to an open file, not to a process: a second `acquire` in the same process
/// is refused as well.
public final class FileLock {
    /// The lock is held by another open file, of the process `holder` when the file names one.
    public struct Held: Error, Equatable {
        public var path: String
        public var holder: Int32?

        public init(path: String, holder: Int32?) {
            self.path = path
            self.holder = holder
        }
    }

    public let path: String
    private var file: POSIXFile?

    private init(path: String, file: POSIXFile) {
        self.path = path
        self.file = file
    }

    /// Takes the lock on `path` (created if missing) and writes this process's id into it.
    /// Throws `Held` when another holds it, `POSIXFile.Failure` when the file cannot be opened.
    public static func acquire(_ path: String) throws -> FileLock {
        let file = try POSIXFile.open(path, flags: O_RDWR | O_CREAT | O_CLOEXEC, mode: 0o666, operation: "open")
        guard flock(file.descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            defer { try? file.close() }
            guard code == EWOULDBLOCK else { throw POSIXFile.Failure(operation: "lock", code: code) }
            throw Held(path: path, holder: holder(of: file))
        }
        let lock = FileLock(path: path, file: file)
        do {
            guard ftruncate(file.descriptor, 0) == 0 else { throw POSIXFile.Failure(operation: "truncate", code: errno) }
            let line = Array("\(getpid())\n".utf8)
            try line.withUnsafeBytes { try file.write($0) }
        } catch {
            lock.release()
            throw error
        }
        return lock
    }

    /// Drops the lock; the file stays (removing it could let two processes lock two files of one name).
    public func release() {
        guard let file else { return }
        self.file = nil
        try? file.close()
    }

    deinit { release() }

    /// The process id the holder wrote, if the file holds one.
    private static func holder(of file: POSIXFile) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = (try? bytes.withUnsafeMutableBytes { try file.read(into: $0) }) ?? 0
        let text = String(decoding: bytes.prefix(count), as: UTF8.self).split(separator: "\n").first ?? ""
        return Int32(text)
    }
}
