import Foundation
import TestSupport
import XCTest

/// `nmt export` as a user runs it: what it refuses, with which exit status and message, and
/// that a refusal writes nothing. (The export itself: TranslationTests/Export.)
final class ExportCommandTests: XCTestCase {
    private static var run: TinyRun!

    override class func setUp() { run = try? TinyRun() }
    override class func tearDown() { run = nil }

    private func export(_ options: [String]) throws -> BuiltExecutable.Result {
        try BuiltExecutable.nmt.run(["export"] + options)
    }

    /// TinyRun trains the LSTM: refused as a usage error naming why, and no directory appears.
    func testAnLSTMCheckpointIsRefused() throws {
        let run = try XCTUnwrap(Self.run, "the tiny training run failed")
        let output = run.directory + "/exported"
        let result = try export(["--checkpoint", run.checkpoint, "--format", "ctranslate2", "--output", output])
        XCTAssertEqual(result.status, 2, result.error)
        XCTAssertTrue(result.error.contains("CTranslate2 has no recurrent encoder-decoders"), result.error)
        XCTAssertTrue(result.error.contains(run.checkpoint), result.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    func testOnlyCTranslate2AndItsQuantizationsAreAccepted() throws {
        let run = try XCTUnwrap(Self.run, "the tiny training run failed")
        let output = run.directory + "/exported"
        let format = try export(["--checkpoint", run.checkpoint, "--format", "onnx", "--output", output])
        XCTAssertEqual(format.status, 2)
        XCTAssertTrue(format.error.contains("--format takes ctranslate2, not onnx"), format.error)
        let quantization = try export(["--checkpoint", run.checkpoint, "--format", "ctranslate2", "--output", output,
                                       "--quantization", "int4"])
        XCTAssertEqual(quantization.status, 2)
        XCTAssertTrue(quantization.error.contains("--quantization takes float32 or int8, not int4"), quantization.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    /// A directory holding anything is refused before the checkpoint is even read.
    func testANonEmptyOutputDirectoryIsRefusedAndKept() throws {
        let run = try XCTUnwrap(Self.run, "the tiny training run failed")
        let result = try export(["--checkpoint", run.checkpoint, "--format", "ctranslate2", "--output", run.directory])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.error.contains("give a new or empty directory"), result.error)
        XCTAssertTrue(FileManager.default.fileExists(atPath: run.checkpoint))
    }
}
