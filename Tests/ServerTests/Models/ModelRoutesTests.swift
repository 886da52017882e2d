@testable import Server
import XCTest

/// Which model a request's languages pick, and the refusals that name what is served.
final class ModelRoutesTests: XCTestCase {
    private let both = try! ModelRoutes([LanguagePair(source: "en", target: "de"), LanguagePair(source: "de", target: "en")])
    private let one = try! ModelRoutes([LanguagePair(source: "en", target: "de")])

    private func assertRefused(_ routes: ModelRoutes, _ source: String?, _ target: String?, _ message: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try routes.model(source: source, target: target), file: file, line: line) { error in
            XCTAssertEqual(error as? APIError, .badRequest(message), file: file, line: line)
        }
    }

    func testAPairPicksItsModel() throws {
        XCTAssertEqual(try both.model(source: "en", target: "de"), 0)
        XCTAssertEqual(try both.model(source: "DE", target: "En"), 1, "codes compare without case")
        XCTAssertEqual(try both.model(source: "de", target: nil), 1, "one model fits the source")
        XCTAssertEqual(try one.model(source: nil, target: nil), 0, "one model: no languages needed")
        XCTAssertEqual(try one.model(source: "auto", target: "de"), 0, "auto is the one source language")
    }

    func testUnknownOrAmbiguousPairsAre400() {
        assertRefused(both, "en", "fr", "no model translates en→fr; this server translates en→de and de→en")
        assertRefused(both, nil, nil, "this server translates en→de and de→en: name the source and the target language")
        assertRefused(both, "auto", "de",
                      "source 'auto' needs language detection, which this server does not do; name the source language: en and de")
        assertRefused(one, "fr", nil, "no model translates fr→any language; this server translates en→de")
    }

    func testTwoCheckpointsOfOnePairAreRefused() {
        XCTAssertThrowsError(try ModelRoutes([LanguagePair(source: "en", target: "de"), LanguagePair(source: "EN", target: "de")])) {
            XCTAssertEqual("\($0)", "two checkpoints translate en→de; serve one model per language pair")
        }
    }

    func testLanguageList() throws {
        let list = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(JSON.encode(LanguageList(both)))) as? [[String: Any]])
        XCTAssertEqual(list.map { $0["code"] as? String }, ["de", "en"])
        XCTAssertEqual(list.map { $0["name"] as? String }, ["German", "English"])
        XCTAssertEqual(list.map { $0["targets"] as? [String] }, [["en"], ["de"]])
        let single = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(JSON.encode(LanguageList(one)))) as? [[String: Any]])
        XCTAssertEqual(single.map { $0["targets"] as? [String] }, [[], ["de"]], "a language only translated into has no targets")
        XCTAssertEqual(LanguageNames.name(of: "pt-BR"), "Portuguese (BR)")
        XCTAssertEqual(LanguageNames.name(of: "xx"), "xx")
    }
}
