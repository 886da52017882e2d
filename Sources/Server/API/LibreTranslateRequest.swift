import Foundation

/// A checked POST /translate body in LibreTranslate's form: JSON, or form fields
/// (`application/x-www-form-urlencoded`, the query string adding what the body lacks), as
/// LibreTranslate reads either.
///
///     q            a text, or a list of texts (JSON; in a form, `q` given more than once)
///     source       language code, or "auto" (see ModelRoutes)
///     target       language code
///     format       "text" (default) or "html": tags are kept, the text between them translated
///     alternatives N: up to N other translations from the n-best list (default 0)
///     api_key      checked when the server has keys
///
/// Other fields are ignored, as LibreTranslate ignores them. Refusals are 400 with
/// LibreTranslate's wording where it has one ("Invalid request: missing q parameter").
struct LibreTranslateRequest: Equatable {
    enum Texts: Equatable {
        case one(String)
        case many([String])

        var all: [String] {
            switch self {
            case .one(let text): [text]
            case .many(let texts): texts
            }
        }
    }

    enum Format: String, Equatable {
        case text, html
    }

    var q: Texts
    var source: String
    var target: String
    var format: Format
    var alternatives: Int
    var apiKey: String?

    /// A JSON body (`{"q": …, …}`).
    init(json body: [UInt8]) throws {
        let fields: JSONFields
        do {
            fields = try JSONDecoder().decode(JSONFields.self, from: Data(body))
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.badRequest("Invalid JSON format")
        }
        guard let q = fields.q else { throw Self.missing("q") }
        try self.init(q: q, source: fields.source, target: fields.target, format: fields.format,
                      alternatives: fields.alternatives, apiKey: fields.apiKey)
    }

    /// Whether a JSON body is LibreTranslate's: an object with a field `q`.
    static func isLibreTranslate(json body: [UInt8]) -> Bool {
        (try? JSONDecoder().decode(Probe.self, from: Data(body)))?.hasQ ?? false
    }

    private struct Probe: Decodable {
        var hasQ: Bool
        init(from decoder: Decoder) throws {
            hasQ = try decoder.container(keyedBy: JSONFields.CodingKeys.self).contains(.q)
        }
    }

    /// The JSON fields with their types checked; null is absent. `alternatives` may be a number
    /// or a string of digits, as LibreTranslate converts it with int().
    private struct JSONFields: Decodable {
        var q: Texts?
        var source, target, format, apiKey: String?
        var alternatives: Int?

        enum CodingKeys: String, CodingKey {
            case q, source, target, format, alternatives
            case apiKey = "api_key"
        }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if try !container.contains(.q) || container.decodeNil(forKey: .q) {
                q = nil
            } else if let text = try? container.decode(String.self, forKey: .q) {
                q = .one(text)
            } else if let texts = try? container.decode([String].self, forKey: .q) {
                q = .many(texts)
            } else {
                throw APIError.badRequest("Invalid request: q must be a string or a list of strings")
            }
            func string(_ key: CodingKeys) throws -> String? {
                do { return try container.decodeIfPresent(String.self, forKey: key) } catch {
                    throw APIError.badRequest("Invalid request: \(key.stringValue) must be a string")
                }
            }
            source = try string(.source)
            target = try string(.target)
            format = try string(.format)
            apiKey = try string(.apiKey)
            if try !container.contains(.alternatives) || container.decodeNil(forKey: .alternatives) {
                alternatives = nil
            } else if let number = try? container.decode(Int.self, forKey: .alternatives) {
                alternatives = number
            } else if let text = try? container.decode(String.self, forKey: .alternatives), let number = Int(text) {
                alternatives = number
            } else {
                throw LibreTranslateRequest.badAlternatives
            }
        }
    }

    /// Form fields: the body's, with the query string's added (`FormFields.adding`).
    init(form fields: FormFields) throws {
        // Line ends as one \n, as LibreTranslate reads form fields.
        let texts = (fields.values["q"] ?? []).map { $0.replacingOccurrences(of: "\r\n", with: "\n") }
        guard let first = texts.first else { throw Self.missing("q") }
        let alternatives = try fields["alternatives"].map { text -> Int in
            guard let whole = Int(text) else { throw Self.badAlternatives }
            return whole
        }
        try self.init(q: texts.count == 1 ? .one(first) : .many(texts), source: fields["source"], target: fields["target"],
                      format: fields["format"], alternatives: alternatives, apiKey: fields["api_key"])
    }

    private init(q: Texts, source: String?, target: String?, format: String?, alternatives: Int?, apiKey: String?) throws {
        // LibreTranslate refuses an empty text or list as a missing one.
        guard q != .one(""), q != .many([]) else { throw Self.missing("q") }
        guard let source, !source.isEmpty else { throw Self.missing("source") }
        guard let target, !target.isEmpty else { throw Self.missing("target") }
        guard let format = Format(rawValue: format.flatMap { $0.isEmpty ? nil : $0 } ?? "text") else {
            throw APIError.badRequest("\(format ?? "") format is not supported; the formats are text and html")
        }
        guard (alternatives ?? 0) >= 0 else { throw Self.badAlternatives }
        self.q = q
        self.source = source
        self.target = target
        self.format = format
        self.alternatives = alternatives ?? 0
        self.apiKey = apiKey
    }

    private static func missing(_ name: String) -> APIError { .badRequest("Invalid request: missing \(name) parameter") }
    fileprivate static let badAlternatives = APIError.badRequest("Invalid request: alternatives must be a whole number, 0 or more")
}
