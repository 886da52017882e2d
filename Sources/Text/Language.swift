/// A language named by a BCP 47 tag (`en`, `cs`, `pt-BR`, `zh-Hans`, `sr-Latn-RS`, or an ISO
/// 639-3 code such as `ces`). The tag is kept in its canonical case (language lowercase, script
/// titlecase, region uppercase), which is also the suffix of the language's corpus files
/// (`train.pt-BR`). Which tokenizer rules apply follows from the language subtag alone:
/// `LanguageRules`.
public struct Language: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The tag in canonical case.
    public let code: String
    /// The rules of the tokenizer, detokenizer and punctuation normalizer.
    public let rules: LanguageRules

    /// Parses a tag; throws `TextError.malformedLanguageTag` saying what is wrong with it.
    public init(code: String) throws {
        self.code = try LanguageTagSyntax.canonical(code)
        rules = LanguageRules(languageSubtag: String(self.code.prefix { $0 != "-" }))
    }

    public var description: String { code }

    public static let english = try! Language(code: "en")
    public static let german = try! Language(code: "de")
    public static let french = try! Language(code: "fr")
    public static let czech = try! Language(code: "cs")

    /// A language is written in JSON as its tag.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(code: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
