import Files
import TestSupport
import Text
import XCTest

final class BPEMergesTests: XCTestCase {
    func testFileRoundTrip() throws {
        let directory = try TemporaryDirectory()
        let merges = BPEMerges([.init("l", "o"), .init("lo", "w</w>"), .init("é", "t")])
        let path = directory.path + "/codes"
        try merges.write(to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "#version: 0.2\nl o\nlo w</w>\né t\n")
        XCTAssertEqual(try BPEMerges(contentsOf: path), merges)
        XCTAssertEqual(try BPEMerges(fileContents: merges.fileContents), merges)
    }

    func testHeaderlessFileIsVersion01() throws {
        let merges = try BPEMerges(fileContents: "l o\nlo w\n")
        XCTAssertEqual(merges.version, .v0_1)
        XCTAssertEqual(merges.merges, [.init("l", "o"), .init("lo", "w")])
        XCTAssertEqual(try BPEMerges(fileContents: "#version: 0.2.0\na b\n").version, .v0_2)
    }

    func testMalformedLineNamesFileAndLine() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("codes", "#version: 0.2\na b\nabc\n")
        XCTAssertThrowsError(try BPEMerges(contentsOf: path)) { error in
            XCTAssertEqual(error as? TextError, .invalidMerges(
                path: path, line: 3, reason: "expected two symbols separated by one space, found 'abc'"))
            XCTAssertTrue("\(error)".hasPrefix("\(path) line 3: "))
        }
        XCTAssertThrowsError(try BPEMerges(fileContents: "#version: 0.3\n")) { error in
            XCTAssertEqual(error as? TextError, .invalidMerges(path: "<merges>", line: 1, reason: "unsupported version '0.3'"))
        }
        XCTAssertThrowsError(try BPEMerges(contentsOf: directory.path + "/missing")) { error in
            XCTAssertEqual(error as? LineError, .fileNotFound(path: directory.path + "/missing"))
        }
    }
}
