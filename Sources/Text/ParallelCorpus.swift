import Files

/// One line of a parallel corpus: a sentence and its translation, as read (not yet normalized).
public struct SentencePair: Equatable, Sendable {
    public var source: String
    public var target: String

    public init(source: String, target: String) {
        self.source = source
        self.target = target
    }
}

/// Where a parallel corpus lives: two line-aligned files (`train.en` and `train.de`), or one file
/// of `source<TAB>target` lines. Reading streams line by line and checks as it goes: a missing
/// file names its path, invalid UTF-8 names file and line, two files of different lengths name
/// both files and both line counts. Empty sentences are returned as they are; `Batcher` skips
/// and counts them once they are tokenized.
public struct ParallelCorpus: Sendable {
    public enum Layout: Equatable, Sendable {
        case aligned(sourcePath: String, targetPath: String)
        case tabSeparated(path: String)
    }

    public let layout: Layout

    /// Two line-aligned files.
    public init(sourcePath: String, targetPath: String) {
        layout = .aligned(sourcePath: sourcePath, targetPath: targetPath)
    }

    /// `prefix.sourceSuffix` and `prefix.targetSuffix`, e.g. `data/train` with `en` and `de`.
    public init(prefix: String, sourceSuffix: String, targetSuffix: String) {
        self.init(sourcePath: "\(prefix).\(sourceSuffix)", targetPath: "\(prefix).\(targetSuffix)")
    }

    /// One file of `source<TAB>target` lines.
    public init(tabSeparatedPath: String) {
        layout = .tabSeparated(path: tabSeparatedPath)
    }

    /// Opens the file(s) for streaming.
    public func makeReader() throws -> ParallelCorpusReader {
        try ParallelCorpusReader(layout: layout)
    }

    /// Every pair, in corpus order.
    public func readAll() throws -> [SentencePair] {
        let reader = try makeReader()
        var pairs: [SentencePair] = []
        while let pair = try reader.next() { pairs.append(pair) }
        return pairs
    }
}

/// Streams the pairs of a `ParallelCorpus`, one line of each side at a time.
public final class ParallelCorpusReader {
    private let source: LineReader
    private let target: LineReader?

    init(layout: ParallelCorpus.Layout) throws {
        switch layout {
        case .aligned(let sourcePath, let targetPath):
            source = try LineReader(path: sourcePath)
            target = try LineReader(path: targetPath)
        case .tabSeparated(let path):
            source = try LineReader(path: path)
            target = nil
        }
    }

    /// Number of pairs returned so far.
    public var pairCount: Int { source.lineNumber }

    /// The next pair, or nil after the last one.
    public func next() throws -> SentencePair? {
        guard let target else { return try nextTabSeparated() }
        let sourceLine = try source.next()
        let targetLine = try target.next()
        switch (sourceLine, targetLine) {
        case let (sourceLine?, targetLine?):
            return SentencePair(source: sourceLine, target: targetLine)
        case (nil, nil):
            return nil
        default:
            // Count what is left of the longer file so the message can give both lengths.
            let longer = sourceLine == nil ? target : source
            while try longer.next() != nil {}
            throw TextError.lineCountMismatch(
                sourcePath: source.name, sourceLines: source.lineNumber,
                targetPath: target.name, targetLines: target.lineNumber)
        }
    }

    /// A blank line is an empty pair; any other line needs exactly one tab.
    private func nextTabSeparated() throws -> SentencePair? {
        guard let line = try source.next() else { return nil }
        if line.allSatisfy(\.isWhitespace) { return SentencePair(source: "", target: "") }
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 2 else {
            throw TextError.malformedTabSeparatedLine(path: source.name, line: source.lineNumber, tabs: fields.count - 1)
        }
        return SentencePair(source: String(fields[0]), target: String(fields[1]))
    }
}
