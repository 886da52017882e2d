import Foundation
import XCTest
@testable import Translation

/// Checkpoint copies (best.ckpt, update-N.ckpt) replace regular files only.
final class FileReplacementTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "nmt-replacement-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("new".utf8).write(to: URL(fileURLWithPath: directory + "/source"))
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testReplacesARegularFileAndLeavesNoTemporaryFile() throws {
        try Data("old".utf8).write(to: URL(fileURLWithPath: directory + "/target"))
        try FileReplacement.copy(directory + "/source", to: directory + "/target")
        XCTAssertEqual(try String(contentsOfFile: directory + "/target", encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(), ["source", "target"])
    }

    func testRefusesToReplaceAFIFO() throws {
        let fifo = directory + "/best.ckpt"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        XCTAssertThrowsError(try FileReplacement.copy(directory + "/source", to: fifo)) { error in
            XCTAssertEqual("\(error)", "cannot replace \(fifo): it is not a regular file")
        }
        var status = stat()
        XCTAssertEqual(lstat(fifo, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO, "the FIFO is still there")
    }
}
