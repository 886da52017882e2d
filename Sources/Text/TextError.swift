/// Everything in `Text` that can fail on bad input. Each description is a complete sentence for a
/// person: it names the file, the line and the counts involved, so nothing goes wrong silently.
public enum TextError: Error, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    /// `line` is 1-based.
    case invalidUTF8(path: String, line: Int)
    /// A line of more than `limit` bytes (an endless input such as /dev/zero has no line end).
    case lineTooLong(path: String, line: Int, limit: Int)
    case lineCountMismatch(sourcePath: String, sourceLines: Int, targetPath: String, targetLines: Int)
    /// A tab-separated corpus line without exactly one tab.
    case malformedTabSeparatedLine(path: String, line: Int, tabs: Int)
    case invalidMerges(path: String, line: Int, reason: String)
    case invalidVocabulary(path: String, line: Int, reason: String)
    case unsupportedLanguage(code: String)
    case invalidArgument(String)

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
        case .lineCountMismatch(let sourcePath, let sourceLines, let targetPath, let targetLines):
            return "line counts differ: \(sourcePath) has \(sourceLines) lines, \(targetPath) has \(targetLines)"
        case .malformedTabSeparatedLine(let path, let line, let tabs):
            return "\(path) line \(line): expected source<TAB>target, found \(tabs) tabs"
        case .invalidMerges(let path, let line, let reason):
            return "\(path) line \(line): not a BPE merges file: \(reason)"
        case .invalidVocabulary(let path, let line, let reason):
            return "\(path) line \(line): not a vocabulary file: \(reason)"
        case .unsupportedLanguage(let code):
            let known = Language.allCases.map(\.rawValue).joined(separator: ", ")
            return "unsupported language '\(code)' (supported: \(known))"
        case .invalidArgument(let message):
            return message
        }
    }
}
