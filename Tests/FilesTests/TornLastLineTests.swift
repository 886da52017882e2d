import Files
import Foundation
import TestSupport
import XCTest

/// A file is cut back to its last newline, and left alone when it ends in one.
final class TornLastLineTests: XCTestCase {
    private func cut(_ contents: String) throws -> (removed: Int, left: String) {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/lines"
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        let removed = try TornLastLine.remove(from: path)
        return (removed, try String(contentsOfFile: path, encoding: .utf8))
    }

    func testATornLastLineIsCut() throws {
        let result = try cut("{\"update\":1}\n{\"update\":2}\n{\"upd")
        XCTAssertEqual(result.removed, 5)
        XCTAssertEqual(result.left, "{\"update\":1}\n{\"update\":2}\n")
    }

    func testWholeLinesStay() throws {
        XCTAssertEqual(try cut("a\nb\n").removed, 0)
        XCTAssertEqual(try cut("a\nb\n").left, "a\nb\n")
        XCTAssertEqual(try cut("").removed, 0)
    }

    func testAFileWithoutANewlineIsEmptied() throws {
        let result = try cut(String(repeating: "x", count: 200_000))
        XCTAssertEqual(result.removed, 200_000)
        XCTAssertEqual(result.left, "")
    }

    func testTheNewlineIsFoundBeyondTheLastChunk() throws {
        let result = try cut("first\n" + String(repeating: "y", count: 150_000))
        XCTAssertEqual(result.removed, 150_000)
        XCTAssertEqual(result.left, "first\n")
    }

    func testAMissingFileIsNothingToCut() throws {
        let directory = try TemporaryDirectory()
        XCTAssertEqual(try TornLastLine.remove(from: directory.path + "/missing"), 0)
    }
}
