import Foundation
import TestSupport
import XCTest

/// `nmt serve` as a user runs it: it hands over to nmt-serve, whose options, usage errors (2)
/// and runtime failures (1) are those of any nmt command.
final class ServeCommandTests: XCTestCase {
    func testHelpListsTheServerOptions() throws {
        let result = try BuiltExecutable.nmt.run(["serve", "--help"])
        XCTAssertEqual(result.status, 0, result.error)
        for option in ["USAGE: nmt serve [<options>] --checkpoint <checkpoint> ...", "--host", "--port", "--max-body-bytes",
                       "--max-sentences", "--max-sentence-length", "--max-beam", "--max-attention-weights", "--deadline-ms",
                       "--batch-size", "--batch-window-ms", "--workers", "--max-queued-sentences", "--max-connections",
                       "--idle-timeout", "--body-timeout", "--api-keys", "--cors-origin", "--precision"] {
            XCTAssertTrue(result.output.contains(option), "\(option) in \(result.output)")
        }
    }

    /// `nmt --help` lists serve among the subcommands, with its abstract (wrapped over lines).
    func testTheTopLevelHelpNamesServe() throws {
        let result = try BuiltExecutable.nmt.run(["--help"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(result.error, "")
        let subcommands = try XCTUnwrap(result.output.components(separatedBy: "\nSUBCOMMANDS:\n").dropFirst().first, result.output)
        let listed = subcommands.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(listed.contains(" serve Serve translations over HTTP: a JSON API and a page that shows the attention. "), result.output)
    }

    func testOptionsOutOfRangeAreUsageErrors() throws {
        for (options, message) in [
            (["--port", "70000"], "--port must be between 0 and 65535, not 70000"),
            (["--max-beam", "0"], "--max-beam must be between 1 and 100, not 0"),
            (["--max-body-bytes", "-1"], "--max-body-bytes must be between 1 and 1073741824, not -1"),
            (["--batch-window-ms", "5000"], "--batch-window-ms must be between 0 and 1000, not 5000"),
            (["--body-timeout", "0"], "--body-timeout must be between 1 and 3600, not 0"),
            (["--max-sentences", "200", "--max-queued-sentences", "100"],
             "--max-sentences (200) must not exceed --max-queued-sentences (100): such a request could never be queued"),
            (["--cors-origin", "a, b"], "--cors-origin must be one origin such as https://example.org, or *"),
        ] {
            let result = try BuiltExecutable.nmt.run(["serve", "--checkpoint", "x.ckpt"] + options)
            XCTAssertEqual(result.status, 2, "\(options): \(result.error)")
            XCTAssertTrue(result.error.contains(message), "\(options): \(result.error)")
        }
        let missing = try BuiltExecutable.nmt.run(["serve"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.error.contains("--checkpoint"), missing.error)
    }

    func testAMissingCheckpointIsARuntimeFailure() throws {
        let result = try BuiltExecutable.nmt.run(["serve", "--checkpoint", "/nonexistent/model.ckpt", "--port", "0"])
        XCTAssertEqual(result.status, 1, result.error)
        XCTAssertTrue(result.error.contains("/nonexistent/model.ckpt"), result.error)
    }

    func testAPortInUseIsARuntimeFailure() throws {
        let model = try TinyModel()
        let first = try ServerProcess(checkpoint: model.checkpoint)
        defer { _ = first.stop() }
        let second = try BuiltExecutable.nmt.run(["serve", "--checkpoint", model.checkpoint, "--port", String(first.port)])
        XCTAssertEqual(second.status, 1, second.error)
        XCTAssertTrue(second.error.lowercased().contains("address already in use"), second.error)
    }

    /// `--precision bf16`: the server answers what `nmt translate --precision bf16` gives, which on
    /// this trained toy model is the float32 translation too. A value it does not know, and bf16
    /// with an int8 checkpoint (named), are usage errors.
    func testPrecisionBF16ServesWhatTranslateGivesAndIsRefusedForInt8() throws {
        let model = try TinyModel()
        let sentences = Array(model.sentences.prefix(8))
        let bf16 = try model.translateWithCommandLine(sentences, ["--precision", "bf16"])
        XCTAssertEqual(bf16, try model.translateWithCommandLine(sentences))
        let server = try ServerProcess(checkpoint: model.checkpoint, options: ["--precision", "bf16"])
        defer { _ = server.stop() }
        XCTAssertEqual(try APIResponderTests.texts(try server.client.translate(["sentences": sentences])), bf16)

        let unknown = try BuiltExecutable.nmt.run(["serve", "--checkpoint", model.checkpoint, "--precision", "half"])
        XCTAssertEqual(unknown.status, 2, unknown.error)
        XCTAssertTrue(unknown.error.contains("The value 'half' is invalid for '--precision <precision>'"), unknown.error)
        let int8 = model.checkpoint + ".int8"
        let quantized = try BuiltExecutable.nmt.run(["quantize", "--checkpoint", model.checkpoint, "--output", int8])
        XCTAssertEqual(quantized.status, 0, quantized.error)
        defer { try? FileManager.default.removeItem(atPath: int8) }
        let refused = try BuiltExecutable.nmt.run(["serve", "--checkpoint", int8, "--port", "0", "--precision", "bf16"])
        XCTAssertEqual(refused.status, 2, refused.error)
        XCTAssertTrue(refused.error.contains("nmt serve: \(int8) is an int8 checkpoint (from nmt quantize)"), refused.error)
    }
}
