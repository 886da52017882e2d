/// Everything in `Text` that can fail on bad input. Each description is a complete sentence for a
/// person: it names the file, the line and the counts involved, so nothing goes wrong silently.
/// A file that cannot be read or written, or a line that is not UTF-8 or has no end, is Files'
/// `LineError`: the lines are read and written there.
public enum TextError: Error, Equatable, CustomStringConvertible {
    case lineCountMismatch(sourcePath: String, sourceLines: Int, targetPath: String, targetLines: Int)
    /// A tab-separated corpus line without exactly one tab.
    case malformedTabSeparatedLine(path: String, line: Int, tabs: Int)
    case invalidMerges(path: String, line: Int, reason: String)
    case invalidVocabulary(path: String, line: Int, reason: String)
    /// A language tag that is not well formed BCP 47 (`pt_BR`, `e`, `en-toolongsubtag`).
    case malformedLanguageTag(tag: String, reason: String)
    /// Bytes the SentencePiece library cannot load as a model.
    case invalidSentencePieceModel(path: String, reason: String)
    /// The SentencePiece trainer's refusal, in its words.
    case sentencePieceTraining(reason: String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .lineCountMismatch(let sourcePath, let sourceLines, let targetPath, let targetLines):
            return "line counts differ: \(sourcePath) has \(sourceLines) lines, \(targetPath) has \(targetLines)"
        case .malformedTabSeparatedLine(let path, let line, let tabs):
            return "\(path) line \(line): expected source<TAB>target, found \(tabs) tabs"
        case .invalidMerges(let path, let line, let reason):
            return "\(path) line \(line): not a BPE merges file: \(reason)"
        case .invalidVocabulary(let path, let line, let reason):
            return "\(path) line \(line): not a vocabulary file: \(reason)"
        case .malformedLanguageTag(let tag, let reason):
            return "'\(tag)' is not a language tag: \(reason); expected a BCP 47 tag such as en, cs, pt-BR or zh-Hans"
        case .invalidSentencePieceModel(let path, let reason):
            return "\(path): not a SentencePiece model: \(reason)"
        case .sentencePieceTraining(let reason):
            return "SentencePiece training failed: \(reason)"
        case .invalidArgument(let message):
            return message
        }
    }
}
