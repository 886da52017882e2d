@testable import Files
import Foundation
import TestSupport
import XCTest

/// A replaced file holds its old contents or the complete new ones; only regular files are
/// replaced; nothing temporary is left behind; the rename is flushed with its directory.
final class FileReplacementTests: XCTestCase {
    private var temporary: TemporaryDirectory!
    private var directory: String { temporary.path }

    override func setUpWithError() throws {
        temporary = try TemporaryDirectory()
        try Data("new".utf8).write(to: URL(fileURLWithPath: directory + "/source"))
    }

    override func tearDown() { temporary = nil }

    private struct Injected: Error {}

    private func contents(_ name: String) throws -> String {
        try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
    }

    private func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    private func write(_ text: String, to file: POSIXFile) throws {
        try Array(text.utf8).withUnsafeBytes { try file.write($0) }
    }

    // MARK: replace

    func testReplaceWritesTheNewContentsThenFlushesTheDirectory() throws {
        try Data("old".utf8).write(to: URL(fileURLWithPath: directory + "/target"))
        var flushed: [(directory: String, contents: String, names: [String])] = []
        let flush = FileReplacement.Flush(file: { try $0.synchronize() }, directory: { [self] in
            flushed.append(($0, (try? contents("target")) ?? "", (try? names()) ?? []))
        })
        try FileReplacement.replace(directory + "/target", flush: flush) { try write("new contents", to: $0) }

        XCTAssertEqual(try contents("target"), "new contents")
        XCTAssertEqual(try names(), ["source", "target"])
        XCTAssertEqual(flushed.count, 1, "the directory is flushed once")
        XCTAssertEqual(flushed.first?.directory, directory)
        XCTAssertEqual(flushed.first?.contents, "new contents", "the directory is flushed after the rename")
        XCTAssertEqual(flushed.first?.names, ["source", "target"])
    }

    func testFailureAfterWritingKeepsTheOldFileAndLeavesNoTemporaryFile() throws {
        try Data("old".utf8).write(to: URL(fileURLWithPath: directory + "/target"))
        XCTAssertThrowsError(try FileReplacement.replace(directory + "/target") { file in
            try write("half of the new", to: file)
            throw Injected()
        }) { error in
            XCTAssertTrue(error is Injected, "the writer's error passes through: \(error)")
        }
        XCTAssertEqual(try contents("target"), "old")
        XCTAssertEqual(try names(), ["source", "target"])
    }

    func testFailedFlushKeepsTheOldFileAndSkipsTheRename() throws {
        try Data("old".utf8).write(to: URL(fileURLWithPath: directory + "/target"))
        var directoryFlushes = 0
        let flush = FileReplacement.Flush(file: { _ in throw POSIXFile.Failure(operation: "fsync", code: EIO) },
                                          directory: { _ in directoryFlushes += 1 })
        XCTAssertThrowsError(try FileReplacement.replace(directory + "/target", flush: flush) { try write("new", to: $0) }) { error in
            XCTAssertEqual((error as? POSIXFile.Failure)?.message, "fsync: Input/output error")
        }
        XCTAssertEqual(try contents("target"), "old")
        XCTAssertEqual(try names(), ["source", "target"])
        XCTAssertEqual(directoryFlushes, 0)
    }

    func testReplaceCreatesAMissingFile() throws {
        try FileReplacement.replace(directory + "/fresh") { try write("first", to: $0) }
        XCTAssertEqual(try contents("fresh"), "first")
        XCTAssertEqual(try names(), ["fresh", "source"])
    }

