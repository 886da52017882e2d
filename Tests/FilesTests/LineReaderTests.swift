import Files
import TestSupport
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
            XCTAssertEqual(error as? LineError, .invalidUTF8(path: path, line: 3))
            XCTAssertEqual("\(error)", "\(path) line 3: invalid UTF-8")
        }
    }

    func testMissingFileNamesPath() {
        XCTAssertThrowsError(try LineReader(path: "/nonexistent/train.en")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/train.en: no such file")
        }
    }

    func testDirectoryAsStandardInputIsUnreadable() throws {
        let directory = try TemporaryDirectory()
        let descriptor = open(directory.path, O_RDONLY)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        defer { close(descriptor) }
        let reader = LineReader(fileDescriptor: descriptor, name: LineReader.standardInputName)
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertEqual("\(error)", "cannot read standard input: Is a directory")
        }
        XCTAssertThrowsError(try LineReader(fileDescriptor: descriptor, name: "<stdin>").readRemainingBytes())
    }

    func testRemainingBytesKeepCarriageReturnsAndLastLine() throws {
        let directory = try TemporaryDirectory()
        let bytes = Array("one\r\ntwo".utf8) + [0xFF]
        let reader = try LineReader(path: directory.file("raw.txt", bytes: bytes))
        XCTAssertEqual(try reader.readRemainingBytes(), bytes)
        XCTAssertEqual(try reader.next(), nil)
    }

    func testEndlessLineIsRefusedNotBuffered() throws {
        for path in ["/dev/zero", "/dev/full"] {
            let reader = try LineReader(path: path)
            XCTAssertThrowsError(try reader.next(), path) { error in
                XCTAssertEqual("\(error)", "\(path) line 1: longer than 16777216 bytes; is it a text file with one sentence per line?")
            }
            XCTAssertThrowsError(try LineReader(path: path).readRemainingBytes(), path) { error in
                XCTAssertEqual(error as? LineError, .lineTooLong(path: path, line: 1, limit: LineReader.maximumLineLength))
            }
        }
    }

    func testRemainingBytesCountLinesForTheLineLimit() throws {
        let directory = try TemporaryDirectory()
        let long = [UInt8](repeating: 0x61, count: LineReader.maximumLineLength + 1)
        let path = try directory.file("long.txt", bytes: Array("one\ntwo\n".utf8) + long + [0x0A])
        XCTAssertThrowsError(try LineReader(path: path).readRemainingBytes()) { error in
            XCTAssertEqual(error as? LineError, .lineTooLong(path: path, line: 3, limit: LineReader.maximumLineLength))
        }
        let fits = try directory.file("fits.txt", bytes: Array("one\n".utf8) + long.dropLast() + [0x0A, 0x62])
        XCTAssertEqual(try LineReader(path: fits).readRemainingBytes().count, 4 + LineReader.maximumLineLength + 2)
        let reader = try LineReader(path: path)
        XCTAssertEqual(try reader.next(), "one")
        XCTAssertEqual(try reader.next(), "two")
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertEqual(error as? LineError, .lineTooLong(path: path, line: 3, limit: LineReader.maximumLineLength))
        }
    }
}
