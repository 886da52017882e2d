#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file descriptor whose failures carry `strerror` text. Reads and writes loop over short
/// transfers and EINTR, so callers move whole blocks (tens of megabytes) in one call.
public struct POSIXFile {
    public struct Failure: Error {
        public var operation: String
        public var code: Int32
        /// Said instead of `strerror(code)` when the system's words would mislead.
        public var explanation: String?
        /// The explanation, else the system's `strerror` text: "No such file or directory".
        public var reason: String { explanation ?? String(cString: strerror(code)) }
        public var message: String { "\(operation): \(reason)" }

        public init(operation: String, code: Int32, explanation: String? = nil) {
            self.operation = operation
            self.code = code
            self.explanation = explanation
        }
    }

    public let descriptor: Int32

    /// Opens a regular file for reading. O_NONBLOCK keeps the open itself from waiting for a
    /// writer when `path` is a FIFO; anything but a regular file is then refused, and regular
    /// files ignore the flag.
    public static func openForReading(_ path: String) throws -> POSIXFile {
        let file = try open(path, flags: O_RDONLY | O_CLOEXEC | O_NONBLOCK, mode: 0, operation: "open")
        do {
            _ = try file.size()
        } catch {
            try? file.close()
            throw error
        }
        return file
    }

    /// Opens whatever `path` names for reading from start to end — a regular file, a device, a
    /// pipe (`--input <(zcat train.gz)`) — but a directory, which would fail only at the first
    /// read. Unlike `openForReading`, the open waits for a FIFO's writer: a stream is read as
    /// it comes.
    public static func openStream(_ path: String) throws -> POSIXFile {
        let file = try open(path, flags: O_RDONLY | O_CLOEXEC, mode: 0, operation: "open")
        var status = stat()
        if fstat(file.descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            try? file.close()
            throw Failure(operation: "open", code: EISDIR, explanation: "is a directory")
        }
        return file
    }

    /// Creates or truncates `path` for writing, mode 0666 less the umask.
    public static func create(_ path: String) throws -> POSIXFile {
        try open(path, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode: 0o666, operation: "create")
    }

    /// Opens `path` for appending, creating it if needed (mode 0666 less the umask): each write
    /// lands at the end, after whatever an earlier run left.
    public static func openForAppending(_ path: String) throws -> POSIXFile {
        try open(path, flags: O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode: 0o666, operation: "open")
    }

    static func open(_ path: String, flags: Int32, mode: mode_t, operation: String) throws -> POSIXFile {
        while true {
            let descriptor = path.withCString { systemOpen($0, flags, mode) }
            if descriptor >= 0 { return POSIXFile(descriptor: descriptor) }
            if errno != EINTR { throw Failure(operation: operation, code: errno) }
        }
    }

    /// Size in bytes; fails for anything but a regular file, saying what it is.
    public func size() throws -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(operation: "stat", code: errno) }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG else {
            throw Failure(operation: "open", code: kind == S_IFDIR ? EISDIR : EINVAL,
                          explanation: "not a regular file (\(Self.describe(kind)))")
        }
        return Int(status.st_size)
    }

    private static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a pipe or FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "file type \(String(kind, radix: 8))"
        }
    }

    /// Fills `buffer` from the current position; returns fewer bytes only at end of file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let n = systemRead(descriptor, base + done, buffer.count - done)
            if n > 0 {
                done += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                throw Failure(operation: "read", code: errno)
            }
        }
        return done
    }

    /// One read of at most `buffer.count` bytes: whatever a pipe or terminal has now, so that a
    /// line-by-line reader answers each line as it arrives. Returns 0 only at end of file.
    public func readSome(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = systemRead(descriptor, base, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw Failure(operation: "read", code: errno) }
        }
    }

    /// Writes all of `bytes` at the current position.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = systemWrite(descriptor, base + done, bytes.count - done)
            if n >= 0 {
                done += n
            } else if errno != EINTR {
                throw Failure(operation: "write", code: errno)
            }
        }
    }

    /// fsync: the file's data and size are on disk when this returns.
    public func synchronize() throws {
        guard fsync(descriptor) == 0 else { throw Failure(operation: "fsync", code: errno) }
    }

    /// Close errors matter after writing (NFS reports some only here), so they are thrown.
    public func close() throws {
        guard systemClose(descriptor) == 0 else { throw Failure(operation: "close", code: errno) }
    }

    /// Only a regular file (or nothing) may be replaced: a rename over a FIFO or a device node
    /// (`--output /dev/null` as root) would swap the node itself for a file.
    public static func requireReplaceable(_ path: String) throws {
        guard let kind = kind(of: path), kind != S_IFREG else { return }
        throw Failure(operation: "replace", code: kind == S_IFDIR ? EISDIR : EINVAL,
                      explanation: "not a regular file (\(describe(kind)))")
    }

    /// Whether `requireReplaceable` would let `path` be replaced: a regular file or nothing.
    public static func isReplaceable(_ path: String) -> Bool {
        guard let kind = kind(of: path) else { return true }
        return kind == S_IFREG
    }

    /// The file type of `path` itself (a symbolic link is not followed), nil if nothing is there.
    private static func kind(of path: String) -> mode_t? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return status.st_mode & S_IFMT
    }
}

// The C functions under names that do not clash with POSIXFile's methods.
private func systemOpen(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
