import Foundation
import XCTest

/// Every refusal of a running server, each answered as JSON `{"error": …}` with its status, and
/// the server still answering afterwards. Small limits, so that exceeding them is cheap.
final class ErrorResponseTests: RunningServerTestCase {
    override class var serverOptions: [String] {
        ["--max-body-bytes", "4096", "--max-sentences", "5", "--max-sentence-length", "40", "--max-beam", "4"]
    }

    private func client() throws -> LoopbackHTTP { try runningClient().1 }

    /// `response` is `status` with a JSON error containing `message`, and the server still answers.
    private func assertRefused(_ response: LoopbackHTTP.Response, _ status: Int, _ message: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(response.status, status, response.text, file: file, line: line)
        XCTAssertEqual(response.headers["content-type"], "application/json; charset=utf-8", file: file, line: line)
        let error = try XCTUnwrap(response.error, "no JSON error in \(response.text)", file: file, line: line)
        XCTAssertTrue(error.contains(message), "\(error) lacks \(message)", file: file, line: line)
        try assertStillServing(file: file, line: line)
    }

    private func assertStillServing(file: StaticString = #filePath, line: UInt = #line) throws {
        let health = try client().request("GET", "/health")
        XCTAssertEqual(health.status, 200, "the server stopped answering", file: file, line: line)
        XCTAssertTrue(try running().1.process.isRunning, file: file, line: line)
    }

    func testBadJSONIs400() throws {
        try assertRefused(client().post("/translate", json: #"{"sentences": ["#), 400, "not valid JSON")
        try assertRefused(client().post("/translate", json: ""), 400, "not valid JSON")
        try assertRefused(client().post("/translate", json: #"["the cat ."]"#), 400, "must be a JSON object")
    }

    func testMissingOrWrongTypedFieldsAre400() throws {
        let cases: [(String, String)] = [
            (#"{"beam": 2}"#, "missing field 'sentences'"),
            (#"{"sentences": "the cat ."}"#, "'sentences' must be a list of strings"),
            (#"{"sentences": null}"#, "'sentences' must be a list of strings"),
            (#"{"sentences": ["the cat .", 3]}"#, "'sentences[1]' must be a string"),
            (#"{"sentences": ["a ."], "beam": "5"}"#, "'beam' must be an integer"),
            (#"{"sentences": ["a ."], "beam": 2.5}"#, "'beam' must be an integer"),
            (#"{"sentences": ["a ."], "n_best": true}"#, "'n_best' must be an integer"),
            (#"{"sentences": ["a ."], "attention": 1}"#, "'attention' must be true or false"),
            (#"{"sentences": ["a ."], "beams": 2}"#, "unknown field 'beams'; the fields are sentences, beam, n_best, attention, source, target, api_key"),
        ]
        for (body, message) in cases { try assertRefused(client().post("/translate", json: body), 400, message) }
    }

    func testInvalidUTF8Is400() throws {
        let body = Array(#"{"sentences": ["the "#.utf8) + [0xFF, 0xFE] + Array(#" cat ."]}"#.utf8)
        try assertRefused(client().request("POST", "/translate", body: body), 400, "not valid UTF-8")
    }

    func testBeamOrNBestOutOfRangeIs400() throws {
        try assertRefused(client().translate(["sentences": ["a ."], "beam": 0]), 400, "'beam' must be between 1 and 4, not 0")
        try assertRefused(client().translate(["sentences": ["a ."], "beam": -3]), 400, "'beam' must be between 1 and 4, not -3")
        try assertRefused(client().translate(["sentences": ["a ."], "beam": 5]), 400, "'beam' must be between 1 and 4, not 5")
        try assertRefused(client().translate(["sentences": ["a ."], "beam": 2, "n_best": 3]), 400,
                          "'n_best' must be between 1 and the beam (2), not 3")
        try assertRefused(client().post("/translate", json: #"{"sentences": ["a ."], "beam": 1e30}"#), 400, "'beam' must be an integer")
    }

    func testBodyOverTheLimitIs413() throws {
        let big = #"{"sentences": [""# + String(repeating: "a", count: 5000) + #""]}"#
        try assertRefused(client().post("/translate", json: big), 413, "the body is \(big.utf8.count) bytes; the limit is 4096")
        // Chunked, so the size shows only while reading.
        let chunk = String(repeating: " ", count: 3000)
        let chunked = "\(String(3000, radix: 16))\r\n\(chunk)\r\n\(String(3000, radix: 16))\r\n\(chunk)\r\n0\r\n\r\n"
        try assertRefused(client().request("POST", "/translate", body: Array(chunked.utf8), headers: ["Transfer-Encoding": "chunked"]),
                          413, "over the limit of 4096 bytes")
    }

    func testTooManyOrTooLongSentencesAre413() throws {
        try assertRefused(client().translate(["sentences": Array(repeating: "a .", count: 6)]), 413, "6 sentences; the limit is 5")
        let long = String(repeating: "a ", count: 25)
        try assertRefused(client().translate(["sentences": ["a .", long]]), 413, "sentence 2 has 50 characters (Unicode scalars); the limit is 40")
    }

    func testUnknownPathIs404() throws {
        try assertRefused(client().request("GET", "/translations"), 404, "no such path: /translations")
        try assertRefused(client().request("POST", "/v1/translate", body: Array("{}".utf8)), 404, "no such path: /v1/translate")
    }

    func testWrongMethodIs405WithAllow() throws {
        let get = try client().request("GET", "/translate")
        try assertRefused(get, 405, "/translate takes POST, not GET")
        XCTAssertEqual(get.headers["allow"], "POST")
        let post = try client().request("POST", "/health", body: [])
        try assertRefused(post, 405, "/health takes GET, not POST")
        XCTAssertEqual(post.headers["allow"], "GET")
        try assertRefused(client().request("DELETE", "/"), 405, "/ takes GET, not DELETE")
    }

    func testMalformedHTTPIsRefusedAndTheServerStaysUp() throws {
        // Refused by the HTTP parser before any route: Hummingbird's plain 400, then the close.
        let response = try client().send(Array("NOT HTTP AT ALL\r\n\r\n".utf8))
        XCTAssertEqual(response.status, 400)
        try assertStillServing()
    }

    func testTranslationsStillMatchTheCommandLineAfterTheErrors() throws {
        let model = try running().0
        try testBadJSONIs400()
        try testBodyOverTheLimitIs413()
        let sentences = Array(model.sentences.prefix(5))
        let response = try client().translate(["sentences": sentences])
        XCTAssertEqual(try APIResponderTests.texts(response), try model.translateWithCommandLine(sentences))
    }
}
