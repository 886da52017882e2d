import Foundation
import TestSupport
import XCTest

/// Every numeric option of translate and evaluate is bounded; out-of-range, negative, NaN and
/// infinite values are usage errors (status 2) that name the option and its range.
final class TranslateCommandTests: XCTestCase {
    private static var run: TinyRun!

    override class func setUp() {
        run = try? TinyRun()
    }

    override class func tearDown() { run = nil }

    private func checkpoint() throws -> String {
        try XCTUnwrap(Self.run, "the tiny training run failed").checkpoint
    }

    private func assertRefused(_ options: [String], saying message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try BuiltExecutable.nmt.run(["translate", "--checkpoint", checkpoint()] + options, input: "the cat runs .\n")
        XCTAssertEqual(result.status, 2, "\(options): \(result.error)", file: file, line: line)
        XCTAssertFalse(result.signalled, "\(options) crashed", file: file, line: line)
        XCTAssertTrue(result.error.contains(message), "\(options): \(result.error)", file: file, line: line)
        XCTAssertEqual(result.output, "", "nothing translated", file: file, line: line)
    }

    func testTranslatesWithOptionsInRange() throws {
        let result = try BuiltExecutable.nmt.run(["translate", "--checkpoint", checkpoint(), "--beam", "100", "--batch-size", "1024",
                                            "--length-penalty", "0", "--max-length-ratio", "10", "--n-best", "2"],
                                           input: "the cat runs .\n")
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(result.output.split(separator: "\n").count, 2, result.output)
        XCTAssertTrue(result.output.hasPrefix("0 ||| "), result.output)
    }

    func testHugeBeamIsRefused() throws {
        try assertRefused(["--beam", "9223372036854775807"], saying: "--beam must be between 1 and 100")
        try assertRefused(["--beam", "101"], saying: "--beam must be between 1 and 100")
    }

    func testNegativeBeamIsParsedAndRefused() throws {
        try assertRefused(["--beam", "-1"], saying: "--beam must be between 1 and 100")
        try assertRefused(["--beam=-1"], saying: "--beam must be between 1 and 100")
        try assertRefused(["--beam", "0"], saying: "--beam must be between 1 and 100")
    }

    func testNonFiniteOrHugeMaxLengthRatioIsRefused() throws {
        for value in ["nan", "inf", "-inf", "1e30", "0", "-2", "101"] {
            try assertRefused(["--max-length-ratio", value], saying: "--max-length-ratio must be a number greater than 0 and at most 100")
        }
    }

    func testNonFiniteOrHugeLengthPenaltyIsRefused() throws {
        for value in ["nan", "inf", "11", "-0.5"] {
            try assertRefused(["--length-penalty", value], saying: "--length-penalty must be a number between 0 and 10")
        }
    }

    func testBatchSizeNBestAndAttentionLineAreBounded() throws {
        try assertRefused(["--batch-size", "-3"], saying: "--batch-size must be between 1 and 1024")
        try assertRefused(["--batch-size", "1000000000"], saying: "--batch-size must be between 1 and 1024")
        try assertRefused(["--n-best", "-1"], saying: "--n-best must be between 1 and 100")
        try assertRefused(["--attention-line", "-5"], saying: "--attention-line must be at least 1")
    }

    func testAttentionLineBeyondTheInputIsRefusedBeforeTranslating() throws {
        let temporary = try TemporaryDirectory()
        let svg = temporary.path("attention.svg")
        try assertRefused(["--attention-svg", svg, "--attention-line", "2"], saying: "--attention-line 2 but the input has 1 line")
        XCTAssertFalse(FileManager.default.fileExists(atPath: svg))
        withExtendedLifetime(temporary) {}  // an optimized build may release it after its last use
    }

    func testEvaluateBoundsTheSameOptions() throws {
        let run = try XCTUnwrap(Self.run)
        let result = try BuiltExecutable.nmt.run(["evaluate", "--checkpoint", run.checkpoint, "--source", run.source,
                                            "--reference", run.reference, "--max-length-ratio", "nan"])
        XCTAssertEqual(result.status, 2, result.error)
        XCTAssertTrue(result.error.contains("--max-length-ratio must be a number greater than 0 and at most 100,"), result.error)
    }

    func testBPEMergeCountsAreBounded() throws {
        let run = try XCTUnwrap(Self.run)
        let merges = run.directory + "/merges.txt"
        for (option, value) in [("--merges", "-1"), ("--merges", "9223372036854775807"), ("--min-frequency", "-2"), ("--min-frequency", "0")] {
            let arguments = ["bpe", "learn", "--input", run.source, "--output", merges]
                + (option == "--merges" ? [option, value] : ["--merges", "10", option, value])
            let result = try BuiltExecutable.nmt.run(arguments)
            XCTAssertEqual(result.status, 2, "\(option) \(value): \(result.error)")
            XCTAssertTrue(result.error.contains("\(option) must be between"), "\(option) \(value): \(result.error)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: merges))
        }
    }
}
