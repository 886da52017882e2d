import Foundation
@testable import Search
import TestSupport
import XCTest

/// One table of search limits, `SearchSettings.Limits`, and three ways in: the YAML
/// `translation:` keys, the command line of translate and evaluate, and `nmt serve`. At every
/// bound each accepts the bound and refuses one step past it, naming the same number.
final class SearchLimitsTests: XCTestCase {
    private typealias Limits = SearchSettings.Limits

    /// The YAML table's complaint about `key` set to `value` (nil: accepted).
    private func yamlComplaint(_ key: String, _ change: (inout SearchSettings) -> Void) throws -> String? {
        var settings = SearchSettings()
        change(&settings)
        let row = try XCTUnwrap(SearchSettings.keys.first { $0.name == key }, "translation.\(key)")
        return row.violation(settings)
    }

    func testTheYAMLKeysUseTheTable() throws {
        XCTAssertNil(try yamlComplaint("beam") { $0.beam = Limits.beam.upperBound })
        XCTAssertEqual(try yamlComplaint("beam") { $0.beam = Limits.beam.upperBound + 1 },
                       "must be a positive integer of at most \(Limits.beam.upperBound), found \(Limits.beam.upperBound + 1)")
        XCTAssertNil(try yamlComplaint("length_penalty") { $0.lengthPenalty = Limits.lengthPenalty.upperBound })
        XCTAssertEqual(try yamlComplaint("length_penalty") { $0.lengthPenalty = Limits.lengthPenalty.upperBound + 1 },
                       "must be between 0.0 and 10.0, found 11.0")
        XCTAssertEqual(try yamlComplaint("length_penalty") { $0.lengthPenalty = -0.5 }, "must be between 0.0 and 10.0, found -0.5")
        XCTAssertNil(try yamlComplaint("max_length_ratio") { $0.maxLengthRatio = Limits.maxLengthRatio })
        XCTAssertEqual(try yamlComplaint("max_length_ratio") { $0.maxLengthRatio = Limits.maxLengthRatio + 1 },
                       "must be greater than 0 and at most 100.0, found 101.0")
        XCTAssertEqual(try yamlComplaint("max_input_length") { $0.maxInputLength = Limits.maxInputLength.upperBound + 1 },
                       "must be a positive integer of at most \(Limits.maxInputLength.upperBound), found \(Limits.maxInputLength.upperBound + 1)")
    }

    /// `nmt translate` with `options`, a checkpoint that does not exist: the options are checked first.
    private func commandLineRefusal(_ options: [String]) throws -> String? {
        let result = try BuiltExecutable.nmt.run(["translate", "--checkpoint", "/nonexistent/model.ckpt"] + options, input: "")
        XCTAssertFalse(result.signalled)
        guard result.error.contains("must be") else {
            XCTAssertTrue(result.error.contains("/nonexistent/model.ckpt"), "\(options) passed the checks: \(result.error)")
            return nil
        }
        XCTAssertEqual(result.status, 2, result.error)
        return result.error
    }

    func testTheCommandLineUsesTheTable() throws {
        XCTAssertNil(try commandLineRefusal(["--beam", "\(Limits.beam.upperBound)"]))
        XCTAssertTrue(try commandLineRefusal(["--beam", "\(Limits.beam.upperBound + 1)"])?
            .contains("--beam must be between 1 and \(Limits.beam.upperBound), not \(Limits.beam.upperBound + 1)") ?? false)
        XCTAssertNil(try commandLineRefusal(["--length-penalty", "\(Limits.lengthPenalty.upperBound)"]))
        XCTAssertTrue(try commandLineRefusal(["--length-penalty", "11"])?.contains("--length-penalty must be a number between 0 and 10, not 11.0") ?? false)
        XCTAssertNil(try commandLineRefusal(["--max-length-ratio", "\(Limits.maxLengthRatio)"]))
        XCTAssertTrue(try commandLineRefusal(["--max-length-ratio", "101"])?
            .contains("--max-length-ratio must be a number greater than 0 and at most 100, not 101.0") ?? false)
        XCTAssertNil(try commandLineRefusal(["--batch-size", "\(Limits.batchSize.upperBound)"]))
        XCTAssertTrue(try commandLineRefusal(["--batch-size", "\(Limits.batchSize.upperBound + 1)"])?
            .contains("--batch-size must be between 1 and \(Limits.batchSize.upperBound)") ?? false)
        XCTAssertTrue(try commandLineRefusal(["--n-best", "\(Limits.nBest.upperBound + 1)"])?
            .contains("--n-best must be between 1 and \(Limits.nBest.upperBound)") ?? false)
    }

    /// `nmt serve`'s limits on what a request may ask lie in the same table: a server cannot be
    /// started that would allow a beam or a batch the command line refuses.
    func testTheServerUsesTheTable() throws {
        for (option, bound) in [("--max-beam", Limits.beam.upperBound), ("--batch-size", Limits.batchSize.upperBound)] {
            let result = try BuiltExecutable.nmt.run(["serve", "--checkpoint", "/nonexistent/model.ckpt", option, "\(bound + 1)"])
            XCTAssertEqual(result.status, 2, result.error)
            XCTAssertTrue(result.error.contains("\(option) must be between 1 and \(bound), not \(bound + 1)"), result.error)
        }
    }
}
