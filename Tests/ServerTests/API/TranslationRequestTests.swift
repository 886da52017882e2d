import Search
@testable import Server
import XCTest

/// Parsing and checking POST /translate bodies, without a server: defaults, and the status and
/// message of each refusal.
final class TranslationRequestTests: XCTestCase {
    private var limits: RequestLimits {
        var limits = RequestLimits()
        limits.maxSentences = 3
        limits.maxSentenceLength = 10
        limits.maxBeam = 6
        return limits
    }

    /// A checkpoint's search settings with beam `beam`.
    private func defaults(beam: Int = 5) -> SearchSettings {
        var settings = SearchSettings()
        settings.beam = beam
        return settings
    }

    /// The defaults with what a request may choose.
    private func settings(beam: Int, nBest: Int, attention: Bool) -> SearchSettings {
        var settings = defaults(beam: beam)
        settings.nBest = nBest
        settings.keepAttention = attention
        return settings
    }

    private func parse(_ json: String) throws -> TranslationRequest {
        try TranslationRequest(body: Array(json.utf8), limits: limits)
    }

    /// The request's search settings over a model whose beam is `defaultBeam`.
    private func settings(_ json: String, defaultBeam: Int = 5) throws -> SearchSettings {
        try parse(json).settings(defaults: defaults(beam: defaultBeam), limits: limits)
    }

    private func assertRefused(_ json: String, _ status: Int, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try settings(json), file: file, line: line) { error in
            XCTAssertEqual(error as? APIError, APIError(status: status, message: message), file: file, line: line)
        }
    }

    func testOnlySentencesIsRequired() throws {
        let request = try parse(#"{"sentences": ["a b .", ""]}"#)
        XCTAssertEqual(request.sentences, ["a b .", ""])
        XCTAssertNil(request.source)
        XCTAssertEqual(try settings(#"{"sentences": ["a b .", ""]}"#), settings(beam: 5, nBest: 1, attention: false))
    }

    func testEveryFieldIsRead() throws {
        let json = #"{"sentences": ["x"], "beam": 3, "n_best": 2, "attention": true, "source": "de", "target": "en", "api_key": "k"}"#
        XCTAssertEqual(try settings(json), settings(beam: 3, nBest: 2, attention: true))
        let request = try parse(json)
        XCTAssertEqual([request.source, request.target, request.apiKey], ["de", "en", "k"])
        XCTAssertEqual(try settings(#"{"sentences": ["x"], "beam": null}"#).beam, 5, "null is absent")
    }

    func testTheCheckpointBeamIsCappedByTheLimit() throws {
        XCTAssertEqual(try settings(#"{"sentences": ["x"]}"#, defaultBeam: 12).beam, 6)
    }

    func testShapeErrorsAre400() {
        assertRefused(#"{"sentences": ["#, 400, "the body is not valid JSON")
        assertRefused("42", 400, "the body must be a JSON object with a field 'sentences'")
        assertRefused(#"{}"#, 400, "missing field 'sentences' (a list of strings), or 'q' for LibreTranslate's API")
        assertRefused(#"{"sentences": {"a": 1}}"#, 400, "'sentences' must be a list of strings")
        assertRefused(#"{"sentences": ["a", ["b"]]}"#, 400, "'sentences[1]' must be a string")
        assertRefused(#"{"sentences": [], "n_best": "2"}"#, 400, "'n_best' must be an integer")
        assertRefused(#"{"sentences": [], "attention": "yes"}"#, 400, "'attention' must be true or false")
        assertRefused(#"{"sentences": [], "zeta": 1, "alpha": 2}"#, 400,
                      "unknown field 'alpha'; the fields are sentences, beam, n_best, attention, source, target, api_key")
        assertRefused(#"{"sentences": [], "source": 1}"#, 400, "'source' must be a language code")
    }

    func testInvalidUTF8Is400() {
        let body = Array(#"{"sentences": [""#.utf8) + [0xC3, 0x28] + Array(#""]}"#.utf8)
        XCTAssertThrowsError(try TranslationRequest(body: body, limits: limits)) { error in
            XCTAssertEqual(error as? APIError, .badRequest("the body is not valid UTF-8"))
        }
    }

    func testRangesAre400() {
        assertRefused(#"{"sentences": ["x"], "beam": 7}"#, 400, "'beam' must be between 1 and 6, not 7")
        assertRefused(#"{"sentences": ["x"], "beam": 0}"#, 400, "'beam' must be between 1 and 6, not 0")
        assertRefused(#"{"sentences": ["x"], "n_best": 0}"#, 400, "'n_best' must be between 1 and the beam (5), not 0")
        assertRefused(#"{"sentences": ["x"], "beam": 1, "n_best": 2}"#, 400, "'n_best' must be between 1 and the beam (1), not 2")
    }

    func testSizesAre413() {
        assertRefused(#"{"sentences": ["a", "b", "c", "d"]}"#, 413, "4 sentences; the limit is 3 per request")
        // Unicode scalars, not bytes: "schön" is 5 scalars in 6 bytes.
        XCTAssertNoThrow(try parse(#"{"sentences": ["schön schö"]}"#))
        assertRefused(#"{"sentences": ["ok", "schön schön"]}"#, 413,
                      "sentence 2 has 11 characters (Unicode scalars); the limit is 10")
    }

    /// A letter with combining accents is one grapheme cluster however many accents it has; the
    /// limit counts its scalars, which is what the tokenizer and the model work through.
    func testCombiningMarksCountAsTheScalarsTheyAre() {
        let stacked = "a" + String(repeating: "\u{0301}", count: 30)
        XCTAssertEqual(stacked.count, 1, "one grapheme cluster")
        assertRefused(#"{"sentences": [""# + stacked + #""]}"#, 413, "sentence 1 has 31 characters (Unicode scalars); the limit is 10")
        XCTAssertNoThrow(try parse(#"{"sentences": ["e\#u{0301}\#u{0301}"]}"#), "3 scalars")
    }
}
