/// The languages whose tokenization rules `Text` knows. The raw value is the ISO 639-1 code used
/// on the command line, in corpus file suffixes and by Moses (`-l en`).
public enum Language: String, CaseIterable, Codable, Sendable {
    case english = "en"
    case german = "de"
    case french = "fr"

    /// Parses a language code such as `en`; throws `TextError.unsupportedLanguage` otherwise.
    public init(code: String) throws {
        guard let language = Language(rawValue: code.lowercased()) else {
            throw TextError.unsupportedLanguage(code: code)
        }
        self = language
    }

    /// Where an apostrophe between two letters goes: English keeps it on the right part
    /// (`it 's`, `doesn 't`), French on the left (`l' homme`), German splits it off on both sides
    /// (`mcdonald ' s`), which is how Moses treats every language without a rule of its own.
    enum ApostropheRule {
        case attachRight, attachLeft, separate
    }

    var apostropheRule: ApostropheRule {
        switch self {
        case .english: return .attachRight
        case .french: return .attachLeft
        case .german: return .separate
        }
    }
}
