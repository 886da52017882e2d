import Foundation
import TestSupport
import Translation
import XCTest

/// `--help` on every command prints its usage on stdout and exits 0; `--version` prints the one
/// version constant.
final class NMTTests: XCTestCase {
    /// Commands reached from `nmt`, as `nmt --help` lists them; every one of them must answer
    /// `--help`, and these at least must be there.
    private let expectedCommands = ["train", "translate", "evaluate", "average", "bleu", "tokenize", "bpe", "sentencepiece"]

    private func subcommands(of command: [String]) throws -> [String] {
        let help = try BuiltExecutable.nmt.run(command + ["--help"])
        guard let start = help.output.range(of: "SUBCOMMANDS:\n") else { return [] }
        // Names are indented by two spaces; wrapped abstracts by more.
        return help.output[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("  ") }
            .filter { !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0 != "help" }
    }

    func testRootHelpExitsZeroWithUsageOnStandardOutput() throws {
        let result = try BuiltExecutable.nmt.run(["--help"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.output.contains("USAGE: nmt <subcommand>"), result.output)
        XCTAssertEqual(result.error, "")
        XCTAssertEqual(try subcommands(of: []).filter(expectedCommands.contains), expectedCommands)
    }

    func testEverySubcommandHelpExitsZeroWithItsUsage() throws {
        var commands = try subcommands(of: []).map { [$0] }
        XCTAssertGreaterThanOrEqual(commands.count, expectedCommands.count)
        let nested = try commands.flatMap { command in try subcommands(of: command).map { command + [$0] } }
        XCTAssertEqual(nested, [["bpe", "learn"], ["bpe", "apply"],
                                ["sentencepiece", "train"], ["sentencepiece", "encode"], ["sentencepiece", "decode"]])
        commands += nested
        for command in commands {
            for flag in ["--help", "-h"] {
                let result = try BuiltExecutable.nmt.run(command + [flag])
                let name = command.joined(separator: " ")
                XCTAssertEqual(result.status, 0, "nmt \(name) \(flag): \(result.error)")
                XCTAssertTrue(result.output.contains("USAGE: nmt \(name)"), "nmt \(name) \(flag): \(result.output)")
                XCTAssertTrue(result.output.contains("-h, --help"), "nmt \(name) \(flag) lists its options")
                XCTAssertFalse(result.error.contains("CommandError"), result.error)
            }
        }
    }

    func testHelpSubcommandShowsTheNamedCommand() throws {
        let result = try BuiltExecutable.nmt.run(["help", "translate"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.output.contains("USAGE: nmt translate [<options>] --checkpoint <checkpoint> ..."), result.output)
    }

    func testTrainHelpDocumentsOverwrite() throws {
        let result = try BuiltExecutable.nmt.run(["train", "--help"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.output.contains("--overwrite"), result.output)
    }

    func testVersionPrintsTheVersionConstant() throws {
        let result = try BuiltExecutable.nmt.run(["--version"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(result.output, NMTVersion.current + "\n")
        XCTAssertTrue(NMTVersion.current.range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil, NMTVersion.current)
    }

    func testUnknownOptionIsAUsageErrorWithStatus2() throws {
        let result = try BuiltExecutable.nmt.run(["bleu", "--no-such-option"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.error.contains("Unknown option '--no-such-option'"), result.error)
    }
}
