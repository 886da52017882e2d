import Foundation
import Search
import Translation

/// A checked POST /translate body:
///
///     {"sentences": ["…", …], "beam": 5, "n_best": 1, "attention": false,
///      "source": "en", "target": "de", "api_key": "…"}
///
/// Only `sentences` is required; `source` and `target` pick the model when several are served
/// (see ModelRoutes). The search starts from that model's `translation` settings
/// (`settings(defaults:limits:)`): `beam` defaults to its beam (within the server's limit),
/// `n_best` to 1, `attention` to false. Unknown fields are refused, as unknown configuration
/// keys are.
struct TranslationRequest: Equatable {
    var sentences: [String]
    var beam: Int?
    var nBest: Int?
    var attention: Bool?
    var source: String?
    var target: String?
    var apiKey: String?

    static let fields = ["sentences", "beam", "n_best", "attention", "source", "target", "api_key"]

    /// Parses `body` (already within the byte limit). Throws `APIError`: 400 for a body that is
    /// not UTF-8, not JSON, or not an object of these fields with these types; 413 for more
    /// sentences, or a longer sentence, than `limits` allow.
    init(body: [UInt8], limits: RequestLimits) throws {
        guard String(validating: body, as: UTF8.self) != nil else {
            throw APIError.badRequest("the body is not valid UTF-8")
        }
        let fields: Fields
        do {
            fields = try JSONDecoder().decode(Fields.self, from: Data(body))
        } catch let error as APIError {
            throw error
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw APIError.badRequest("the body must be a JSON object with a field 'sentences'")
        } catch {
            throw APIError.badRequest("the body is not valid JSON")
        }
        try Self.checkSizes(fields.sentences, limits: limits)
        sentences = fields.sentences
        beam = fields.beam
        nBest = fields.nBest
        attention = fields.attention
        source = fields.source
        target = fields.target
        apiKey = fields.apiKey
    }

    /// The search settings: the model's `defaults` with the request's beam, n-best and attention.
    /// Throws 400 for a beam or n-best out of range.
    func settings(defaults: SearchSettings, limits: RequestLimits) throws -> SearchSettings {
        let beam = self.beam ?? min(defaults.beam, limits.maxBeam)
        guard (1...limits.maxBeam).contains(beam) else {
            throw APIError.badRequest("'beam' must be between 1 and \(limits.maxBeam), not \(beam)")
        }
        let nBest = self.nBest ?? 1
        guard (1...beam).contains(nBest) else {
            throw APIError.badRequest("'n_best' must be between 1 and the beam (\(beam)), not \(nBest)")
        }
        var settings = defaults
        settings.beam = beam
        settings.nBest = nBest
        settings.keepAttention = attention ?? false
        return settings
    }

    /// The body's fields with their JSON types checked; each wrong one is named in the error.
    private struct Fields: Decodable {
        var sentences: [String] = []
        var beam: Int?
        var nBest: Int?
        var attention: Bool?
        var source, target, apiKey: String?

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ name: String) { stringValue = name }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !TranslationRequest.fields.contains($0) }) {
                throw APIError.badRequest("unknown field '\(unknown)'; the fields are "
                    + TranslationRequest.fields.joined(separator: ", "))
            }
            guard container.contains(Key("sentences")) else {
                throw APIError.badRequest("missing field 'sentences' (a list of strings), or 'q' for LibreTranslate's API")
            }
            guard var list = try? container.nestedUnkeyedContainer(forKey: Key("sentences")) else {
                throw APIError.badRequest("'sentences' must be a list of strings")
            }
            while !list.isAtEnd {
                // A failed decode leaves currentIndex on the offending element.
                guard let sentence = try? list.decode(String.self) else {
                    throw APIError.badRequest("'sentences[\(list.currentIndex)]' must be a string")
                }
                sentences.append(sentence)
            }
            beam = try Self.optional(Int.self, "beam", in: container, expecting: "an integer")
            nBest = try Self.optional(Int.self, "n_best", in: container, expecting: "an integer")
            attention = try Self.optional(Bool.self, "attention", in: container, expecting: "true or false")
            source = try Self.optional(String.self, "source", in: container, expecting: "a language code")
            target = try Self.optional(String.self, "target", in: container, expecting: "a language code")
            apiKey = try Self.optional(String.self, "api_key", in: container, expecting: "a string")
        }

        /// The field's value, nil when absent or null.
        private static func optional<T: Decodable>(_ type: T.Type, _ name: String, in container: KeyedDecodingContainer<Key>,
                                                   expecting expectation: String) throws -> T? {
            do {
                return try container.decodeIfPresent(type, forKey: Key(name))
            } catch {
                throw APIError.badRequest("'\(name)' must be \(expectation)")
            }
        }
    }

    /// 413 for more sentences than `limits.maxSentences`, or a sentence of more Unicode scalars
    /// than `limits.maxSentenceLength`. Scalars, not characters: a letter with 300,000 combining
    /// accents is one character and 300,001 scalars, and costs the tokenizer as the latter.
    static func checkSizes(_ sentences: [String], limits: RequestLimits) throws {
        guard sentences.count <= limits.maxSentences else {
            throw APIError.tooLarge("\(sentences.count) sentences; the limit is \(limits.maxSentences) per request")
        }
        if let index = sentences.firstIndex(where: { $0.unicodeScalars.count > limits.maxSentenceLength }) {
            throw APIError.tooLarge("sentence \(index + 1) has \(sentences[index].unicodeScalars.count) characters "
                + "(Unicode scalars); the limit is \(limits.maxSentenceLength)")
        }
    }
}
