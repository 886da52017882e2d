/// GET /languages: `[{"code": "en", "name": "English", "targets": ["de"]}, …]`, every language of
/// a served pair (a language only translated into has no targets), ordered by code.
struct LanguageList: Encodable {
    var languages: [Entry]

    struct Entry: Encodable {
        var code: String
        var name: String
        var targets: [String]
    }

    init(_ routes: ModelRoutes) {
        languages = routes.languages.sorted().map {
            Entry(code: $0, name: LanguageNames.name(of: $0), targets: routes.targets(of: $0))
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(languages)
    }
}
