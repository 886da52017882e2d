import Foundation
import TestSupport
import XCTest

/// `nmt evaluate` checks its writes: a full disk is a runtime error, not a silent success.
final class EvaluateCommandTests: XCTestCase {
    private static var run: TinyRun!

    override class func setUp() { run = try? TinyRun() }
    override class func tearDown() { run = nil }

    private func evaluate(_ extra: [String] = [], standardOutputPath: String? = nil) throws -> BuiltExecutable.Result {
        let run = try XCTUnwrap(Self.run, "the tiny training run failed")
        return try BuiltExecutable.nmt.run(["evaluate", "--checkpoint", run.checkpoint, "--source", run.source, "--reference", run.reference] + extra,
                                     standardOutputPath: standardOutputPath)
    }

    func testPrintsBLEUChrFAndTiming() throws {
        let result = try evaluate()
        XCTAssertEqual(result.status, 0, result.error)
        let lines = result.output.split(separator: "\n")
        XCTAssertEqual(lines.count, 3, result.output)
        XCTAssertTrue(lines[0].hasPrefix("BLEU = "), result.output)
        XCTAssertTrue(lines[1].hasPrefix("chrF2 = "), result.output)
        XCTAssertTrue(lines[2].hasPrefix("translated 5 sentences in "), result.output)
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
