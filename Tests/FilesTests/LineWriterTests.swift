import Files
import TestSupport
import XCTest

final class LineWriterTests: XCTestCase {
    func testWriterRoundTrip() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/out.txt"
        try LineWriter.replace(path) { writer in
            try writer.write("a b")
            try writer.write(joining: ["c", "d", "é"])
        }
        XCTAssertEqual(try LineReader.lines(ofFile: path), ["a b", "c d é"])
    }

    func testUnwritablePathIsNamed() {
        XCTAssertThrowsError(try LineWriter.replace("/nonexistent/dir/out.txt") { _ in }) { error in
            XCTAssertEqual("\(error)", "/nonexistent/dir/out.txt: cannot write: No such file or directory")
        }
    }

    func testFullStandardOutputSaysSo() throws {
        let descriptor = open("/dev/full", O_WRONLY)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        defer { close(descriptor) }
        let writer = LineWriter(fileDescriptor: descriptor, name: LineWriter.standardOutputName)
        try writer.write("lost")
        XCTAssertThrowsError(try writer.flush()) { error in
            XCTAssertEqual("\(error)", "cannot write standard output: No space left on device")
        }
    }
}
