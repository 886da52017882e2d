import Foundation
import TestSupport
import XCTest

/// `--precision float32|bf16` of translate and evaluate (fp32 too): float32 is the default; bf16 decodes
/// (on a CPU without AVX-512 BF16, in float32 after a warning); a value it does not know and
/// bf16 with an int8 checkpoint are usage errors (status 2), the latter naming the checkpoint.
final class PrecisionOptionTests: XCTestCase {
    private static var run: TinyRun!

    override class func setUp() { run = try? TinyRun() }
    override class func tearDown() { run = nil }

    private static let hasBF16 = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.contains(" avx512_bf16") ?? false
    private static let fallbackWarning = "nmt: warning: --precision bf16: this CPU has no AVX-512 BF16, so decoding stays float32\n"

    private func translate(_ checkpoint: String, _ options: [String]) throws -> BuiltExecutable.Result {
        try BuiltExecutable.nmt.run(["translate", "--checkpoint", checkpoint] + options, input: "the cat sees a dog .\na dog runs .\n")
    }

    func testFloat32IsTheDefaultAndBF16Translates() throws {
        let run = try XCTUnwrap(Self.run, "the tiny training run failed")
        let plain = try translate(run.checkpoint, [])
        XCTAssertEqual(plain.status, 0, plain.error)
        for spelling in ["float32", "fp32"] {  // fp32 as training.precision spells it
            let float = try translate(run.checkpoint, ["--precision", spelling])
            XCTAssertEqual(float.status, 0, float.error)
            XCTAssertEqual(float.output, plain.output, spelling)
        }
        // Greedy search in bf16 picks the words float32 picks on this small model (its logits
        // differ by far less than the margins between its choices).
        let greedy = try translate(run.checkpoint, ["--beam", "1"])
        XCTAssertEqual(greedy.status, 0, greedy.error)
        let bf16 = try translate(run.checkpoint, ["--precision", "bf16", "--beam", "1"])
        XCTAssertEqual(bf16.status, 0, bf16.error)
        XCTAssertEqual(bf16.output.split(separator: "\n", omittingEmptySubsequences: false).count, 3, bf16.output)
        XCTAssertEqual(bf16.output, greedy.output)
        XCTAssertEqual(bf16.error, Self.hasBF16 ? "" : Self.fallbackWarning)

        let evaluated = try BuiltExecutable.nmt.run(["evaluate", "--checkpoint", run.checkpoint, "--source", run.source,
                                                     "--reference", run.reference, "--precision", "bf16", "--json"])
        XCTAssertEqual(evaluated.status, 0, evaluated.error)
        XCTAssertTrue(evaluated.output.hasPrefix("{\"beam\":"), evaluated.output)
    }

    func testAnUnknownValueIsAUsageError() throws {
        let run = try XCTUnwrap(Self.run, "the tiny training run failed")
        for command in ["translate", "evaluate"] {
            let result = try BuiltExecutable.nmt.run([command, "--checkpoint", run.checkpoint, "--source", run.source,
                                                      "--reference", run.reference, "--precision", "fp16"], input: "")
            XCTAssertEqual(result.status, 2, "\(command): \(result.error)")
            XCTAssertTrue(result.error.contains("The value 'fp16' is invalid for '--precision <precision>'"), "\(command): \(result.error)")
        }
        let help = try BuiltExecutable.nmt.run(["translate", "--help"])
        XCTAssertTrue(help.output.contains("--precision <precision>"), help.output)
    }

    /// An int8 checkpoint decodes in int8: with --precision bf16 it is refused by name, with the
    /// default it translates.
    func testAnInt8CheckpointWithBF16IsRefusedByName() throws {
        let run = try XCTUnwrap(Self.run, "the tiny training run failed")
        let int8 = run.directory + "/int8.ckpt"
        let quantized = try BuiltExecutable.nmt.run(["quantize", "--checkpoint", run.checkpoint, "--output", int8])
        XCTAssertEqual(quantized.status, 0, quantized.error)
        defer { try? FileManager.default.removeItem(atPath: int8) }
        let refused = try translate(int8, ["--precision", "bf16"])
        XCTAssertEqual(refused.status, 2, refused.error)
        XCTAssertTrue(refused.error.hasSuffix("nmt: \(int8) is an int8 checkpoint (from nmt quantize), which decodes in int8: "
            + "--precision bf16 needs a float32 checkpoint (leave --precision at float32 for this one)\n"), refused.error)
        XCTAssertEqual(refused.output, "")
        let ensemble = try translate(run.checkpoint, ["--checkpoint", int8, "--precision", "bf16"])
        XCTAssertEqual(ensemble.status, 2, ensemble.error)
        XCTAssertTrue(ensemble.error.contains("nmt: \(int8) is an int8 checkpoint"), ensemble.error)
        let translated = try translate(int8, [])
        XCTAssertEqual(translated.status, 0, translated.error)
    }
}
