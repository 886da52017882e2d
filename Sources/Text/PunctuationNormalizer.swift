/// Moses' normalize-punctuation.perl, in the variant the Multi30k `tok/` files were made with:
/// typographic quotes and dashes become ASCII, stray spaces before `:` `;` `%` and around
/// brackets go, and quotes trade places with an adjacent comma or period (English puts the comma
/// inside the quotes, German and French outside; Czech and the language-independent rules leave
/// them where they are, as sacremoses does). Rules apply in the script's order because
/// later ones see what earlier ones produced. One difference on purpose: the script's last rule
/// turns `10 000` into `10,000` (or `10.000`), which also glues any two numbers written side by
/// side; the Multi30k files do not show it, so it is left out.
struct PunctuationNormalizer: Sendable {
    let language: Language

    func normalize(_ line: String) -> String {
        guard Self.needsWork(line) else { return line }
        var text = Array(line.unicodeScalars)

        text.removeAll { $0 == "\r" }
        // Brackets: exactly one space outside, none inside, none before following punctuation.
        text.replace("(", with: " (")
        text.replace(")", with: ") ")
        text.collapseSpaces()
        text.removeSpace(after: { $0 == ")" }, before: { ".!:?;,".unicodeScalars.contains($0) })
        text.replace("( ", with: "(")
        text.replace(" )", with: ")")
        text.removeSpace(after: { $0.isASCIIDigit }, before: { $0 == "%" })
        text.replace(" :", with: ":")
        text.replace(" ;", with: ";")

        // Quotes, dashes and ellipses to ASCII.
        text.replace("`", with: "'")
        text.replace("''", with: " \" ")
        text.replace("\u{201E}", with: "\"")  // „
        text.replace("\u{201C}", with: "\"")  // “
        text.replace("\u{201D}", with: "\"")  // ”
        text.replace("\u{2013}", with: "-")   // –
        text.replace("\u{2014}", with: " - ") // —
        text.collapseSpaces()
        text.replace("\u{00B4}", with: "'")   // ´
        // A single quote between two letters is an apostrophe (Joe‘s, s’entraîne); anywhere else
        // it was meant as a quotation mark.
        text.replaceBetweenASCIILetters("\u{2018}", with: "'")
        text.replaceBetweenASCIILetters("\u{2019}", with: "'")
        text.replace("\u{2018}", with: "\"")  // ‘
        text.replace("\u{201A}", with: "\"")  // ‚
        text.replace("\u{2019}", with: "\"")  // ’
        text.replace("''", with: "\"")
        text.replace("\u{00B4}\u{00B4}", with: "\"")
        text.replace("\u{2026}", with: "...") // …

        // French guillemets, with the spaces inside them removed.
        text.replace(" \u{00AB} ", with: " \"")
        text.replace("\u{00AB} ", with: "\"")
        text.replace("\u{00AB}", with: "\"")
        text.replace(" \u{00BB} ", with: "\" ")
        text.replace(" \u{00BB}", with: "\"")
        text.replace("\u{00BB}", with: "\"")

        // No-break spaces that French typography puts before punctuation and units.
        text.replace("\u{00A0}%", with: "%")
        text.replace("n\u{00BA}\u{00A0}", with: "n\u{00BA} ")
        text.replace("\u{00A0}:", with: ":")
        text.replace("\u{00A0}\u{00BA}C", with: " \u{00BA}C")
        text.replace("\u{00A0}cm", with: " cm")
        text.replace("\u{00A0}?", with: "?")
        text.replace("\u{00A0}!", with: "!")
        text.replace("\u{00A0};", with: ";")
        text.replace(",\u{00A0}", with: ", ")
        text.collapseSpaces()

        switch language.rules {
        case .english:
            text.moveCommasAndPeriodsBeforeQuote()
        case .czech, .generic:
            break
        case .german, .french:
            text.replace(",\"", with: "\",")
            text.movePeriodsAfterQuote()
        }
        return String(scalars: text)
    }

