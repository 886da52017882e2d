/// Splits a normalized line into tokens the way Moses' tokenizer.perl does for space-delimited
/// European languages, without its XML escaping:
///
/// - every character that is not a letter, digit, space or one of `. ' ` , -` stands alone, so
///   `(`, `"`, `!`, `?`, `:`, `;`, `%`, `&`, `/` become tokens; hyphenated words stay whole;
/// - runs of two or more periods (`...`) are one token;
/// - a comma splits off unless it sits between two digits (`5,300` stays);
/// - apostrophes follow the language (`LanguageRules`): English `it 's`, `doesn 't`, `90 's`;
///   French `l' homme`, `qu' il`; every other language splits them off on both sides
///   (`mcdonald ' s`);
/// - a word-final period splits off unless the word is a known abbreviation
///   (`NonbreakingPrefixes`), contains another period and a letter (`u.s.`, `z.b.`), or the next
///   word starts with a lowercase letter; the period of the last word splits off unless the
///   word is an abbreviation (Czech ends sentences with `atd.` or `bot.`, as the Multi30k files
///   show).
///
/// Rules run in tokenizer.perl's order, each over the whole line, because each sees the spaces
/// the earlier ones inserted. The work is done on an array of Unicode scalars, without regular
/// expressions.
public struct Tokenizer: Sendable {
    public let language: Language
    private let prefixes: NonbreakingPrefixes

    public init(language: Language) {
        self.language = language
        self.prefixes = NonbreakingPrefixes.forRules(language.rules)
    }

    /// The tokens of one line (normalize it first; see `Normalizer`).
    public func tokenize(_ line: String) -> [String] {
        var text = Self.cleanSpaces(line)
        if text.isEmpty { return [] }
        text = Self.separateSpecialCharacters(text)
        if text.contains(",") { text = Self.separateCommas(text) }
        if text.contains("'") { text = separateApostrophes(text) }
        return splitWords(text)
    }

    /// White space of any kind becomes one ASCII space; other control characters (below U+0020)
    /// are dropped; the ends are trimmed.
    static func cleanSpaces(_ line: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(line.utf8.count)
        var pendingSpace = false
        for scalar in line.unicodeScalars {
            if scalar.isSpace {
                pendingSpace = true
            } else if scalar.value >= 0x20 {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return out
    }

    /// Puts spaces around every scalar that is not alphanumeric, a space or one of `. ' ` , -`,
    /// and around runs of two or more periods.
    static func separateSpecialCharacters(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.count + text.count / 4)
        var i = 0
        while i < text.count {
            let scalar = text[i]
            switch scalar {
            case ".":
                var j = i + 1
                while j < text.count, text[j] == "." { j += 1 }
                if j - i >= 2 {
                    out.append(" ")
                    out.append(contentsOf: text[i..<j])
                    out.append(" ")
                } else {
                    out.append(".")
                }
                i = j
                continue
            case " ", "'", "`", ",", "-":
                out.append(scalar)
            default:
                if scalar.isAlnum {
                    out.append(scalar)
                } else {
                    out.append(" ")
                    out.append(scalar)
                    out.append(" ")
                }
            }
            i += 1
        }
        return out
    }

    /// A comma stands alone unless both neighbours are numbers.
    static func separateCommas(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.count + 8)
        for i in text.indices {
            if text[i] == "," {
                let numberBefore = i > 0 && text[i - 1].isNumber
                let numberAfter = i + 1 < text.count && text[i + 1].isNumber
                if !(numberBefore && numberAfter) {
                    out.append(contentsOf: [" ", ",", " "])
                    continue
                }
            }
            out.append(text[i])
        }
        return out
    }

