/// The well-formedness of a BCP 47 language tag (RFC 5646, section 2.1), without the registry:
///
///     language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]
///     language  = 2–3 letters [ up to three "-" 3-letter extlangs ] | 5–8 letters
///     script    = 4 letters            region = 2 letters | 3 digits
///     variant   = 5–8 letters or digits | a digit and 3 letters or digits
///     extension = a singleton other than x, then subtags of 2–8 letters or digits
///     privateuse = "x" then subtags of 1–8 letters or digits (may also stand alone: `x-klingon`)
///
/// A tag that is well formed but not registered (`xx`) is accepted: it gets the
/// language-independent rules. Irregular grandfathered tags (`i-klingon`) are refused.
enum LanguageTagSyntax {
    /// `tag` in canonical case, or an error naming what is wrong.
    static func canonical(_ tag: String) throws -> String {
        func malformed(_ reason: String) -> TextError { .malformedLanguageTag(tag: tag, reason: reason) }
        if tag.isEmpty { throw malformed("it is empty") }
        if tag.contains("_") {
            throw malformed("subtags are separated by '-', not '_' (\(tag.replacingOccurrences(of: "_", with: "-")))")
        }
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard subtags.allSatisfy({ !$0.isEmpty }) else { throw malformed("it has an empty subtag") }
        guard subtags.allSatisfy({ $0.allSatisfy(\.isASCIIAlphanumeric) }) else {
            throw malformed("subtags are ASCII letters and digits only")
        }
        var canonical: [String] = []
        var index = 0
        var stage = Stage.language
        var extlangs = 0
        while index < subtags.count {
            let subtag = subtags[index]
            let lower = subtag.lowercased()
            if lower == "x" {
                // Private use: everything after it is 1–8 alphanumerics, kept lowercase.
                let rest = subtags[(index + 1)...]
                guard !rest.isEmpty, rest.allSatisfy({ (1...8).contains($0.count) }) else {
                    throw malformed("private use 'x' must be followed by subtags of 1 to 8 letters or digits")
                }
                canonical.append(contentsOf: ["x"] + rest.map { $0.lowercased() })
                break
            }
            let letters = subtag.allSatisfy(\.isASCIILetter), digits = subtag.allSatisfy(\.isASCIIDigit)
            if stage == .language {
                guard letters, [2, 3, 5, 6, 7, 8].contains(subtag.count) else {
                    throw malformed("the language subtag '\(subtag)' must be 2 or 3 letters (ISO 639) or 5 to 8 letters")
                }
                canonical.append(lower)
                stage = subtag.count <= 3 ? .extlang : .script
                extlangs = 0
            } else if stage == .extlang, extlangs < 3, subtag.count == 3, letters {
                canonical.append(lower)
                extlangs += 1
            } else if stage <= .script, subtag.count == 4, letters {
                canonical.append(lower.prefix(1).uppercased() + lower.dropFirst())
                stage = .region
            } else if stage <= .region, (subtag.count == 2 && letters) || (subtag.count == 3 && digits) {
                canonical.append(subtag.uppercased())
                stage = .variant
            } else if stage <= .variant, Self.isVariant(subtag) {
                canonical.append(lower)
                stage = .variant
            } else if subtag.count == 1 {
                let rest = subtags[(index + 1)...].prefix { $0.count >= 2 }
                guard !rest.isEmpty, rest.allSatisfy({ $0.count <= 8 }) else {
                    throw malformed("the extension '\(subtag)' must be followed by subtags of 2 to 8 letters or digits")
                }
                canonical.append(contentsOf: [lower] + rest.map { $0.lowercased() })
                index += rest.count
                stage = .extensions
            } else {
                throw malformed("'\(subtag)' is not a script (4 letters), region (2 letters or 3 digits) or variant here")
            }
            index += 1
        }
        return canonical.joined(separator: "-")
    }

    /// Where in the tag the next subtag is; each part may only follow the ones before it.
    private enum Stage: Int, Comparable {
        case language, extlang, script, region, variant, extensions
        static func < (a: Stage, b: Stage) -> Bool { a.rawValue < b.rawValue }
    }

    private static func isVariant(_ subtag: String) -> Bool {
        (5...8).contains(subtag.count) || (subtag.count == 4 && subtag.first!.isASCIIDigit)
    }
}

private extension Character {
    var isASCIILetter: Bool { isASCII && isLetter }
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIIAlphanumeric: Bool { isASCIILetter || isASCIIDigit }
}
