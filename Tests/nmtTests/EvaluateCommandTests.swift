import Foundation
import TestSupport
import XCTest

/// `nmt evaluate` checks its writes: a full disk is a runtime error, not a silent success.
final class EvaluateCommandTests: XCTestCase {
    private static var run: TinyRun!

    override class func setUp() { run = try? TinyRun() }
    override class func tearDown() { run = nil }

    private func evaluate(_ extra: [String] = [], reference: String? = nil, standardOutputPath: String? = nil) throws -> BuiltExecutable.Result {
        let run = try XCTUnwrap(Self.run, "the tiny training run failed")
        return try BuiltExecutable.nmt.run(["evaluate", "--checkpoint", run.checkpoint, "--source", run.source,
                                            "--reference", reference ?? run.reference] + extra,
                                           standardOutputPath: standardOutputPath)
    }

    /// The translations are `nmt translate`'s; the BLEU and chrF lines are `nmt bleu`'s on them
    /// (the Metrics code that MetricsTests checks against sacrebleu) with the checkpoint's
    /// settings, lowercased and 13a-tokenized; scored against themselves they are exactly 100.
    func testPrintsBLEUChrFAndTiming() throws {
        let run = try XCTUnwrap(Self.run, "the tiny training run failed")
        let translations = run.directory + "/evaluated.de"
        let result = try evaluate(["--output", translations])
        XCTAssertEqual(result.status, 0, result.error)
        let lines = result.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, result.output)
        guard lines.count == 3 else { return }

        let translated = try BuiltExecutable.nmt.run(["translate", "--checkpoint", run.checkpoint, "--input", run.source])
        XCTAssertEqual(translated.status, 0, translated.error)
        XCTAssertEqual(try String(contentsOfFile: translations, encoding: .utf8), translated.output)
        let scored = try BuiltExecutable.nmt.run(["bleu", "--reference", run.reference, "--tokenize", "13a", "--chrf"],
                                                 standardInputPath: translations)
        XCTAssertEqual(scored.status, 0, scored.error)
        XCTAssertEqual(lines[0..<2].joined(separator: "\n") + "\n", scored.output)
        XCTAssertNotNil(lines[2].wholeMatch(of: try Regex(#"translated 5 sentences in [0-9]+\.[0-9]{2} s with beam 5"#)), lines[2])

        let itself = try evaluate(reference: translations)
        XCTAssertEqual(itself.status, 0, itself.error)
        let perfect = try Regex(#"BLEU = 100\.00 100\.0/100\.0/100\.0/100\.0 \(BP = 1\.000 ratio = 1\.000 hyp_len = ([0-9]+) ref_len = \1\) "#)
        XCTAssertNotNil(itself.output.prefixMatch(of: perfect), itself.output)
        XCTAssertTrue(itself.output.contains("\nchrF2 = 100.00 "), itself.output)
    }

    func testFullStandardOutputIsARuntimeError() throws {
        for extra in [[], ["--json"]] {
            let result = try evaluate(extra, standardOutputPath: "/dev/full")
            XCTAssertEqual(result.status, 1, "\(extra): \(result.error)")
            XCTAssertEqual(result.error, "nmt: cannot write standard output: No space left on device\n")
        }
    }

    func testFullOutputFileIsARuntimeErrorNamingIt() throws {
        let result = try evaluate(["--output", "/dev/full"])
        XCTAssertEqual(result.status, 1, result.error)
        XCTAssertEqual(result.error, "nmt: /dev/full: cannot write: No space left on device\n")
    }
}
