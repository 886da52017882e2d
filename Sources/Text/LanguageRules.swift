/// The language-specific parts of tokenization, detokenization and punctuation normalization.
/// English, German, French and Czech have rules of their own; every other language gets Moses'
/// language-independent ones (its tokenizer's behaviour for a language it has no file for).
public enum LanguageRules: String, Sendable, CaseIterable {
    case english, german, french, czech
    /// Apostrophes split off on both sides, no language's quotation marks, the nonbreaking
    /// prefixes Moses falls back on (the English list).
    case generic

    /// The rules for a language subtag: ISO 639-1 (`cs`), or 639-2/639-3 in either form (`ces`,
    /// `cze`).
    public init(languageSubtag: String) {
        switch languageSubtag.lowercased() {
        case "en", "eng": self = .english
        case "de", "deu", "ger": self = .german
        case "fr", "fra", "fre": self = .french
        case "cs", "ces", "cze": self = .czech
        default: self = .generic
        }
    }

    /// Where an apostrophe between two letters goes: English keeps it on the right part
    /// (`it 's`, `doesn 't`), French on the left (`l' homme`); every other language splits it
    /// off on both sides (`mcdonald ' s`), as Moses does for any language without a rule.
    enum ApostropheRule {
        case attachRight, attachLeft, separate
    }

    var apostropheRule: ApostropheRule {
        switch self {
        case .english: return .attachRight
        case .french: return .attachLeft
        case .german, .czech, .generic: return .separate
        }
    }

    /// Quotation marks that open and close a quotation in this language's typography:
    /// German and Czech `„…“` and `‚…‘`, English and French `“…”` and `‘…’`. The generic rules
    /// take only the low-9 marks as opening and the right marks as closing, the readings that
    /// hold in every language that uses them.
    var quotationMarks: (opening: Set<String>, closing: Set<String>) {
        switch self {
        case .german, .czech:
            return (["\u{201E}", "\u{201A}"], ["\u{201C}", "\u{2018}"])
        case .english, .french:
            return (["\u{201C}", "\u{2018}"], ["\u{201D}", "\u{2019}"])
        case .generic:
            return (["\u{201E}", "\u{201A}"], ["\u{201D}", "\u{2019}"])
        }
    }
}