    private func separateApostrophes(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var text = text
        let notAlpha: (Unicode.Scalar) -> Bool = { !$0.isAlpha }
        let alpha: (Unicode.Scalar) -> Bool = { $0.isAlpha }
        switch language.rules.apostropheRule {
        case .attachRight:
            text.splitApostrophes(between: notAlpha, and: notAlpha, spaceBefore: true, spaceAfter: true)
            text.splitApostrophes(between: { !$0.isAlpha && !$0.isNumber }, and: alpha, spaceBefore: true, spaceAfter: true)
            text.splitApostrophes(between: alpha, and: notAlpha, spaceBefore: true, spaceAfter: true)
            text.splitApostrophes(between: alpha, and: alpha, spaceBefore: true, spaceAfter: false)
            // The 1990's: a decade keeps its 's like a possessive.
            text.splitApostrophes(between: { $0.isNumber }, and: { $0 == "s" }, spaceBefore: true, spaceAfter: false)
        case .attachLeft:
            text.splitApostrophes(between: notAlpha, and: notAlpha, spaceBefore: true, spaceAfter: true)
            text.splitApostrophes(between: notAlpha, and: alpha, spaceBefore: true, spaceAfter: true)
            text.splitApostrophes(between: alpha, and: notAlpha, spaceBefore: true, spaceAfter: true)
            text.splitApostrophes(between: alpha, and: alpha, spaceBefore: false, spaceAfter: true)
        case .separate:
            var out: [Unicode.Scalar] = []
            out.reserveCapacity(text.count + 8)
            for scalar in text {
                if scalar == "'" { out.append(contentsOf: [" ", "'", " "]) } else { out.append(scalar) }
            }
            text = out
        }
        return text
    }

    /// Splits on spaces and applies the final-period rule word by word.
    private func splitWords(_ text: [Unicode.Scalar]) -> [String] {
        var words: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        for i in 0...text.count where i == text.count || text[i] == " " {
            if i > start { words.append(text[start..<i]) }
            start = i + 1
        }
        var tokens: [String] = []
        tokens.reserveCapacity(words.count + 2)
        // A line ending in `.'` (a quotation closed after its period) has its apostrophe at the
        // very end, where no apostrophe rule reaches; tokenizer.perl splits it off explicitly.
        var closingQuote = false
        if let last = words.last, last.count >= 2, last.suffix(2).elementsEqual([".", "'"]) {
            words[words.count - 1] = last.dropLast()
            closingQuote = true
        }
        for (i, word) in words.enumerated() {
            if word.count >= 2, word.last == ".", !word.allSatisfy({ $0 == "." }),
               splitsFinalPeriod(word.dropLast(), next: i + 1 < words.count ? words[i + 1] : nil) {
                tokens.append(String(scalars: word.dropLast()))
                tokens.append(".")
            } else {
                tokens.append(String(scalars: word))
            }
        }
        if closingQuote { tokens.append("'") }
        return tokens
    }

    private func splitsFinalPeriod(_ stem: ArraySlice<Unicode.Scalar>, next: ArraySlice<Unicode.Scalar>?) -> Bool {
        if stem.contains(".") && stem.contains(where: { $0.isAlpha }) { return false }
        let kind = prefixes.kind(of: String(scalars: stem))
        if kind == .always { return false }
        guard let next else { return true }
        if let first = next.first, first.isLower { return false }
        if kind == .beforeNumber, let first = next.first, first.isASCIIDigit { return false }
        return true
    }
}

extension Array where Element == Unicode.Scalar {
    /// One of tokenizer.perl's `s/(L)'(R)/…/g` passes: puts spaces before and/or after each
    /// apostrophe whose neighbours pass `left` and `right`. As in Perl, a match consumes its right
    /// neighbour, which therefore cannot be the left neighbour of the next match (`rock'n'roll`
    /// changes only at its first apostrophe in a pass). An apostrophe at either end never matches.
    mutating func splitApostrophes(
        between left: (Unicode.Scalar) -> Bool, and right: (Unicode.Scalar) -> Bool,
        spaceBefore: Bool, spaceAfter: Bool
    ) {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(count + 8)
        var firstFreeLeft = 0
        for i in indices {
            if self[i] == "'", i - 1 >= firstFreeLeft, i + 1 < count, left(self[i - 1]), right(self[i + 1]) {
                if spaceBefore { out.append(" ") }
                out.append("'")
                if spaceAfter { out.append(" ") }
                firstFreeLeft = i + 2
            } else {
                out.append(self[i])
            }
        }
        self = out
    }
}
