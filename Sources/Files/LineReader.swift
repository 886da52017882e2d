#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file or standard input one line at a time, in large chunks, checking that every line
/// is valid UTF-8. Lines end at `\n`; a trailing `\r` is dropped too, so CRLF files read the
/// same as LF files. The last line needs no newline. Memory stays at one chunk plus one line.
public final class LineReader {
    /// The path given to `init(path:)`, or `<stdin>`; used in error messages.
    public let name: String
    /// Number of lines returned so far; after `next()` it is the 1-based number of that line.
    public private(set) var lineNumber = 0

    private let file: POSIXFile
    /// False for a descriptor the caller opened (standard input), which stays open.
    private let ownsFile: Bool
    private var buffer: [UInt8]
    private var start = 0          // first unread byte in `buffer`
    private var end = 0            // one past the last valid byte in `buffer`
    private var atEndOfFile = false
    private static let chunkSize = 1 << 16

    /// The longest line read, in bytes without its line end (16 MiB): far beyond any sentence, and it keeps an input
    /// without line ends (/dev/zero, a binary file) from growing the buffer until memory runs out.
    public static let maximumLineLength = 1 << 24

    /// Opens `path` for reading: a regular file, a device or a pipe, not a directory. Throws
    /// `LineError.fileNotFound` or `.unreadable`.
    public init(path: String) throws {
        do {
            file = try POSIXFile.openStream(path)
        } catch let failure as POSIXFile.Failure {
            if failure.code == ENOENT { throw LineError.fileNotFound(path: path) }
            throw LineError.unreadable(path: path, reason: failure.reason)
        }
        name = path
        ownsFile = true
        buffer = [UInt8](repeating: 0, count: Self.chunkSize)
    }

    /// Reads from an already open descriptor, which stays open afterwards.
    public init(fileDescriptor: Int32, name: String) {
        self.name = name
        file = POSIXFile(descriptor: fileDescriptor)
        ownsFile = false
        buffer = [UInt8](repeating: 0, count: Self.chunkSize)
    }

    /// The name of standard input in messages: "<stdin> line 3: invalid UTF-8", and a failed
    /// read reads "cannot read standard input: Is a directory".
    public static let standardInputName = "<stdin>"

    /// Standard input, named `standardInputName` in messages.
    public static func standardInput() -> LineReader {
        LineReader(fileDescriptor: 0, name: standardInputName)
    }

    /// A close error after reading loses nothing.
    deinit {
        if ownsFile { try? file.close() }
    }

    /// The next line without its line ending, or nil at the end of the input.
    /// Throws `LineError.invalidUTF8` naming the file and line.
    public func next() throws -> String? {
        while true {
            if let newline = findNewline() {
                let line = try makeLine(from: start, to: newline)
                start = newline + 1
                return line
            }
            if atEndOfFile {
                if start == end { return nil }
                let line = try makeLine(from: start, to: end)
                start = end
                return line
            }
            if end - start > Self.maximumLineLength {
                throw LineError.lineTooLong(path: name, line: lineNumber + 1, limit: Self.maximumLineLength)
            }
            try refill()
        }
    }

    /// Reads every remaining line.
    public func readAll() throws -> [String] {
        var lines: [String] = []
        while let line = try next() { lines.append(line) }
        return lines
    }

    /// Every byte not yet returned, as read: no UTF-8 check, line endings kept. For callers
    /// that split lines their own way (sacrebleu splits on "\n" alone and keeps "\r").
    /// Throws `lineTooLong` like `next()`.
    public func readRemainingBytes() throws -> [UInt8] {
        var lines = lineNumber
        var lineStart = start
        var scanned = start  // bytes before it have been searched for line ends
        while true {
            // Line ends in the bytes read since the last pass; `lineStart` is the last one's successor.
            try buffer.withUnsafeBufferPointer { raw in
                while scanned < end {
                    guard let hit = memchr(raw.baseAddress! + scanned, 0x0A, end - scanned) else {
                        scanned = end
                        break
                    }
                    let position = UnsafeRawPointer(hit) - UnsafeRawPointer(raw.baseAddress!)
                    lines += 1
                    if position - lineStart > Self.maximumLineLength {
                        throw LineError.lineTooLong(path: name, line: lines, limit: Self.maximumLineLength)
                    }
                    lineStart = position + 1
                    scanned = position + 1
                }
                if end - lineStart > Self.maximumLineLength {
                    throw LineError.lineTooLong(path: name, line: lines + 1, limit: Self.maximumLineLength)
                }
            }
            if atEndOfFile { break }
            let offset = start
            try refill()
            // refill() moved the unread bytes to the front.
            lineStart -= offset - start
            scanned -= offset - start
        }
        let bytes = Array(buffer[start..<end])
        start = end
        return bytes
    }

    /// Reads every line of `path`.
    public static func lines(ofFile path: String) throws -> [String] {
        try LineReader(path: path).readAll()
    }

    private func findNewline() -> Int? {
        guard start < end else { return nil }
        return buffer.withUnsafeBufferPointer { raw -> Int? in
            let base = raw.baseAddress! + start
            guard let hit = memchr(base, 0x0A, end - start) else { return nil }
            return start + (UnsafeRawPointer(hit) - UnsafeRawPointer(base))
        }
    }

    private func makeLine(from lower: Int, to upper: Int) throws -> String {
        lineNumber += 1
        guard upper - lower <= Self.maximumLineLength else {
            throw LineError.lineTooLong(path: name, line: lineNumber, limit: Self.maximumLineLength)
        }
        var upper = upper
        if upper > lower, buffer[upper - 1] == 0x0D { upper -= 1 }
        let decoded = buffer.withUnsafeBufferPointer { raw in
            String(validating: UnsafeBufferPointer(rebasing: raw[lower..<upper]), as: UTF8.self)
        }
        guard let line = decoded else { throw LineError.invalidUTF8(path: name, line: lineNumber) }
        return line
    }

    /// Moves the unread tail to the front, grows the buffer for very long lines, reads a chunk.
    private func refill() throws {
        if start > 0 {
            let count = end - start
            buffer.withUnsafeMutableBufferPointer { raw in
                let base = raw.baseAddress!
                _ = memmove(base, base + start, count)
            }
            start = 0
            end = count
        }
        if buffer.count - end < Self.chunkSize / 2 {
            buffer.append(contentsOf: repeatElement(0, count: buffer.count))
        }
        let count: Int
        do {
            count = try buffer.withUnsafeMutableBytes { raw in
                try file.readSome(into: UnsafeMutableRawBufferPointer(rebasing: raw[end...]))
            }
        } catch let failure as POSIXFile.Failure {
            throw LineError.unreadable(path: name, reason: failure.reason)
        }
        if count == 0 { atEndOfFile = true }
        end += count
    }
}
