/// Writes lines through one large buffer: a `print` per line costs more than tokenizing it.
///
/// Two ways to get one. `standardOutput()` is a plain stream: call `flush()` at the end, which
/// reports write errors. A file by path is written only through `LineWriter.replace(_:writing:)`,
/// which flushes and puts the file in place itself, so that nobody sees it half written.
public final class LineWriter {
    /// The path being written, or `<stdout>`; used in error messages.
    public let name: String
    /// Nil once the `replace` that made this writer has returned: its file is closed by then.
    private var file: POSIXFile?
    private var buffer: [UInt8] = []
    private static let flushThreshold = 1 << 16

    /// Writes to an already open descriptor, which stays open afterwards.
    public convenience init(fileDescriptor: Int32, name: String) {
        self.init(file: POSIXFile(descriptor: fileDescriptor), name: name)
    }

    init(file: POSIXFile, name: String) {
        self.name = name
        self.file = file
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    /// The name of standard output in messages: a failed write reads
    /// "cannot write standard output: No space left on device".
    public static let standardOutputName = "<stdout>"

    /// Standard output, named `standardOutputName` in messages.
    public static func standardOutput() -> LineWriter {
        LineWriter(fileDescriptor: 1, name: standardOutputName)
    }

    /// A stream whose owner forgot `flush()` still gets its lines, as far as they can be written.
    deinit {
        if file != nil { try? flush() }
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

    /// Writes out everything buffered. Throws `LineError.unwritable`; the buffered lines are
    /// dropped either way, so a later flush does not repeat them.
    public func flush() throws {
        guard let file else {
            preconditionFailure("\(name): a LineWriter is used after the LineWriter.replace that made it returned")
        }
        defer { buffer.removeAll(keepingCapacity: true) }
        do {
            try buffer.withUnsafeBytes { try file.write($0) }
        } catch let failure as POSIXFile.Failure {
            throw LineError.unwritable(path: name, reason: failure.reason)
        }
    }

    /// Called by `replace` before it closes the file: the writer may outlive the closure (kept
    /// in a variable), and its buffer must then never reach a descriptor that another file reuses.
    func detach() {
        file = nil
        buffer.removeAll()
    }
}
