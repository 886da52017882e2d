#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes lines to a file or standard output through one large buffer: a `print` per line costs
/// more than tokenizing it. Call `flush()` at the end; it reports write errors.
public final class LineWriter {
    /// The path given to `init(path:)`, or `<stdout>`; used in error messages.
    public let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private static let flushThreshold = 1 << 16

    /// Creates or truncates `path`.
    public init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 {
            throw TextError.unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        name = path
        descriptor = fd
        ownsDescriptor = true
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    /// Writes to an already open descriptor, which stays open afterwards.
    public init(fileDescriptor: Int32, name: String) {
        self.name = name
        descriptor = fileDescriptor
        ownsDescriptor = false
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    /// The name of standard output in messages: a failed write reads
    /// "cannot write standard output: No space left on device".
    public static let standardOutputName = "<stdout>"

    /// Standard output, named `standardOutputName` in messages.
    public static func standardOutput() -> LineWriter {
        LineWriter(fileDescriptor: 1, name: standardOutputName)
    }

    deinit {
        try? flush()
        if ownsDescriptor { close(descriptor) }
    }

    /// Appends `line` and a newline.
    public func write(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Appends `parts` joined by single spaces, and a newline, without building the joined string.
    public func write(joining parts: [String]) throws {
        for (i, part) in parts.enumerated() {
            if i > 0 { buffer.append(0x20) }
            buffer.append(contentsOf: part.utf8)
        }
        buffer.append(0x0A)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Writes out everything buffered.
    public func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBufferPointer { raw in
                systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                buffer.removeAll(keepingCapacity: true)
                throw TextError.unwritable(path: name, reason: reason)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The C `write`, out of reach of `LineWriter.write` name lookup.
private func systemWrite(_ fd: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(fd, bytes, count)
}
