/// Splits a paragraph into sentences by the rules of Moses' split-sentences.perl, for any
/// language: a sentence ends where a word ends in `?`, `!` or a period (possibly inside closing
/// quotes or brackets) and the next word starts a sentence (opening quotes or brackets, then an
/// uppercase letter; after a period also a digit). A period does not end a sentence after a
/// non-breaking prefix of the language (`Mr.`, `z.B.`; `No.` only before a number) or after an
/// uppercase acronym (`U.S.`).
///
/// Beyond Moses, so that it serves every language:
/// - a letter of a script without case (Arabic, Hebrew, Devanagari, CJK…) starts a sentence as an
///   uppercase letter does (Moses knows Devanagari only);
/// - the ideographic full stop and the fullwidth `．！？` end a sentence without a space after
///   them (Moses does so for Chinese only), and `؟` and the dandas `।॥` are question and full
///   stop marks as `?` is;
/// - opening and closing punctuation of every script (`„`, `«`, `（`…) count where Moses names
///   quotes and brackets.
///
/// Languages without a non-breaking prefix list (all but `NonbreakingPrefixes`'s) keep single
/// capital letters (`J. Smith`) and acronyms only.
public struct SentenceSplitter: Sendable {
    private let prefixes: NonbreakingPrefixes

    /// `languageCode`: a BCP-47 tag or ISO 639 code (`en`, `de-AT`); its primary subtag picks
    /// the non-breaking prefixes.
    public init(languageCode: String) {
        let primary = languageCode.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        let rules = LanguageRules(languageSubtag: primary)
        if rules != .generic {
            prefixes = NonbreakingPrefixes.forRules(rules)
        } else {
            prefixes = Self.initialsOnly
        }
    }

    /// The sentences of `paragraph`, in order, each with its white space collapsed to single
    /// spaces and trimmed; none for a paragraph of white space only.
    public func sentences(in paragraph: String) -> [String] {
        let words = Self.words(of: paragraph)
        guard !words.isEmpty else { return [] }
        var sentences: [String] = []
        var current: [Unicode.Scalar] = []
        for index in words.indices {
            if !current.isEmpty && words[index - 1].spaceAfter { current.append(" ") }
            current.append(contentsOf: words[index].scalars)
            if index == words.count - 1 || endsSentence(after: index, in: words) {
                sentences.append(String(scalars: current))
                current.removeAll(keepingCapacity: true)
            }
        }
        return sentences
    }

    /// A word: scalars between spaces, or ending at a CJK full stop with no space after it.
    private struct Word {
        var scalars: [Unicode.Scalar]
        /// False for a word cut after a CJK full stop inside a run of text.
        var spaceAfter: Bool
        /// Ends in a CJK full stop (and closing quotes): a sentence ends after it, whatever follows.
        var endsWithFullStop: Bool
    }

    private static func words(of text: String) -> [Word] {
        var words: [Word] = []
        var current: [Unicode.Scalar] = []
        var afterFullStop = false
        func finish(spaceAfter: Bool) {
            guard !current.isEmpty else { return }
            words.append(Word(scalars: current, spaceAfter: spaceAfter, endsWithFullStop: afterFullStop))
            current.removeAll(keepingCapacity: true)
            afterFullStop = false
        }
        for scalar in text.unicodeScalars {
            if scalar.isSpace || scalar.value < 0x20 {
                finish(spaceAfter: true)
                continue
            }
            // A full stop's run (and the closing quotes after it) ends at the next other scalar.
            if afterFullStop && !isFullStop(scalar) && !isCloser(scalar) { finish(spaceAfter: false) }
            current.append(scalar)
            if isFullStop(scalar) { afterFullStop = true }
        }
        finish(spaceAfter: true)
        return words
    }

    /// Whether a sentence ends between `words[index]` and `words[index + 1]`.
    private func endsSentence(after index: Int, in words: [Word]) -> Bool {
        let word = words[index].scalars
        if words[index].endsWithFullStop { return true }
        let next = words[(index + 1)...]
        guard let last = word.last else { return false }
        // ? ! (and their kin), or two or more periods, then a sentence start.
        if Self.isQuestionOrExclamation(last) || (last == "." && word.count >= 2 && word[word.count - 2] == ".") {
            if Self.startsSentence(next, allowingDigit: false) { return true }
        }
        // ? ! or . inside closing quotes or brackets: `"Stop."` `(yes!)`, or the closers as a
        // word of their own after the mark (`Stop . "`).
        if Self.isCloser(last) {
            let closersStart = word.lastIndex(where: { !Self.isCloser($0) }).map { $0 + 1 } ?? 0
            let mark = closersStart > 0 ? word[closersStart - 1]
                : index > 0 ? words[index - 1].scalars.last : nil
            if let mark, mark == "." || Self.isQuestionOrExclamation(mark), Self.startsSentence(next, allowingDigit: false) {
                return true
            }
        }
        guard last == "." else { return false }
        // A period, then opening quotes or brackets and an uppercase letter: a break even after
        // a non-breaking prefix, as in Moses.
        if let first = next.first?.scalars, first.count > 1, Self.isOpener(first[0]),
           let letter = first.first(where: { !Self.isOpener($0) }), letter.properties.isUppercase {
            return true
        }
        return periodEndsSentence(word, before: next)
    }

