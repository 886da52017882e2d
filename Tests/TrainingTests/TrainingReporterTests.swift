import Foundation
import TestSupport
@testable import Training
import XCTest

/// metrics.jsonl is appended to: a resumed run adds its records after those already there, a
/// fresh run creates the file, and a file that cannot be opened is named in the error.
final class TrainingReporterTests: XCTestCase {
    func testRecordsAreAppendedAfterThoseAlreadyThere() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("metrics.jsonl", "{\"update\":1}\n")
        let reporter = try TrainingReporter(metricsPath: path, interactive: false)
        try reporter.record(["update": 2])
        try reporter.record(["update": 3])
        reporter.closeMetrics()
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "{\"update\":1}\n{\"update\":2}\n{\"update\":3}\n")
    }

    func testAMissingFileIsCreated() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/metrics.jsonl"
        let reporter = try TrainingReporter(metricsPath: nil, interactive: false)
        try reporter.openMetrics(at: path)
        try reporter.record(["update": 1])
        reporter.closeMetrics()
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "{\"update\":1}\n")
    }

    func testAnUnopenableFileIsNamed() {
        XCTAssertThrowsError(try TrainingReporter(metricsPath: "/nonexistent-nmt-dir/metrics.jsonl", interactive: false)) { error in
            XCTAssertEqual("\(error)", "cannot write the metrics file /nonexistent-nmt-dir/metrics.jsonl: No such file or directory")
        }
    }

    /// A run killed mid-record leaves part of a line; the next run's records start on a line of
    /// their own, the fragment gone.
    func testATornLastRecordIsCutBeforeAppending() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("metrics.jsonl", "{\"update\":1}\n{\"upd")
        let reporter = try TrainingReporter(metricsPath: path, interactive: false)
        try reporter.record(["update": 2])
        reporter.closeMetrics()
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "{\"update\":1}\n{\"update\":2}\n")
    }
}
