import Files
import Foundation
import TestSupport
import XCTest

/// A file written by `LineWriter.replace` appears only complete: until the closure returns the
/// path holds its old contents (or nothing), and a closure that fails leaves the old contents
/// and no temporary file. What is not a regular file is written in place, never renamed over.
final class LineWriterReplacementTests: XCTestCase {
    private struct Injected: Error {}

    /// More than the writer's buffer, so that part of it reaches the temporary file before the end.
    private let manyLines = (0..<20_000).map { "line \($0) of the new contents" }

    private func names(in directory: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    func testAFailureMidwayKeepsTheOldFileAndLeavesNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("vocabulary.txt", "old\ncontents\n")
        XCTAssertThrowsError(try LineWriter.replace(path) { writer in
            for line in manyLines { try writer.write(line) }
            XCTAssertEqual(try names(in: directory).count, 2, "the lines go to a temporary file beside the target")
            throw Injected()
        }) { error in
            XCTAssertTrue(error is Injected, "the closure's error passes through: \(error)")
        }
        XCTAssertEqual(try LineReader.lines(ofFile: path), ["old", "contents"])
        XCTAssertEqual(try names(in: directory), ["vocabulary.txt"])
    }

    func testAFailureBeforeTheFirstFileLeavesNothing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/merges.txt"
        XCTAssertThrowsError(try LineWriter.replace(path) { writer in
            try writer.write("#version: 0.2")
            throw Injected()
        })
        XCTAssertEqual(try names(in: directory), [])
    }

    func testTheFileAppearsOnlyComplete() throws {
        let directory = try TemporaryDirectory()
        let existing = try directory.file("existing.txt", "old\n")
        let fresh = directory.path + "/fresh.txt"
        for path in [existing, fresh] {
            let before = try? LineReader.lines(ofFile: path)
            try LineWriter.replace(path) { writer in
                for line in manyLines { try writer.write(line) }
                XCTAssertEqual(try? LineReader.lines(ofFile: path), before, "\(path) changes only when the closure returns")
            }
            XCTAssertEqual(try LineReader.lines(ofFile: path), manyLines)
        }
        XCTAssertEqual(try names(in: directory), ["existing.txt", "fresh.txt"])
    }

    /// A FIFO (like a device) has no contents to keep; renaming over it would swap the node for
    /// a regular file, so the lines go into it.
    func testAFIFOIsWrittenInPlace() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.path + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // The reader's end, open first so that opening the writer's end does not wait.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(reader, 0)
        defer { close(reader) }
        try LineWriter.replace(fifo) { writer in try writer.write("through the pipe") }
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &bytes, bytes.count)
        XCTAssertEqual(String(decoding: bytes.prefix(max(count, 0)), as: UTF8.self), "through the pipe\n")
        var status = stat()
        XCTAssertEqual(lstat(fifo, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO, "still a FIFO")
    }

    /// `--output /dev/stdout` and other links are written through: the link stays a link.
    func testASymbolicLinkIsWrittenThrough() throws {
        let directory = try TemporaryDirectory()
        let target = try directory.file("target.txt", "old\n")
        let link = directory.path + "/link.txt"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try LineWriter.replace(link) { writer in try writer.write("new") }
        XCTAssertEqual(try LineReader.lines(ofFile: target), ["new"])
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), target)
    }
}