    /// split-sentences.perl's last rule, for a word ending in periods: `prefix closers periods`.
    private func periodEndsSentence(_ word: [Unicode.Scalar], before next: ArraySlice<Word>) -> Bool {
        var periodsStart = word.count
        while periodsStart > 0 && word[periodsStart - 1] == "." { periodsStart -= 1 }
        var closersStart = periodsStart
        while closersStart > 0 && Self.isMosesCloser(word[closersStart - 1]) { closersStart -= 1 }
        var prefixStart = closersStart
        while prefixStart > 0 && Self.isPrefixScalar(word[prefixStart - 1]) { prefixStart -= 1 }
        // Perl's greedy [\w.-]* keeps all but the last period when no closer stands between.
        let prefixEnd = closersStart == periodsStart ? word.count - 1 : closersStart
        let prefix = prefixStart < prefixEnd ? String(scalars: word[prefixStart..<prefixEnd]) : ""
        let hasClosers = closersStart < periodsStart
        let kind = prefix.isEmpty || hasClosers ? nil : prefixes.kind(of: prefix)
        if kind == .always { return false }
        if Self.isUppercaseAcronym(word) { return false }
        guard Self.startsSentence(next, allowingDigit: true) else { return false }
        // `No. 5`: a prefix that holds before numbers only.
        if kind == .beforeNumber, let first = next.first?.scalars.first, first.isASCIIDigit { return false }
        return true
    }

    /// `(\.)[\p{IsUpper}\-]+(\.+)$`: a period, uppercase letters or hyphens, periods at the end.
    private static func isUppercaseAcronym(_ word: [Unicode.Scalar]) -> Bool {
        var end = word.count
        while end > 0 && word[end - 1] == "." { end -= 1 }
        var start = end
        while start > 0 && (word[start - 1].properties.isUppercase || word[start - 1] == "-") { start -= 1 }
        return start < end && start > 0 && word[start - 1] == "."
    }

    /// The words start with optional opening quotes or brackets (a word of them alone may stand
    /// before), then an uppercase or caseless letter, or a digit when allowed.
    private static func startsSentence(_ words: ArraySlice<Word>, allowingDigit: Bool) -> Bool {
        for word in words.prefix(2) {
            guard let first = word.scalars.first(where: { !isOpener($0) }) else { continue }
            let properties = first.properties
            if properties.isUppercase || properties.generalCategory == .titlecaseLetter { return true }
            if properties.generalCategory == .otherLetter { return true }
            return allowingDigit && first.isNumber
        }
        return false
    }

    private static func isQuestionOrExclamation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "?", "!", "\u{061F}", "\u{0964}", "\u{0965}": return true
        default: return false
        }
    }

    /// The ideographic full stop and the fullwidth full stop, question and exclamation marks.
    private static func isFullStop(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\u{3002}", "\u{FF0E}", "\u{FF1F}", "\u{FF01}": return true
        default: return false
        }
    }

    /// Quotes and brackets that open: `' " ( [ ¿ ¡`, and initial or opening punctuation.
    private static func isOpener(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "'", "\"", "(", "[", "¿", "¡": return true
        default:
            switch scalar.properties.generalCategory {
            case .initialPunctuation, .openPunctuation: return true
            default: return false
            }
        }
    }

    /// Quotes and brackets that close: `' " ) ]`, and final or closing punctuation. Initial
    /// quotes too: German closes with `“`, an initial quote elsewhere.
    private static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "'", "\"", ")", "]": return true
        default:
            switch scalar.properties.generalCategory {
            case .finalPunctuation, .closePunctuation, .initialPunctuation: return true
            default: return false
            }
        }
    }

    /// The closers of the period rule, which also names `%`.
    private static func isMosesCloser(_ scalar: Unicode.Scalar) -> Bool { scalar == "%" || isCloser(scalar) }

    /// Perl `[\w.-]`: letters, marks, digits, connector punctuation, periods and hyphens.
    private static func isPrefixScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "." || scalar == "-" || scalar == "_" || scalar.isAlnum { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation: return true
        default: return false
        }
    }

    private static let initialsOnly = NonbreakingPrefixes(
        always: (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { String(UnicodeScalar($0)) })
}
