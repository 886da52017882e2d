import Foundation
import XCTest

/// Two checkpoints in one server, English→German and German→English: each request goes to the
/// model of its pair, through either API, and gets exactly that checkpoint's `nmt translate`.
final class SeveralModelsTests: XCTestCase {
    private static var forward: TinyModel?
    private static var backward: TinyModel?
    private static var server: ServerProcess?

    override class func setUp() {
        forward = try? TinyModel()
        backward = try? TinyModel(reversed: true)
        if let forward, let backward {
            server = try? ServerProcess(checkpoint: forward.checkpoint, options: ["--checkpoint", backward.checkpoint])
        }
    }

    override class func tearDown() {
        _ = server?.stop()
        server = nil
        forward = nil
        backward = nil
    }

    private func running() throws -> (TinyModel, TinyModel, LoopbackHTTP) {
        (try XCTUnwrap(Self.forward, "the en→de model could not be trained"),
         try XCTUnwrap(Self.backward, "the de→en model could not be trained"),
         try XCTUnwrap(Self.server, "nmt serve did not start").client)
    }

    func testEachPairIsTranslatedByItsCheckpoint() throws {
        let (forward, backward, client) = try running()
        for (model, source, target) in [(forward, "en", "de"), (backward, "de", "en")] {
            let sentences = Array(model.sentences.prefix(8))
            let expected = try model.translateWithCommandLine(sentences)
            let native = try client.translate(["sentences": sentences, "source": source, "target": target])
            XCTAssertEqual(try APIResponderTests.texts(native), expected, "\(source)→\(target), native API")
            let libre = try client.translate(["q": sentences, "source": source, "target": target])
            XCTAssertEqual(libre.object["translatedText"] as? [String], expected, "\(source)→\(target), LibreTranslate's API")
        }
        XCTAssertNotEqual(try backward.translateWithCommandLine([backward.sentences[0]]),
                          try forward.translateWithCommandLine([backward.sentences[0]]), "the two models differ")
    }

    func testInfoAndLanguagesListThePairs() throws {
        let (forward, backward, client) = try running()
        let info = try client.request("GET", "/info").object
        XCTAssertEqual(info["pairs"] as? [String], ["en-de", "de-en"])
        let models = try XCTUnwrap(info["models"] as? [[String: Any]])
        XCTAssertEqual(models.compactMap { ($0["checkpoint"] as? [String: Any])?["path"] as? String },
                       [forward.checkpoint, backward.checkpoint])
        XCTAssertEqual(try client.request("GET", "/languages").json as? NSArray,
                       [["code": "de", "name": "German", "targets": ["en"]], ["code": "en", "name": "English", "targets": ["de"]]] as NSArray)
    }

    func testAMissingOrUnknownPairIs400() throws {
        let (_, _, client) = try running()
        let cases: [([String: Any], String)] = [
            (["sentences": ["the cat ."]], "this server translates en→de and de→en: name the source and the target language"),
            (["sentences": ["the cat ."], "source": "en", "target": "fr"], "no model translates en→fr"),
            (["q": "the cat .", "source": "auto", "target": "de"], "source 'auto' needs language detection"),
            (["q": "the cat .", "source": "fr", "target": "de"], "no model translates fr→de"),
        ]
        for (body, message) in cases {
            let response = try client.translate(body)
            XCTAssertEqual(response.status, 400, response.text)
            XCTAssertTrue(response.error?.contains(message) ?? false, "\(response.text) lacks \(message)")
        }
        XCTAssertEqual(try client.translate(["sentences": ["die katze ."], "source": "de"]).status, 200, "one model fits de")
    }

    /// Refused before listening (a server that listened would be stopped, and the test fail).
    func testTwoCheckpointsOfOnePairAreRefusedAtStart() throws {
        let (forward, _, _) = try running()
        XCTAssertThrowsError(try ServerProcess(checkpoint: forward.checkpoint, options: ["--checkpoint", forward.checkpoint])) {
            XCTAssertTrue("\($0)".contains("nmt serve: two checkpoints translate en→de; serve one model per language pair"), "\($0)")
        }
    }
}
