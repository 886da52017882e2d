/// The answer to a LibreTranslate POST /translate:
///
///     {"translatedText": "…", "alternatives": ["…", …]}             for a text
///     {"translatedText": ["…", …], "alternatives": [["…", …], …]}   for a list of texts
///
/// `alternatives` only when asked for; it may hold fewer than asked (the n-best list has no
/// more distinct translations).
struct LibreTranslateResponse: Encodable {
    var texts: [Translated]
    /// The request's `q` was a list.
    var isList: Bool
    var includesAlternatives: Bool

    struct Translated {
        var text: String
        var alternatives: [String]
    }

    enum CodingKeys: String, CodingKey {
        case translatedText, alternatives
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if isList {
            try container.encode(texts.map(\.text), forKey: .translatedText)
            if includesAlternatives { try container.encode(texts.map(\.alternatives), forKey: .alternatives) }
        } else {
            try container.encode(texts[0].text, forKey: .translatedText)
            if includesAlternatives { try container.encode(texts[0].alternatives, forKey: .alternatives) }
        }
    }
}