    func testReplaceRefusesAFIFOBeforeWriting() throws {
        let fifo = directory + "/curves.svg"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        var wrote = false
        XCTAssertThrowsError(try FileReplacement.replace(fifo) { _ in wrote = true }) { error in
            XCTAssertEqual((error as? POSIXFile.Failure)?.message, "replace: not a regular file (a pipe or FIFO)")
        }
        XCTAssertFalse(wrote)
        var status = stat()
        XCTAssertEqual(lstat(fifo, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO, "the FIFO is still there")
        XCTAssertEqual(try names(), ["curves.svg", "source"])
    }

    /// While the new contents are written, the file written to is `.<name>.tmp-<pid>-<hex>` in
    /// the target's directory: the rename then stays on one file system, and RunDirectory finds a
    /// killed run's leftovers by that name beside the checkpoints.
    func testTemporaryFileSitsInTheTargetsDirectory() throws {
        let run = directory + "/run"
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: false)
        var whileWriting: [String] = []
        // (device, inode) of the descriptor being written and of the directory's one entry.
        var written: [UInt64] = [], entry: [UInt64] = []
        try FileReplacement.replace(run + "/latest.ckpt") { file in
            whileWriting = try FileManager.default.contentsOfDirectory(atPath: run)
            var status = stat()
            if fstat(file.descriptor, &status) == 0 { written = [UInt64(status.st_dev), UInt64(status.st_ino)] }
            if whileWriting.count == 1, stat(run + "/" + whileWriting[0], &status) == 0 {
                entry = [UInt64(status.st_dev), UInt64(status.st_ino)]
            }
            try write("new", to: file)
        }
        XCTAssertEqual(whileWriting.count, 1, "one file in the target's directory while writing: \(whileWriting)")
        let name = try XCTUnwrap(whileWriting.first)
        XCTAssertNotNil(name.wholeMatch(of: try Regex(#"\.latest\.ckpt\.tmp-\#(getpid())-[0-9a-f]+"#)), name)
        XCTAssertEqual(written.count, 2, "fstat of the file being written")
        XCTAssertEqual(written, entry, "the file being written is \(name) in \(run)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: run), ["latest.ckpt"])
        XCTAssertEqual(try String(contentsOfFile: run + "/latest.ckpt", encoding: .utf8), "new")

        XCTAssertEqual(FileReplacement.split("a/b/c").directory, "a/b")
        XCTAssertEqual(FileReplacement.split("a/b/c").name, "c")
        XCTAssertEqual(FileReplacement.split("c").directory, ".")
        XCTAssertEqual(FileReplacement.split("/c").directory, "/")
        XCTAssertEqual(FileReplacement.split("/c").name, "c")
    }

    // MARK: write

    func testWriteStoresUTF8AndRefusesAFIFO() throws {
        try FileReplacement.write("Zürich → 日本", to: directory + "/text")
        XCTAssertEqual(try contents("text"), "Zürich → 日本")
        let fifo = directory + "/heat.svg"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        XCTAssertThrowsError(try FileReplacement.write("<svg/>", to: fifo)) { error in
            XCTAssertEqual("\(error)", "cannot write \(fifo): not a regular file (a pipe or FIFO)")
        }
    }

    // MARK: copy

    func testReplacesARegularFileAndLeavesNoTemporaryFile() throws {
        try Data("old".utf8).write(to: URL(fileURLWithPath: directory + "/target"))
        try FileReplacement.copy(directory + "/source", to: directory + "/target")
        XCTAssertEqual(try String(contentsOfFile: directory + "/target", encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(), ["source", "target"])
    }

    /// Larger than the copy's block, and not a multiple of it.
    func testCopyIsByteExactAcrossBlocks() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<(2_500_000)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/big"))
        try FileReplacement.copy(directory + "/big", to: directory + "/big-copy")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: directory + "/big-copy")), Data(bytes))
    }

    func testCopyOfAMissingSourceNamesItAndKeepsTheTarget() throws {
        try Data("old".utf8).write(to: URL(fileURLWithPath: directory + "/target"))
        XCTAssertThrowsError(try FileReplacement.copy(directory + "/missing", to: directory + "/target")) { error in
            XCTAssertEqual("\(error)", "cannot read \(directory)/missing: no such file or directory")
        }
        XCTAssertEqual(try contents("target"), "old")
        XCTAssertEqual(try names(), ["source", "target"])
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
