import Foundation
import XCTest

/// The API of a running `nmt serve` on a free loopback port: health, info, the page, and
/// translations that are exactly those of `nmt translate` with the same settings.
final class APIResponderTests: RunningServerTestCase {
    func testHealthIsOK() throws {
        let (_, client) = try runningClient()
        let response = try client.request("GET", "/health")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, #"{"status":"ok"}"#)
        XCTAssertEqual(response.headers["content-type"], "application/json; charset=utf-8")
    }

    func testInfoDescribesTheCheckpoint() throws {
        let (model, client) = try runningClient()
        let response = try client.request("GET", "/info").object
        let models = try XCTUnwrap(response["models"] as? [[String: Any]])
        XCTAssertEqual(models.count, 1)
        XCTAssertEqual(response["pairs"] as? [String], ["en-de"])
        let info = models[0]
        XCTAssertEqual(info["source_language"] as? String, "en")
        XCTAssertEqual(info["target_language"] as? String, "de")
        // 12 words and "." on each side, after <pad> <s> </s> <unk>.
        XCTAssertEqual(info["source_vocabulary_size"] as? Int, 17)
        XCTAssertEqual(info["target_vocabulary_size"] as? Int, 17)
        let checkpoint = try XCTUnwrap(info["checkpoint"] as? [String: Any])
        XCTAssertEqual(checkpoint["path"] as? String, model.checkpoint)
        XCTAssertEqual(checkpoint["sha256"] as? String, try Self.sha256sum(model.checkpoint))
        XCTAssertEqual(checkpoint["update"] as? Int, 400)
        let modelSection = try XCTUnwrap(info["model"] as? [String: Any])
        XCTAssertEqual(modelSection["decoder_hidden_size"] as? Int, 32)
        XCTAssertEqual(modelSection["attention"] as? String, "additive")
        let translation = try XCTUnwrap(info["translation"] as? [String: Any])
        XCTAssertEqual(translation["beam"] as? Int, 5)
        let limits = try XCTUnwrap(response["limits"] as? [String: Any])
        XCTAssertEqual(limits["max_body_bytes"] as? Int, 1 << 20)
        XCTAssertEqual(limits["max_beam"] as? Int, 10)
        let batching = try XCTUnwrap(response["batching"] as? [String: Any])
        XCTAssertEqual(batching["batch_size"] as? Int, 64)
        XCTAssertEqual(batching["window_ms"] as? Double, 5)
    }

    func testTranslationsAreThoseOfTheCommandLine() throws {
        let (model, client) = try runningClient()
        let response = try client.translate(["sentences": model.sentences])
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(try Self.texts(response), try model.translateWithCommandLine(model.sentences))
    }

    func testGreedySearchMatchesTheCommandLineAndHasNoScore() throws {
        let (model, client) = try runningClient()
        let response = try client.translate(["sentences": model.sentences, "beam": 1])
        XCTAssertEqual(try Self.texts(response), try model.translateWithCommandLine(model.sentences, ["--beam", "1"]))
        for entry in try Self.entries(response) { XCTAssertTrue(entry["score"] is NSNull, "greedy search computes no score") }
    }

    func testNBestListsAndScoresMatchTheCommandLine() throws {
        let (model, client) = try runningClient()
        let sentences = Array(model.sentences.prefix(6))
        let response = try client.translate(["sentences": sentences, "beam": 4, "n_best": 3])
        // `nmt translate --n-best` prints "line ||| text ||| score" with four decimals.
        let lines = try model.translateWithCommandLine(sentences, ["--beam", "4", "--n-best", "3"])
        var expected: [[String]] = Array(repeating: [], count: sentences.count)
        for line in lines {
            let parts = line.components(separatedBy: " ||| ")
            expected[Int(parts[0])!].append(parts[1] + " ||| " + parts[2])
        }
        let entries = try Self.entries(response)
        XCTAssertEqual(entries.count, sentences.count)
        for (index, entry) in entries.enumerated() {
            let hypotheses = try XCTUnwrap(entry["n_best"] as? [[String: Any]])
            let served = hypotheses.map { "\($0["text"] as! String) ||| \(String(format: "%.4f", ($0["score"] as! NSNumber).doubleValue))" }
            XCTAssertEqual(served, expected[index], "sentence \(index)")
            XCTAssertEqual(entry["text"] as? String, hypotheses.first?["text"] as? String)
            XCTAssertEqual((entry["score"] as? NSNumber)?.floatValue, (hypotheses.first?["score"] as? NSNumber)?.floatValue)
        }
    }

