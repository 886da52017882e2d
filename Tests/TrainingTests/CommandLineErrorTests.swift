import Autodiff
import Foundation
import TestSupport
import XCTest

/// Bad checkpoints and bad configurations are refused with a message and the right exit status.
final class CommandLineErrorTests: XCTestCase {
    private var fixture: TrainingFixture!
    private var checkpoint: String!

    override func setUpWithError() throws {
        fixture = try TrainingFixture()
        let config = try fixture.writeConfiguration(fixture.configuration(updates: 5, validateEvery: 5))
        let run = try BuiltExecutable.nmt.run(["train", "--config", config])
        XCTAssertEqual(run.status, 0, run.error)
        checkpoint = fixture.directory.appendingPathComponent("run/latest.ckpt").path
    }

    override func tearDown() { fixture.remove() }

    private func damaged(_ name: String, _ change: (inout Data) -> Void) throws -> String {
        var data = try Data(contentsOf: URL(fileURLWithPath: checkpoint))
        change(&data)
        let path = fixture.directory.appendingPathComponent(name).path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    private func assertRefused(_ path: String, mentioning problem: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try BuiltExecutable.nmt.run(["translate", "--checkpoint", path], input: "the cat sees a dog .\n")
        XCTAssertEqual(result.status, 1, result.error, file: file, line: line)
        XCTAssertTrue(result.error.contains(path), "message names the file: \(result.error)", file: file, line: line)
        XCTAssertTrue(result.error.lowercased().contains(problem), "message names the problem: \(result.error)", file: file, line: line)
        XCTAssertFalse(result.error.contains("Fatal error"), file: file, line: line)
    }

    func testTranslatesWithTheIntactCheckpoint() throws {
        let result = try BuiltExecutable.nmt.run(["translate", "--checkpoint", checkpoint, "--beam", "2"], input: "the cat sees a dog .\n\n")
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(result.output.split(separator: "\n", omittingEmptySubsequences: false).count, 3, "two lines out, the second empty")
    }

    func testTruncatedCheckpointIsRefused() throws {
        let path = try damaged("truncated.ckpt") { $0 = $0.prefix($0.count / 2) }
        try assertRefused(path, mentioning: "truncated")
    }

    func testFlippedByteIsRefused() throws {
        let path = try damaged("flipped.ckpt") { $0[$0.count - 7] ^= 0x40 }
        try assertRefused(path, mentioning: "checksum")
    }

    func testWrongFormatVersionIsRefused() throws {
        let path = try damaged("version.ckpt") { data in
            let text = String(decoding: data.prefix(200_000), as: UTF8.self)
            let range = try! XCTUnwrap(text.range(of: "\"format_version\":\"2\""))
            let offset = text.utf8.distance(from: text.startIndex, to: range.upperBound) - 2
            data[offset] = UInt8(ascii: "9")
        }
        try assertRefused(path, mentioning: "version")
    }

    func testMisspelledConfigurationKeyExitsWithStatus2AndASuggestion() throws {
        let text = fixture.configuration(updates: 5, validateEvery: 5)
            .replacingOccurrences(of: "learning_rate:", with: "learing_rate:")
            .replacingOccurrences(of: "/run\n", with: "/misspelled-run\n")
        let config = try fixture.writeConfiguration(text, name: "misspelled.yaml")
        let result = try BuiltExecutable.nmt.run(["train", "--config", config])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.error.contains("training.learing_rate"), result.error)
        XCTAssertTrue(result.error.contains("learning_rate"), result.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("misspelled-run").path),
                       "refused before training starts")
    }
}
