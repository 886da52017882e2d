import Foundation
import XCTest

/// A text of several paragraphs through LibreTranslate's API: split into sentences, decoded in
/// one batch, put back together with its paragraphs and line breaks, and each sentence exactly
/// what translating it alone gives.
final class DocumentTranslationTests: XCTestCase {
    func testThreeParagraphsComeBackAsThreeParagraphsOfTheSentencesTranslatedAlone() throws {
        let model = try TinyModel()
        let server = try ServerProcess(checkpoint: model.checkpoint)
        defer { _ = server.stop() }
        let paragraphs = [
            ["The cat runs.", "A big dog sees the house."],
            ["The small tree and the red house.", "A cat sees a dog!", "Red tree."],
            ["A red cat runs.", "The dog sees a small tree."],
        ]
        // The third paragraph has a line break between its sentences.
        let text = paragraphs[0].joined(separator: " ") + "\n\n" + paragraphs[1].joined(separator: " ") + "\n\n"
            + paragraphs[2].joined(separator: "\n")
        let alone = try model.translateWithCommandLine(paragraphs.flatMap { $0 })
        XCTAssertEqual(Set(alone).count, alone.count, "the sentences translate differently, so a mix-up would show")
        let before = try XCTUnwrap(server.client.request("GET", "/info").object["batching"] as? [String: Any])

        let response = try server.client.translate(["q": text, "source": "en", "target": "de"])
        let translated = try XCTUnwrap(response.object["translatedText"] as? String, response.text)
        let returned = translated.components(separatedBy: "\n\n")
        XCTAssertEqual(returned.count, 3, translated)
        XCTAssertEqual(returned[0], alone[0...1].joined(separator: " "))
        XCTAssertEqual(returned[1], alone[2...4].joined(separator: " "))
        XCTAssertEqual(returned[2], alone[5...6].joined(separator: "\n"))

        let after = try XCTUnwrap(server.client.request("GET", "/info").object["batching"] as? [String: Any])
        XCTAssertEqual((after["batches"] as? Int ?? 0) - (before["batches"] as? Int ?? 0), 1, "one batch")
        XCTAssertEqual((after["sentences"] as? Int ?? 0) - (before["sentences"] as? Int ?? 0), 7, "of the seven sentences")
    }
}
