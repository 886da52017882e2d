import Foundation
import TestSupport
import XCTest

/// `nmt bleu` reports what it cannot read or write instead of crashing or losing its output.
final class BleuCommandTests: XCTestCase {
    private var temporary: TemporaryDirectory!
    private var directory: String { temporary.path }

    override func setUpWithError() throws {
        temporary = try TemporaryDirectory()
        try "the cat sat on the mat .\n".write(toFile: directory + "/ref.txt", atomically: true, encoding: .utf8)
    }

    override func tearDown() { temporary = nil }

    func testScoresHypothesesOnStandardInput() throws {
        let result = try BuiltExecutable.nmt.run(["bleu", "--reference", directory + "/ref.txt"], input: "the cat sat on the mat .\n")
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.output.hasPrefix("BLEU = 100.00 "), result.output)
    }

    func testFullStandardOutputIsARuntimeError() throws {
        for extra in [[], ["--json", "--chrf"]] {
            let result = try BuiltExecutable.nmt.run(["bleu", "--reference", directory + "/ref.txt"] + extra,
                                               input: "the cat sat on the mat .\n", standardOutputPath: "/dev/full")
            XCTAssertEqual(result.status, 1, "\(extra): \(result.error)")
            XCTAssertEqual(result.error, "nmt: cannot write standard output: No space left on device\n")
        }
    }

    func testDirectoryOnStandardInputIsARuntimeError() throws {
        let result = try BuiltExecutable.nmt.run(["bleu", "--reference", directory + "/ref.txt"], standardInputPath: directory)
        XCTAssertFalse(result.signalled, result.error)
        XCTAssertEqual(result.status, 1, result.error)
        XCTAssertEqual(result.error, "nmt: cannot read standard input: Is a directory\n")
    }

    func testDirectoryOnStandardInputOfTheTextCommandsIsARuntimeError() throws {
        let merges = directory + "/merges.txt"
        try "#version: 0.2\nt h\n".write(toFile: merges, atomically: true, encoding: .utf8)
        for command in [["tokenize", "--language", "en"], ["tokenize", "--language", "de", "--detokenize"], ["bpe", "apply", "--merges", merges]] {
            let result = try BuiltExecutable.nmt.run(command, standardInputPath: directory)
            XCTAssertEqual(result.status, 1, "\(command): \(result.error)")
            XCTAssertEqual(result.error, "nmt: cannot read standard input: Is a directory\n", "\(command)")
        }
    }

    func testFullStandardOutputOfTheTextCommandsIsARuntimeError() throws {
        let result = try BuiltExecutable.nmt.run(["tokenize", "--language", "en"], input: "Hello, world.\n", standardOutputPath: "/dev/full")
        XCTAssertEqual(result.status, 1, result.error)
        XCTAssertEqual(result.error, "nmt: cannot write standard output: No space left on device\n")
    }

    func testFullStandardOutputForHelpIsARuntimeError() throws {
        let result = try BuiltExecutable.nmt.run(["bleu", "--help"], standardOutputPath: "/dev/full")
        XCTAssertEqual(result.status, 1, result.error)
        XCTAssertEqual(result.error, "nmt: cannot write standard output: No space left on device\n")
    }

    func testEndlessInputIsARuntimeErrorNotAnAbort() throws {
        let endless = try BuiltExecutable.nmt.run(["bleu", "--reference", directory + "/ref.txt"], standardInputPath: "/dev/zero")
        XCTAssertFalse(endless.signalled, endless.error)
        XCTAssertEqual(endless.status, 1)
        XCTAssertEqual(endless.error, "nmt: <stdin> line 1: longer than 16777216 bytes; is it a text file with one sentence per line?\n")
        let reference = try BuiltExecutable.nmt.run(["bleu", "--reference", "/dev/full"], input: "a\n")
        XCTAssertEqual(reference.status, 1, reference.error)
        XCTAssertEqual(reference.error, "nmt: /dev/full line 1: longer than 16777216 bytes; is it a text file with one sentence per line?\n")
        let missing = try BuiltExecutable.nmt.run(["bleu", "--reference", directory + "/missing.txt"], input: "a\n")
        XCTAssertEqual(missing.status, 1, missing.error)
        XCTAssertEqual(missing.error, "nmt: \(directory)/missing.txt: no such file\n")
    }
}
