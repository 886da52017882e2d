/// Which served model answers a request, from the languages it names: one model per language
/// pair. Both APIs route through it; the native API may leave out the languages when one model
/// is served.
struct ModelRoutes: Sendable {
    /// The pair of each model, in the order the checkpoints were given.
    let pairs: [LanguagePair]

    /// A pair served twice is an error: a request could not say which model it means.
    struct DuplicatePair: Error, CustomStringConvertible {
        var pair: LanguagePair
        var description: String { "two checkpoints translate \(pair); serve one model per language pair" }
    }

    init(_ pairs: [LanguagePair]) throws {
        precondition(!pairs.isEmpty, "at least one model")
        var seen = Set<LanguagePair>()
        for pair in pairs where !seen.insert(pair).inserted { throw DuplicatePair(pair: pair) }
        self.pairs = pairs
    }

    /// The source languages served, in checkpoint order without repeats.
    var sourceLanguages: [String] { Self.unique(pairs.map(\.source)) }

    /// Every language of a pair, in checkpoint order without repeats.
    var languages: [String] { Self.unique(pairs.flatMap { [$0.source, $0.target] }) }

    /// The target languages of `source`, sorted.
    func targets(of source: String) -> [String] { pairs.filter { $0.source == source }.map(\.target).sorted() }

    /// The index of the model for `source` → `target`. A missing language (nil or empty) is
    /// allowed when only one served model fits the other; `source` "auto" stands for the one
    /// source language when only one is served, as there is no language detection. Throws 400
    /// naming the pairs served otherwise.
    func model(source: String?, target: String?) throws -> Int {
        var source = source.flatMap { $0.isEmpty ? nil : $0.lowercased() }
        let target = target.flatMap { $0.isEmpty ? nil : $0.lowercased() }
        if source == "auto" {
            let sources = sourceLanguages
            guard sources.count == 1 else {
                throw APIError.badRequest("source 'auto' needs language detection, which this server does not do; "
                    + "name the source language: \(Self.list(sources))")
            }
            source = sources[0]
        }
        let fitting = pairs.indices.filter { index in
            (source == nil || pairs[index].source == source) && (target == nil || pairs[index].target == target)
        }
        if fitting.count == 1 { return fitting[0] }
        let served = "this server translates \(Self.list(pairs.map(\.description)))"
        if fitting.isEmpty {
            let asked = "\(source ?? "any language")→\(target ?? "any language")"
            throw APIError.badRequest("no model translates \(asked); \(served)")
        }
        throw APIError.badRequest("\(served): name the source and the target language")
    }

    private static func unique(_ codes: [String]) -> [String] {
        var seen = Set<String>()
        return codes.filter { seen.insert($0).inserted }
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
