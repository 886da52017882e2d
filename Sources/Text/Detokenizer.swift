/// Joins tokens back into running text, undoing `Tokenizer` for ordinary sentences:
/// `detokenize(tokenize(x)) == x` whenever `x` has single spaces and no punctuation that
/// normalization would change. The decisions follow Moses' detokenizer.perl:
///
/// - closing punctuation (`, . ? ! : ; % ) ] }` and `...`) joins the previous token, except that
///   French keeps its space before `? ! : ; %`;
/// - opening brackets and prefix currency signs (`( [ { ¿ ¡ $ £ #`) join the next token;
/// - typographic quotes join inwards (German and Czech `„…“`, English and French `“…”`);
/// - straight double quotes alternate between opening and closing;
/// - English clitics (`'s`, `'t`, `'re`) join the previous word, as does a lone `'` after a word
///   ending in s (`the parents' car`);
/// - French elisions (`l'`, `qu'`) join the next word;
/// - where the tokenizer splits apostrophes off on both sides (German, Czech, any language
///   without rules), `' s` between a word and `s` (`McDonald's`) closes up on both sides, also
///   when the `s` keeps a line's final period (`s.`, a single letter being an abbreviation);
/// - other lone single quotes alternate like double quotes.
public struct Detokenizer: Sendable {
    public let language: Language
    private var rules: LanguageRules { language.rules }
    private let opening: Set<String>
    private let closing: Set<String>

    public init(language: Language) {
        self.language = language
        var opening: Set<String> = ["(", "[", "{", "\u{00BF}", "\u{00A1}", "$", "\u{00A3}", "#"]
        var closing: Set<String> = [",", ".", "?", "!", ":", ";", "%", ")", "]", "}"]
        let quotes = language.rules.quotationMarks
        opening.formUnion(quotes.opening)
        closing.formUnion(quotes.closing)
        if language.rules == .french {
            // French typography puts a space before these; the Multi30k French side does too.
            closing.subtract(["?", "!", ":", ";", "%"])
        }
        self.opening = opening
        self.closing = closing
    }

    /// Detokenizes a line of space-separated tokens.
    public func detokenize(_ line: String) -> String {
        detokenize(line.split(separator: " ").map(String.init))
    }

    /// The text that `tokens` were cut from.
    public func detokenize(_ tokens: [String]) -> String {
        var text = ""
        var glueNext = true   // no space before the first token
        var doubleQuotes = 0
        var singleQuotes = 0
        for (i, token) in tokens.enumerated() {
            let previous = i > 0 ? tokens[i - 1] : nil
            let next = i + 1 < tokens.count ? tokens[i + 1] : nil
            var joinsLeft = false
            var joinsRight = false

            if closing.contains(token) || (token.count >= 2 && token.allSatisfy { $0 == "." }) {
                joinsLeft = true
            } else if opening.contains(token) {
                joinsRight = true
            } else if token == "\"" {
                if doubleQuotes % 2 == 0 { joinsRight = true } else { joinsLeft = true }
                doubleQuotes += 1
            } else if token == "'" {
                if rules == .english, let previous, previous.hasSuffix("s"), previous.last?.isLetter == true,
                   !tokens[(i + 1)...].contains("'") {
                    // A plural possessive (or the last closing quote, which joins left too). With
                    // another lone quote still to come, this one more likely opens a quotation.
                    joinsLeft = true
                } else if rules.apostropheRule == .separate, let previous, previous.last?.isLetter == true, next == "s" || next == "s." {
                    joinsLeft = true
                    joinsRight = true
                } else {
                    if singleQuotes % 2 == 0 { joinsRight = true } else { joinsLeft = true }
                    singleQuotes += 1
                }
            } else if rules == .english, token.first == "'", token.count >= 2, previous != nil {
                joinsLeft = true
            } else if rules == .french, token.last == "'", token.count >= 2,
                      token.dropLast().last?.isLetter == true {
                joinsRight = true
            }

            if !(joinsLeft || glueNext) { text += " " }
            text += token
            glueNext = joinsRight
        }
        return text
    }
}
