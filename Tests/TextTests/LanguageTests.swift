import Text
import XCTest

final class LanguageTests: XCTestCase {
    func testWellFormedTagsAreKeptInCanonicalCase() throws {
        let cases: [(String, String)] = [
            ("en", "en"), ("CS", "cs"), ("ces", "ces"), ("pt-br", "pt-BR"), ("zh-hant", "zh-Hant"),
            ("ZH-HANS-cn", "zh-Hans-CN"), ("sr-latn-rs", "sr-Latn-RS"), ("es-419", "es-419"),
            ("zh-yue-HK", "zh-yue-HK"), ("de-CH-1996", "de-CH-1996"), ("sl-rozaj-biske", "sl-rozaj-biske"),
            ("en-US-u-ca-gregory", "en-US-u-ca-gregory"), ("x-klingon", "x-klingon"), ("de-x-Swiss", "de-x-swiss"),
            ("xx", "xx"), ("haw", "haw"),
        ]
        for (written, canonical) in cases {
            XCTAssertEqual(try Language(code: written).code, canonical, written)
        }
    }

    func testMalformedTagsSayWhatIsWrong() {
        let cases: [(String, String)] = [
            ("", "it is empty"),
            ("pt_BR", "separated by '-', not '_' (pt-BR)"),
            ("e", "must be 2 or 3 letters"),
            ("english1", "must be 2 or 3 letters"),
            ("en--us", "an empty subtag"),
            ("en-", "an empty subtag"),
            ("de-DE-DE", "'DE' is not a script"),
            ("en-x", "private use 'x' must be followed"),
            ("en-a", "the extension 'a' must be followed"),
            ("ça", "ASCII letters and digits only"),
            ("en US", "ASCII letters and digits only"),
            ("zh-Hant-Hans", "'Hans' is not a script"),
        ]
        for (tag, fragment) in cases {
            XCTAssertThrowsError(try Language(code: tag), tag) { error in
                let message = "\(error)"
                XCTAssertTrue(message.hasPrefix("'\(tag)' is not a language tag"), message)
                XCTAssertTrue(message.contains(fragment), "'\(fragment)' not in: \(message)")
            }
        }
    }

    func testRulesFollowTheLanguageSubtagInAnyOfItsCodes() throws {
        let cases: [(String, LanguageRules)] = [
            ("en", .english), ("en-GB", .english), ("eng", .english), ("de-AT", .german), ("deu", .german),
            ("ger", .german), ("fr-CA", .french), ("fra", .french), ("cs", .czech), ("ces", .czech), ("cze", .czech),
            ("xx", .generic), ("pt-BR", .generic), ("zh-Hans", .generic), ("x-klingon", .generic), ("ja", .generic),
        ]
        for (tag, rules) in cases {
            XCTAssertEqual(try Language(code: tag).rules, rules, tag)
        }
    }

    func testJSONIsTheTagAndAMalformedOneIsRefused() throws {
        let data = try JSONEncoder().encode([try Language(code: "pt-br")])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["pt-BR"]"#)
        XCTAssertEqual(try JSONDecoder().decode([Language].self, from: data), [try Language(code: "pt-BR")])
        XCTAssertThrowsError(try JSONDecoder().decode([Language].self, from: Data(#"["pt_BR"]"#.utf8)))
    }
}
