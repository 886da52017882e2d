import Foundation
import XCTest

/// The page in a real browser, used with the keyboard only: headless Chromium (Debian's package)
/// loads GET /, a sentence is typed into it key by key and sent with Ctrl+Enter, and the
/// translation read back from the DOM is the one `nmt translate` gives; then Tab and the arrow
/// keys reach a target unit of the heat map and the page shows where that unit looked.
/// Tests/ServerTests/Page/page-check.py drives the browser.
final class PageInBrowserTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testATypedSentenceIsTranslatedAsByTheCommandLineAndTheHeatMapAnswersTheKeyboard() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            return XCTFail("the page test needs Debian's chromium: scripts/install-deps.sh --tests installs it")
        }
        let model = try TinyModel()
        let server = try ServerProcess(checkpoint: model.checkpoint)
        defer { _ = server.stop() }
        let sentence = "a big dog sees the small house ."
        let expected = try model.translateWithCommandLine([sentence])[0]

        let state = try Self.checkPage(url: "http://127.0.0.1:\(server.port)/", sentence: sentence, unit: 2)
        XCTAssertNil(state["error"] as? String)
        XCTAssertEqual(state["typed"] as? String, sentence, "every key arrived")
        XCTAssertEqual(state["translation"] as? String, expected)

        // The units shown are the API's: the keyboard focused the third target unit, and the page
        // shaded its source units by its attention, darkest where the toy language says.
        let api = try APIResponderTests.entries(server.client.translate(["sentences": [sentence], "attention": true]))[0]
        let targetUnits = try XCTUnwrap(api["target_tokens"] as? [String])
        XCTAssertEqual(state["target_units"] as? [String], targetUnits)
        XCTAssertEqual(state["source_units"] as? [String], api["source_tokens"] as? [String])
        XCTAssertEqual(state["focused_unit"] as? String, targetUnits[2])
        XCTAssertEqual(state["pressed_unit"] as? String, targetUnits[2])
        XCTAssertEqual(state["active_row"] as? Int, 2)
        XCTAssertEqual(state["heat_map_rows"] as? Int, targetUnits.count)
        let readout = try XCTUnwrap(state["readout"] as? String)
        let english = try XCTUnwrap(TinyModel.words.first { $0.value == targetUnits[2] }?.key)
        XCTAssertTrue(readout.hasPrefix("“\(targetUnits[2])” attended to \(english) ("), readout)
        let shading = try XCTUnwrap(state["source_shading"] as? [String])
        let sourceUnits = try XCTUnwrap(state["source_units"] as? [String])
        XCTAssertEqual(shading.count, sourceUnits.count)
        XCTAssertEqual(sourceUnits[shading.indices.min { Self.lightness(shading[$0]) < Self.lightness(shading[$1]) }!], english)
    }

    /// Runs Tests/ServerTests/Page/page-check.py and returns the JSON state it read from the page.
    static func checkPage(url: String, sentence: String, unit: Int) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repository.appendingPathComponent("Tests/ServerTests/Page/page-check.py").path,
                             "--url", url, "--sentence", sentence, "--unit", String(unit), "--timeout", "60"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let state = try JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw TinyModelError(message: "page-check.py failed (\(process.terminationStatus)): \(error)")
        }
        return state
    }

    /// r + g + b of "rgb(r, g, b)": smaller is darker.
    static func lightness(_ color: String) -> Int {
        color.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.reduce(0, +)
    }
}