    func testAttentionHasARowPerTargetTokenAndFollowsTheWords() throws {
        let (_, client) = try runningClient()
        let response = try client.translate(["sentences": ["the cat runs .", "a big dog sees the small house ."], "attention": true])
        for entry in try Self.entries(response) {
            let source = try XCTUnwrap(entry["source_tokens"] as? [String])
            let target = try XCTUnwrap(entry["target_tokens"] as? [String])
            let attention = try XCTUnwrap(entry["attention"] as? [[Double]])
            XCTAssertEqual(source.last, "</s>")
            XCTAssertEqual(attention.count, target.count, "one row per target token")
            let words = Dictionary(uniqueKeysWithValues: TinyModel.words.map { ($1, $0) })
            for (t, row) in attention.enumerated() {
                XCTAssertEqual(row.count, source.count, "one weight per source token")
                XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-4)
                // Each German word of the toy language looks hardest at its English word.
                if let english = words[target[t]] {
                    XCTAssertEqual(source[row.indices.max { row[$0] < row[$1] }!], english, "target \(t) \(target[t])")
                }
            }
        }
        let plain = try Self.entries(client.translate(["sentences": ["the cat runs ."]]))
        XCTAssertNil(plain.first?["attention"], "attention only when asked for")
        XCTAssertNil(plain.first?["n_best"], "n_best only when more than one is asked for")
    }

    func testEmptySentencesStayInPlace() throws {
        let (model, client) = try runningClient()
        let sentences = ["", "red tree .", "   ", "the cat runs ."]
        let response = try client.translate(["sentences": sentences])
        XCTAssertEqual(try Self.texts(response), try model.translateWithCommandLine(sentences))
        XCTAssertEqual(try Self.texts(response)[0], "")
        XCTAssertEqual(try Self.texts(client.translate(["sentences": [String]()])), [])
    }

    func testThePageAndItsFilesAreServedFromTheBinary() throws {
        let (_, client) = try runningClient()
        let page = try client.request("GET", "/")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(page.headers["content-security-policy"]?.hasPrefix("default-src 'self'") ?? false)
        XCTAssertTrue(page.text.contains(#"<script src="/page.js" defer></script>"#))
        for (path, type) in [("/page.js", "text/javascript; charset=utf-8"), ("/page.css", "text/css; charset=utf-8")] {
            let asset = try client.request("GET", path)
            XCTAssertEqual(asset.status, 200, path)
            XCTAssertEqual(asset.headers["content-type"], type, path)
            XCTAssertGreaterThan(asset.body.count, 1000, path)
            XCTAssertFalse(asset.text.contains("http://") || asset.text.contains("https://"), "\(path) loads nothing from the network")
        }
        XCTAssertFalse(page.text.contains("http://") || page.text.contains("https://"))
    }

    static func entries(_ response: LoopbackHTTP.Response) throws -> [[String: Any]] {
        XCTAssertEqual(response.status, 200, response.text)
        return try XCTUnwrap(response.object["translations"] as? [[String: Any]], response.text)
    }

    static func texts(_ response: LoopbackHTTP.Response) throws -> [String] {
        try entries(response).map { $0["text"] as? String ?? "<no text>" }
    }

    /// The digest `sha256sum` prints, the tool a user would check /info against.
    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(output.prefix(64))
    }
}
