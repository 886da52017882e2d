import Foundation
import TestSupport
import XCTest

/// `--output` of translate and evaluate replaces the file whole: it ends up holding what
/// standard output would have shown, and no temporary file is left beside it.
final class OutputFileTests: XCTestCase {
    private static var run: TinyRun!

    override class func setUp() { run = try? TinyRun() }
    override class func tearDown() { run = nil }

    private func translations(_ run: TinyRun) throws -> String {
        let result = try BuiltExecutable.nmt.run(["translate", "--checkpoint", run.checkpoint, "--input", run.source])
        XCTAssertEqual(result.status, 0, result.error)
        return result.output
    }

    private func leftovers(_ run: TinyRun) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: run.directory).filter { $0.contains(".tmp-") }
    }

    func testTranslateReplacesTheOutputFile() throws {
        let run = try XCTUnwrap(Self.run, "the tiny training run failed")
        let output = run.directory + "/translate-output.txt"
        try "old contents\n".write(toFile: output, atomically: true, encoding: .utf8)
        let result = try BuiltExecutable.nmt.run(["translate", "--checkpoint", run.checkpoint, "--input", run.source, "--output", output])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(result.output, "", "the translations go to the file only")
        XCTAssertEqual(try String(contentsOfFile: output, encoding: .utf8), try translations(run))
        XCTAssertEqual(try leftovers(run), [])
    }

    func testEvaluateReplacesTheOutputFile() throws {
        let run = try XCTUnwrap(Self.run, "the tiny training run failed")
        let output = run.directory + "/evaluate-output.txt"
        try "old contents\n".write(toFile: output, atomically: true, encoding: .utf8)
        let result = try BuiltExecutable.nmt.run(["evaluate", "--checkpoint", run.checkpoint, "--source", run.source,
                                                  "--reference", run.reference, "--output", output])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(try String(contentsOfFile: output, encoding: .utf8), try translations(run))
        XCTAssertEqual(try leftovers(run), [])
    }
}
