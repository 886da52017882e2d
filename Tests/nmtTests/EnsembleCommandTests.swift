import Foundation
import TestSupport
import XCTest

/// `--checkpoint` repeated decodes with an ensemble; its weights and guards are checked options.
final class EnsembleCommandTests: XCTestCase {
    private static var run: TinyRun!

    override class func setUp() { run = try? TinyRun() }
    override class func tearDown() { run = nil }

    private func checkpoint() throws -> String {
        try XCTUnwrap(Self.run, "the tiny training run failed").checkpoint
    }

    private func translate(_ options: [String]) throws -> BuiltExecutable.Result {
        try BuiltExecutable.nmt.run(["translate"] + options, input: "the cat runs .\na dog runs .\n")
    }

    /// A checkpoint in an ensemble with itself translates, and scores, exactly as alone.
    func testACheckpointWithItselfTranslatesAsAlone() throws {
        let path = try checkpoint()
        let alone = try translate(["--checkpoint", path, "--n-best", "2"])
        let twice = try translate(["--checkpoint", path, "--checkpoint", path, "--ensemble-weights", "1,2", "--n-best", "2"])
        XCTAssertEqual(alone.status, 0, alone.error)
        XCTAssertEqual(twice.status, 0, twice.error)
        XCTAssertEqual(twice.output, alone.output)
        let evaluated = try BuiltExecutable.nmt.run(["evaluate", "--checkpoint", path, "--checkpoint", path,
                                                     "--source", Self.run.source, "--reference", Self.run.reference, "--json"])
        XCTAssertEqual(evaluated.status, 0, evaluated.error)
    }

    func testWeightsMustMatchTheCheckpoints() throws {
        let path = try checkpoint()
        for (weights, message) in [("1,2,3", "--ensemble-weights gives 3 weights for 2 checkpoints"),
                                   ("1,x", "--ensemble-weights takes comma-separated numbers"),
                                   ("1,0", "each of --ensemble-weights must be a number between 0.001 and 1000"),
                                   ("1,nan", "each of --ensemble-weights must be a number between")] {
            let result = try translate(["--checkpoint", path, "--checkpoint", path, "--ensemble-weights", weights])
            XCTAssertEqual(result.status, 2, "\(weights): \(result.error)")
            XCTAssertTrue(result.error.contains(message), "\(weights): \(result.error)")
        }
    }

    func testGuardsAreBoundedAndRun() throws {
        let path = try checkpoint()
        let guarded = try translate(["--checkpoint", path, "--no-repeat-ngram", "2", "--min-length-ratio", "0.5"])
        XCTAssertEqual(guarded.status, 0, guarded.error)
        XCTAssertEqual(guarded.output.split(separator: "\n").count, 2)
        for (option, value, message) in [("--no-repeat-ngram", "11", "--no-repeat-ngram must be between 0 and 10"),
                                          ("--no-repeat-ngram", "-1", "--no-repeat-ngram must be between 0 and 10"),
                                          ("--min-length-ratio", "inf", "--min-length-ratio must be a number between 0 and 10")] {
            let result = try translate(["--checkpoint", path, option, value])
            XCTAssertEqual(result.status, 2, "\(option) \(value): \(result.error)")
            XCTAssertTrue(result.error.contains(message), "\(option) \(value): \(result.error)")
        }
    }
}