    /// Whether some rule above can change `line`: most lines contain none of the scalars the rules
    /// start from (a lone comma or apostrophe starts none), and are returned untouched.
    private static func needsWork(_ line: String) -> Bool {
        var previous: Unicode.Scalar = " "
        for scalar in line.unicodeScalars {
            switch scalar {
            case "\r", "(", ")", ":", ";", "%", "`", "\"",
                 "\u{201E}", "\u{201C}", "\u{201D}", "\u{2013}", "\u{2014}", "\u{00B4}", "\u{2018}",
                 "\u{2019}", "\u{201A}", "\u{2026}", "\u{00AB}", "\u{00BB}", "\u{00A0}":
                return true
            case "'" where previous == "'":
                return true
            default:
                previous = scalar
            }
        }
        return false
    }
}

extension Array where Element == Unicode.Scalar {
    /// Replaces every non-overlapping occurrence of `pattern`, scanning left to right like `s///g`.
    mutating func replace(_ pattern: String, with replacement: String) {
        let pattern = Array(pattern.unicodeScalars)
        guard let first = pattern.first, contains(first) else { return }
        let replacement = Array(replacement.unicodeScalars)
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(count + 8)
        var i = 0
        while i < count {
            if self[i] == first, i + pattern.count <= count,
               self[i..<(i + pattern.count)].elementsEqual(pattern) {
                out.append(contentsOf: replacement)
                i += pattern.count
            } else {
                out.append(self[i])
                i += 1
            }
        }
        self = out
    }

    /// Runs of ASCII spaces become one space (`s/ +/ /g`).
    mutating func collapseSpaces() {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(count)
        for scalar in self where !(scalar == " " && out.last == " ") {
            out.append(scalar)
        }
        self = out
    }

    /// `s/(A) (B)/$1$2/g`: drops a space between a scalar passing `after` and one passing
    /// `before`. A match consumes B, so B cannot start the next match.
    mutating func removeSpace(after left: (Unicode.Scalar) -> Bool, before right: (Unicode.Scalar) -> Bool) {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(count)
        var i = 0
        while i < count {
            if i + 2 < count, left(self[i]), self[i + 1] == " ", right(self[i + 2]) {
                out.append(self[i])
                out.append(self[i + 2])
                i += 3
            } else {
                out.append(self[i])
                i += 1
            }
        }
        self = out
    }

    /// `s/([a-z])Q([a-z])/$1R$2/gi` for one scalar Q: the letters are consumed by a match.
    mutating func replaceBetweenASCIILetters(_ quote: Unicode.Scalar, with replacement: Unicode.Scalar) {
        guard contains(quote) else { return }
        var i = 0
        while i + 2 < count {
            if self[i].isASCIILetter, self[i + 1] == quote, self[i + 2].isASCIILetter {
                self[i + 1] = replacement
                i += 3
            } else {
                i += 1
            }
        }
    }

    /// English: `"` followed by commas and periods goes after them (`s/"([,.]+)/$1"/g`).
    mutating func moveCommasAndPeriodsBeforeQuote() {
        guard contains("\"") else { return }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(count)
        var i = 0
        while i < count {
            if self[i] == "\"" {
                var j = i + 1
                while j < count, self[j] == "," || self[j] == "." { j += 1 }
                if j > i + 1 {
                    out.append(contentsOf: self[(i + 1)..<j])
                    out.append("\"")
                    i = j
                    continue
                }
            }
            out.append(self[i])
            i += 1
        }
        self = out
    }

    /// German and French: periods before a closing `"` go after it (`s/(\.+)"(\s*[^<])/"$1$2/g`).
    /// The script reads lines with their newline, which satisfies `[^<]`, so a quote at the end of
    /// the line is moved as well; only a following `<` (markup) prevents it.
    mutating func movePeriodsAfterQuote() {
        guard contains("\"") else { return }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(count)
        var i = 0
        while i < count {
            if self[i] == "." {
                var j = i
                while j < count, self[j] == "." { j += 1 }
                // `\s*[^<]` can backtrack to zero spaces, so only a `<` right after the quote stops it.
                if j < count, self[j] == "\"" {
                    if j + 1 == count || self[j + 1] != "<" {
                        out.append("\"")
                        out.append(contentsOf: self[i..<j])
                        i = j + 1
                        continue
                    }
                }
                out.append(contentsOf: self[i..<j])
                i = j
                continue
            }
            out.append(self[i])
            i += 1
        }
        self = out
    }
}
