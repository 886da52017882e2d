import Foundation
import TestSupport
import XCTest

/// API keys (`--api-keys FILE`) and the CORS origin (`--cors-origin`): off by default, and when
/// on, POST /translate needs a key from the file (403 otherwise) and answers name the origin.
final class AccessTests: XCTestCase {
    private static var model: TinyModel?

    override class func setUp() { model = try? TinyModel() }
    override class func tearDown() { model = nil }

    func testWithKeysEveryTranslationNeedsOne() throws {
        let model = try XCTUnwrap(Self.model)
        let keys = NSTemporaryDirectory() + "nmt-keys-\(UUID().uuidString)"
        try "# operators\n  key-one  \n\nkey-two\n".write(toFile: keys, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: keys) }
        let server = try ServerProcess(checkpoint: model.checkpoint, options: ["--api-keys", keys])
        defer { _ = server.stop() }
        let client = server.client
        let expected = try model.translateWithCommandLine(["the cat runs ."])[0]

        for (body, status) in [
            (["sentences": ["the cat runs ."]] as [String: Any], 403),
            (["sentences": ["the cat runs ."], "api_key": "key-three"], 403),
            (["sentences": ["the cat runs ."], "api_key": "key-two"], 200),
            (["q": "the cat runs .", "source": "en", "target": "de"], 403),
            (["q": "the cat runs .", "source": "en", "target": "de", "api_key": "# operators"], 403),
            (["q": "the cat runs .", "source": "en", "target": "de", "api_key": "key-one"], 200),
        ] {
            let response = try client.translate(body)
            XCTAssertEqual(response.status, status, "\(body): \(response.text)")
            if status == 403 { XCTAssertNotNil(response.error) }
        }
        let form = try client.request("POST", "/translate", body: Array("q=the+cat+runs+.&source=en&target=de&api_key=key-one".utf8),
                                      headers: ["Content-Type": "application/x-www-form-urlencoded"])
        XCTAssertEqual(form.object["translatedText"] as? String, expected)
        let missing = try client.translate(["q": "the cat runs .", "source": "en", "target": "de"])
        XCTAssertEqual(missing.error, "this server needs an API key: send it as 'api_key'")
        XCTAssertEqual(try client.translate(["q": "x", "source": "en", "target": "de", "api_key": "nope"]).error, "Invalid API key")
        // What serves no translation stays open, as in LibreTranslate.
        XCTAssertEqual(try client.request("GET", "/health").status, 200)
        XCTAssertEqual(try client.request("GET", "/languages").status, 200)
        XCTAssertEqual(try XCTUnwrap(client.request("GET", "/info").object["limits"] as? [String: Any])["api_keys"] as? Bool, true)
    }

    func testAKeyFileWithoutKeysIsARuntimeFailure() throws {
        let model = try XCTUnwrap(Self.model)
        let keys = NSTemporaryDirectory() + "nmt-keys-\(UUID().uuidString)"
        try "# none yet\n\n".write(toFile: keys, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: keys) }
        let result = try BuiltExecutable.nmt.run(["serve", "--checkpoint", model.checkpoint, "--api-keys", keys, "--port", "0"])
        XCTAssertEqual(result.status, 1, result.error)
        XCTAssertTrue(result.error.contains("\(keys) holds no API key"), result.error)
    }

    func testCORSIsOffByDefault() throws {
        let model = try XCTUnwrap(Self.model)
        let server = try ServerProcess(checkpoint: model.checkpoint)
        defer { _ = server.stop() }
        let response = try server.client.translate(["sentences": ["the cat ."]])
        XCTAssertEqual(response.status, 200)
        XCTAssertNil(response.headers["access-control-allow-origin"])
        XCTAssertEqual(try server.client.request("OPTIONS", "/translate").status, 405)
    }

    func testACORSOriginIsNamedAndPreflightsAreAnswered() throws {
        let model = try XCTUnwrap(Self.model)
        let server = try ServerProcess(checkpoint: model.checkpoint, options: ["--cors-origin", "https://example.org"])
        defer { _ = server.stop() }
        let preflight = try server.client.request("OPTIONS", "/translate", headers: [
            "Origin": "https://example.org", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type",
        ])
        XCTAssertEqual(preflight.status, 204)
        XCTAssertEqual(preflight.headers["access-control-allow-origin"], "https://example.org")
        XCTAssertEqual(preflight.headers["access-control-allow-methods"], "POST, OPTIONS")
        XCTAssertEqual(preflight.headers["access-control-allow-headers"], "Content-Type")
        let response = try server.client.translate(["q": "the cat .", "source": "en", "target": "de"])
        XCTAssertEqual(response.headers["access-control-allow-origin"], "https://example.org")
        XCTAssertEqual(response.headers["vary"], "Origin")
        let refused = try server.client.translate(["q": "the cat .", "source": "en", "target": "xx"])
        XCTAssertEqual(refused.headers["access-control-allow-origin"], "https://example.org", "errors too, so the page can read them")
    }
}
