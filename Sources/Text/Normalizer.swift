import Foundation

/// Brings a raw line into the form the tokenizer and the vocabularies expect: Unicode NFC (so
/// `é` is one scalar however it was typed), optionally lowercased, and optionally with Moses'
/// punctuation normalization. This is the `lc.norm` part of the Multi30k `lc.norm.tok` files,
/// in that order: lowercasing first matters, because the tokenizer keeps a period attached when
/// the next word starts with a lowercase letter.
public struct Normalizer: Sendable {
    public var language: Language
    public var lowercases: Bool
    public var normalizesPunctuation: Bool

    public init(language: Language, lowercase: Bool = false, normalizePunctuation: Bool = true) {
        self.language = language
        self.lowercases = lowercase
        self.normalizesPunctuation = normalizePunctuation
    }

    /// The normalized form of one line.
    public func normalize(_ line: String) -> String {
        var text = Self.nfc(line)
        if lowercases { text = text.lowercased() }
        if normalizesPunctuation { text = PunctuationNormalizer(language: language).normalize(text) }
        return text
    }

    /// Canonical composition (NFC). Text made only of scalars below U+0300 is already in NFC, as
    /// nothing below the combining diacritics composes or decomposes; that is almost every line of
    /// European text, and it skips Foundation's slower normalization. In UTF-8 those are exactly
    /// the strings whose bytes are all below 0xCC, the lead byte of U+0300.
    public static func nfc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0xCC }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }
}
