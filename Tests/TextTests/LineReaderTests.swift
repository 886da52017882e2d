import Text
import XCTest

final class LineReaderTests: XCTestCase {
    func testSplitsLinesAndDropsCarriageReturns() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("a.txt", "one\r\ntwo\n\nthree")
        XCTAssertEqual(try LineReader.lines(ofFile: path), ["one", "two", "", "three"])
        let empty = try directory.file("b.txt", "")
        XCTAssertEqual(try LineReader.lines(ofFile: empty), [])
    }

    func testLinesLongerThanTheChunk() throws {
        let directory = try TemporaryDirectory()
        let long = String(repeating: "ä", count: 100_000)
        let path = try directory.file("long.txt", "x\n\(long)\ny\n")
        XCTAssertEqual(try LineReader.lines(ofFile: path), ["x", long, "y"])
    }

    func testInvalidUTF8NamesFileAndLine() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("bad.txt", bytes: Array("ok\nfine\n".utf8) + [0x61, 0xC3, 0x28, 0x0A])
        let reader = try LineReader(path: path)
        XCTAssertEqual(try reader.next(), "ok")
        XCTAssertEqual(try reader.next(), "fine")
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertEqual(error as? TextError, .invalidUTF8(path: path, line: 3))
            XCTAssertEqual("\(error)", "\(path) line 3: invalid UTF-8")
        }
    }

    func testMissingFileNamesPath() {
        XCTAssertThrowsError(try LineReader(path: "/nonexistent/train.en")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/train.en: no such file")
        }
    }
}
