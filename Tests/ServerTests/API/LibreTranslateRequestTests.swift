@testable import Server
import XCTest

/// LibreTranslate's request, read as LibreTranslate reads it: JSON or form fields, `q` a text or
/// a list, and its refusals.
final class LibreTranslateRequestTests: XCTestCase {
    private func json(_ text: String) throws -> LibreTranslateRequest { try LibreTranslateRequest(json: Array(text.utf8)) }
    private func form(_ text: String, query: String = "") throws -> LibreTranslateRequest {
        try LibreTranslateRequest(form: FormFields(encoded: Array(text.utf8)).adding(FormFields(encoded: Array(query.utf8))))
    }

    private func assertRefused(_ request: @autoclosure () throws -> LibreTranslateRequest, _ message: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try request(), file: file, line: line) { error in
            XCTAssertEqual(error as? APIError, .badRequest(message), file: file, line: line)
        }
    }

    func testJSON() throws {
        let request = try json(#"{"q": "Hello.", "source": "en", "target": "de", "format": "html", "alternatives": 3, "api_key": "k", "other": 1}"#)
        XCTAssertEqual(request, try json(#"{"q": "Hello.", "source": "en", "target": "de", "format": "html", "alternatives": "3", "api_key": "k"}"#))
        XCTAssertEqual(request.q, .one("Hello."))
        XCTAssertEqual([request.source, request.target, request.apiKey], ["en", "de", "k"])
        XCTAssertEqual(request.format, .html)
        XCTAssertEqual(request.alternatives, 3)
        let list = try json(#"{"q": ["a", ""], "source": "en", "target": "de"}"#)
        XCTAssertEqual(list.q, .many(["a", ""]))
        XCTAssertEqual(list.format, .text)
        XCTAssertEqual(list.alternatives, 0)
        XCTAssertNil(list.apiKey)
    }

    func testFormFieldsAsCurlAndBrowsersSendThem() throws {
        let request = try form("q=Hello%2C+world%21%0D%0ASecond+line&source=en&target=de&alternatives=2")
        XCTAssertEqual(request.q, .one("Hello, world!\nSecond line"), "+ is a space, %XX a byte, CRLF one \\n")
        XCTAssertEqual(request.alternatives, 2)
        XCTAssertEqual(try form("q=a&q=b&source=en&target=de").q, .many(["a", "b"]), "a repeated q is a list")
        XCTAssertEqual(try form("q=caf%C3%A9&source=en", query: "target=de&source=fr").source, "en", "the body wins over the query")
        XCTAssertEqual(try form("", query: "q=x&source=en&target=de").q, .one("x"))
        XCTAssertEqual(try FormFields(encoded: Array("a=1&&b&c=".utf8)).values, ["a": ["1"], "b": [""], "c": [""]])
    }

    func testRefusalsUseLibreTranslatesWords() {
        assertRefused(try json(#"{"source": "en", "target": "de"}"#), "Invalid request: missing q parameter")
        assertRefused(try json(#"{"q": "", "source": "en", "target": "de"}"#), "Invalid request: missing q parameter")
        assertRefused(try json(#"{"q": [], "source": "en", "target": "de"}"#), "Invalid request: missing q parameter")
        assertRefused(try json(#"{"q": "a", "target": "de"}"#), "Invalid request: missing source parameter")
        assertRefused(try form("q=a&source=en"), "Invalid request: missing target parameter")
        assertRefused(try json(#"{"q": "a", "source": "en", "target": "de", "format": "pdf"}"#),
                      "pdf format is not supported; the formats are text and html")
        assertRefused(try json(#"{"q": 5, "source": "en", "target": "de"}"#), "Invalid request: q must be a string or a list of strings")
        assertRefused(try json(#"{"q": ["a", 5], "source": "en", "target": "de"}"#), "Invalid request: q must be a string or a list of strings")
        assertRefused(try json(#"{"q": "a", "source": 1, "target": "de"}"#), "Invalid request: source must be a string")
        for bad in [#""-1""#, "-1", "1.5", "true", #""two""#] {
            assertRefused(try json(#"{"q": "a", "source": "en", "target": "de", "alternatives": \#(bad)}"#),
                          "Invalid request: alternatives must be a whole number, 0 or more")
        }
        assertRefused(try json("[1]"), "Invalid JSON format")
        assertRefused(try json("{"), "Invalid JSON format")
        assertRefused(try form("q=%E9&source=en&target=de"), "the form body is not valid UTF-8 once decoded")
        assertRefused(try form("q=%G1&source=en&target=de"), "the form body has a '%' not followed by two hexadecimal digits")
    }

    func testTheJSONBodiesOfTheTwoAPIsAreToldApartByQ() {
        XCTAssertTrue(LibreTranslateRequest.isLibreTranslate(json: Array(#"{"q": "a"}"#.utf8)))
        XCTAssertFalse(LibreTranslateRequest.isLibreTranslate(json: Array(#"{"sentences": ["a"]}"#.utf8)))
        XCTAssertFalse(LibreTranslateRequest.isLibreTranslate(json: Array("[]".utf8)))
    }
}
