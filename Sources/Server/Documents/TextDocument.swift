import Text

/// A text as lines of sentences, so that a paragraph or a whole document is translated sentence
/// by sentence (in one batch) and put back together as it was laid out: the same line breaks and
/// blank lines, each line's leading and trailing white space, its sentences joined by one space.
///
/// Lines are split at `\n`, so a sentence broken over two lines is translated as two pieces; a
/// `\r` before the `\n` stays as trailing white space.
struct TextDocument {
    /// The sentences to translate, line after line.
    let sentences: [String]
    private let lines: [Line]

    private struct Line {
        var leading: Substring
        var sentenceCount: Int
        var trailing: Substring
    }

    init(_ text: String, splitter: SentenceSplitter) {
        var sentences: [String] = []
        var lines: [Line] = []
        // By scalars: as characters, "\r\n" is one, which is not "\n".
        for lineScalars in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = Substring(lineScalars)
            let scalars = line.unicodeScalars
            let start = scalars.firstIndex { !$0.properties.isWhitespace } ?? scalars.endIndex
            let end = scalars[start...].lastIndex { !$0.properties.isWhitespace }.map(scalars.index(after:)) ?? start
            let found = start < end ? splitter.sentences(in: String(scalars[start..<end])) : []
            sentences += found
            lines.append(Line(leading: Substring(scalars[..<start]), sentenceCount: found.count, trailing: Substring(scalars[end...])))
        }
        self.sentences = sentences
        self.lines = lines
    }

    /// The text with each sentence replaced by its translation (`translations` in the order of
    /// `sentences`).
    func joined(_ translations: some Collection<String>) -> String {
        precondition(translations.count == sentences.count, "one translation per sentence")
        var text = ""
        var next = translations.startIndex
        for (index, line) in lines.enumerated() {
            if index > 0 { text += "\n" }
            text += line.leading
            let end = translations.index(next, offsetBy: line.sentenceCount)
            text += translations[next..<end].joined(separator: " ")
            next = end
            text += line.trailing
        }
        return text
    }
}
