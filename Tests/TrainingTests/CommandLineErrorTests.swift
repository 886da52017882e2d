import Autodiff
import Foundation
import TestSupport
@testable import Translation
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

    /// One line on standard error, "nmt: FILE: PROBLEM…", and nothing on standard output.
    private func assertRefused(_ path: String, with problem: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try BuiltExecutable.nmt.run(["translate", "--checkpoint", path], input: "the cat sees a dog .\n")
        XCTAssertEqual(result.status, 1, result.error, file: file, line: line)
        XCTAssertTrue(result.error.hasPrefix("nmt: \(path): \(problem)"), "the message names the file, then the problem: \(result.error)",
                      file: file, line: line)
        XCTAssertEqual(result.error.filter { $0 == "\n" }.count, 1, result.error, file: file, line: line)
        XCTAssertEqual(result.output, "", file: file, line: line)
    }

    /// The intact checkpoint translates: its line is what the library's translator gives the
    /// loaded checkpoint with beam 2, and the empty line stays empty.
    func testTranslatesWithTheIntactCheckpoint() throws {
        let sentence = "the cat sees a dog ."
        let result = try BuiltExecutable.nmt.run(["translate", "--checkpoint", checkpoint, "--beam", "2"], input: sentence + "\n\n")
        XCTAssertEqual(result.status, 0, result.error)
        let loaded = try ModelCheckpoint.load(from: checkpoint)
        var settings = loaded.configuration.translation
        settings.beam = 2
        let expected = Translator(model: loaded.model, codec: loaded.codec, settings: settings, shortlist: loaded.shortlist)
            .translate([sentence])[0].text
        XCTAssertFalse(expected.isEmpty)
        XCTAssertEqual(result.output, expected + "\n\n")
    }

    func testTruncatedCheckpointIsRefused() throws {
        let path = try damaged("truncated.ckpt") { $0 = $0.prefix($0.count / 2) }
        try assertRefused(path, with: "truncated checkpoint: the header describes ")
    }

    func testFlippedByteIsRefused() throws {
        let path = try damaged("flipped.ckpt") { $0[$0.count - 7] ^= 0x40 }
        try assertRefused(path, with: "checksum mismatch: ")
    }

    func testWrongFormatVersionIsRefused() throws {
        // Found in the bytes: the header follows an 8-byte length that need not be UTF-8.
        let path = try damaged("version.ckpt") { data in
            let range = try! XCTUnwrap(data.range(of: Data("\"format_version\":\"2\"".utf8)))
            data[range.upperBound - 2] = UInt8(ascii: "9")
        }
        try assertRefused(path, with: "unsupported checkpoint format_version \"9\"; this build reads version 1 or 2")
    }

    func testMisspelledConfigurationKeyExitsWithStatus2AndASuggestion() throws {
        let text = fixture.configuration(updates: 5, validateEvery: 5)
            .replacingOccurrences(of: "learning_rate:", with: "learing_rate:")
            .replacingOccurrences(of: "/run\n", with: "/misspelled-run\n")
        let config = try fixture.writeConfiguration(text, name: "misspelled.yaml")
        let result = try BuiltExecutable.nmt.run(["train", "--config", config])
        XCTAssertEqual(result.status, 2)
        let line = try XCTUnwrap(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("learing_rate:") }) + 1
        XCTAssertEqual(result.error, "nmt: \(config):\(line): training.learing_rate: unknown key; did you mean 'learning_rate'?\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("misspelled-run").path),
                       "refused before training starts")
    }
}
