/// What reading or writing lines can fail with (`LineReader`, `LineWriter`). Each description is
/// a complete sentence for a person that names the file, and the line when a line is to blame:
/// "train.de line 3: invalid UTF-8", "cannot write standard output: No space left on device".
public enum LineError: Error, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    /// `line` is 1-based.
    case invalidUTF8(path: String, line: Int)
    /// A line of more than `limit` bytes (an endless input such as /dev/zero has no line end).
    case lineTooLong(path: String, line: Int, limit: Int)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file"
        case .unreadable(let path, let reason):
            if path == LineReader.standardInputName { return "cannot read standard input: \(reason)" }
            return "\(path): cannot read: \(reason)"
        case .unwritable(let path, let reason):
            if path == LineWriter.standardOutputName { return "cannot write standard output: \(reason)" }
            return "\(path): cannot write: \(reason)"
        case .invalidUTF8(let path, let line):
            return "\(path) line \(line): invalid UTF-8"
        case .lineTooLong(let path, let line, let limit):
            return "\(path) line \(line): longer than \(limit) bytes; is it a text file with one sentence per line?"
        }
    }
}
