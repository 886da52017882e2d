import Foundation
import TestSupport
@testable import Training
@testable import Translation
import XCTest

/// A training run never overwrites another, keeps only the checkpoints it was told to keep (also
/// across --resume), cleans up the temporary files a killed run leaves, and creates nothing when
/// it fails before training starts.
final class RunDirectoryTests: XCTestCase {
    private var fixture: TrainingFixture!
    private var runPath: String { fixture.directory.appendingPathComponent("run").path }

    override func setUpWithError() throws { fixture = try TrainingFixture() }
    override func tearDown() { fixture.remove() }

    private func train(_ configuration: String, _ extra: [String] = [], name: String = "config.yaml") throws -> BuiltExecutable.Result {
        try BuiltExecutable.nmt.run(["train", "--config", fixture.writeConfiguration(configuration, name: name)] + extra)
    }

    private func keepingLast(_ count: Int, updates: Int) -> String {
        fixture.configuration(updates: updates, validateEvery: 5)
            .replacingOccurrences(of: "  log_every: 1000", with: "  log_every: 1\n  keep_last: \(count)")
    }

    private func files(_ pattern: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: runPath)
            .filter { $0.range(of: pattern, options: .regularExpression) != nil }.sorted()
    }

    /// A process id no process has now.
    private func deadProcessID() -> Int32 {
        var pid: Int32 = 4_000_000
        while kill(pid, 0) == 0 || errno != ESRCH { pid -= 1 }
        return pid
    }

    // MARK: Defect 1: a fresh run into a directory holding a run

    func testFreshRunIntoADirectoryHoldingARunIsRefusedAndChangesNothing() throws {
        let first = try train(keepingLast(2, updates: 10))
        XCTAssertEqual(first.status, 0, first.error)
        let before = try files(".")
        let latest = try Data(contentsOf: URL(fileURLWithPath: runPath + "/latest.ckpt"))
        let metrics = try String(contentsOfFile: runPath + "/metrics.jsonl", encoding: .utf8)

        let second = try train(keepingLast(2, updates: 10))
        XCTAssertEqual(second.status, 2, second.error)
        XCTAssertTrue(second.error.contains("\(runPath) already holds a training run"), second.error)
        XCTAssertTrue(second.error.contains("--resume \(runPath)/latest.ckpt"), second.error)
        XCTAssertTrue(second.error.contains("--overwrite"), second.error)
        XCTAssertEqual(try files("."), before)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: runPath + "/latest.ckpt")), latest)
        XCTAssertEqual(try String(contentsOfFile: runPath + "/metrics.jsonl", encoding: .utf8), metrics)
    }

    func testAnyFileOfARunMarksTheDirectory() throws {
        try FileManager.default.createDirectory(atPath: runPath, withIntermediateDirectories: true)
        let directory = RunDirectory(path: runPath)
        XCTAssertEqual(directory.runFiles(), [])
        XCTAssertNoThrow(try directory.checkFreshStart(resume: nil, overwrite: false))
        for name in ["notes.txt", ".hidden"] { FileManager.default.createFile(atPath: "\(runPath)/\(name)", contents: nil) }
        XCTAssertEqual(directory.runFiles(), [], "other files do not make a run")
        for name in ["update-40.ckpt", "metrics.jsonl", "best-7.ckpt"] { FileManager.default.createFile(atPath: "\(runPath)/\(name)", contents: nil) }
        XCTAssertEqual(directory.runFiles(), ["best-7.ckpt", "metrics.jsonl", "update-40.ckpt"])
        XCTAssertThrowsError(try directory.checkFreshStart(resume: nil, overwrite: false)) { error in
            XCTAssertEqual("\(error)", "\(runPath) already holds a training run (best-7.ckpt, metrics.jsonl, update-40.ckpt): "
                + "continue it with --resume \(runPath)/latest.ckpt, write to another output.directory, or replace it with --overwrite")
        }
        XCTAssertNoThrow(try directory.checkFreshStart(resume: nil, overwrite: true))
        XCTAssertNoThrow(try directory.checkFreshStart(resume: "\(runPath)/update-40.ckpt", overwrite: false))
        XCTAssertNoThrow(try directory.checkFreshStart(resume: "\(runPath)/./../run/update-40.ckpt", overwrite: false))
        XCTAssertThrowsError(try directory.checkFreshStart(resume: "\(runPath)/update-40.ckpt", overwrite: true)) { error in
            XCTAssertEqual("\(error)", "--overwrite would delete the run that --resume \(runPath)/update-40.ckpt continues; "
                + "leave out --overwrite to continue it in \(runPath)")
        }
        XCTAssertNoThrow(try directory.checkFreshStart(resume: "/elsewhere/latest.ckpt", overwrite: false),
                         "a resumed run continues whatever the directory holds")
    }

    func testOverwriteReplacesThePreviousRunEntirely() throws {
        XCTAssertEqual(try train(keepingLast(3, updates: 20)).status, 0)
        XCTAssertEqual(try files(#"^update-\d+\.ckpt$"#), ["update-10.ckpt", "update-15.ckpt", "update-20.ckpt"])
        let second = try train(keepingLast(3, updates: 10), ["--overwrite"])
        XCTAssertEqual(second.status, 0, second.error)
        XCTAssertEqual(try files(#"^update-\d+\.ckpt$"#), ["update-10.ckpt", "update-5.ckpt"], "the old run's update-15/20 are gone")
        let metrics = try String(contentsOfFile: runPath + "/metrics.jsonl", encoding: .utf8)
        let updates = metrics.split(separator: "\n").filter { $0.contains("\"kind\":\"train\"") }.count
        XCTAssertEqual(updates, 10, "metrics.jsonl holds the new run only, not appended to the old one")
        XCTAssertEqual(try ModelCheckpoint.load(from: runPath + "/latest.ckpt").state?.update, 10)
    }

    // MARK: keep_last and keep_best count the checkpoints kept, latest.ckpt / best.ckpt as one

    /// `fixture` validated at 5, 10, 15 and 20 by loss (which falls), keeping `count` of each.
    private func keeping(_ count: Int) -> String {
        fixture.configuration(updates: 20, validateEvery: 5)
            .replacingOccurrences(of: "  samples: 0", with: "  samples: 0\n  metric: loss")
            .replacingOccurrences(of: "  log_every: 1000", with: "  log_every: 1000\n  keep_best: \(count)\n  keep_last: \(count)")
    }

    private func contents(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: "\(runPath)/\(name)")) }

    /// 0: no numbered copies; latest.ckpt (the resume point) and best.ckpt (the best model)
    /// are written whatever the counts.
    func testKeepZeroWritesOnlyLatestAndBest() throws {
        let result = try train(keeping(0))
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(try files(#"\.ckpt$"#), ["best.ckpt", "latest.ckpt"])
        XCTAssertEqual(try ModelCheckpoint.load(from: runPath + "/latest.ckpt").state?.update, 20)
    }

    /// 1 (the default): latest.ckpt and best.ckpt are that one checkpoint each; no copies.
    func testKeepOneWritesOnlyLatestAndBest() throws {
        let result = try train(keeping(1))
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(try files(#"\.ckpt$"#), ["best.ckpt", "latest.ckpt"])
    }

    /// 2 = the two latest validations as update-N.ckpt and the two best as best-N.ckpt, beside
    /// latest.ckpt and best.ckpt.
    func testKeepTwoWritesTwoNumberedCopiesOfEach() throws {
        let result = try train(keeping(2))
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(try files(#"^update-\d+\.ckpt$"#), ["update-15.ckpt", "update-20.ckpt"])
        let best = try files(#"^best-\d+\.ckpt$"#)
        XCTAssertEqual(best.count, 2, "\(best)")
        XCTAssertEqual(try files(#"^(latest|best)\.ckpt$"#), ["best.ckpt", "latest.ckpt"])
        XCTAssertEqual(try contents("update-20.ckpt"), try contents("latest.ckpt"))
        let state = try XCTUnwrap(ModelCheckpoint.load(from: runPath + "/latest.ckpt").state)
        XCTAssertEqual(try contents("best-\(state.bestUpdate).ckpt"), try contents("best.ckpt"), "the best copy is the best model")
        XCTAssertEqual(state.bestCheckpoints.map { URL(fileURLWithPath: $0.path).lastPathComponent }.sorted(), best)
    }

    // MARK: Defect 8: keep_last across --resume, stale temporary files, empty corpora, failed runs

    func testKeepLastIsHonouredAcrossResume() throws {
        XCTAssertEqual(try train(keepingLast(2, updates: 20)).status, 0)
        XCTAssertEqual(try files(#"^update-\d+\.ckpt$"#), ["update-15.ckpt", "update-20.ckpt"])
        let resumed = try train(keepingLast(2, updates: 30), ["--resume", runPath + "/latest.ckpt"], name: "longer.yaml")
        XCTAssertEqual(resumed.status, 0, resumed.error)
        XCTAssertEqual(try files(#"^update-\d+\.ckpt$"#), ["update-25.ckpt", "update-30.ckpt"])
    }

    func testStaleTemporaryFilesOfOurNamingAreRemovedOnResume() throws {
        XCTAssertEqual(try train(keepingLast(1, updates: 5)).status, 0)
        let dead = deadProcessID()
        let stale = [".latest.ckpt.tmp-\(dead)-3fa2c1", "best.ckpt.tmp-\(dead)", ".update-5.ckpt.tmp-\(dead)-0"]
        let kept = [".latest.ckpt.tmp-\(getpid())-77", "notes.tmp-\(dead)", ".latest.ckpt.tmp-abc"]
        for name in stale + kept { FileManager.default.createFile(atPath: "\(runPath)/\(name)", contents: Data("x".utf8)) }
        let resumed = try train(keepingLast(1, updates: 10), ["--resume", runPath + "/latest.ckpt"], name: "longer.yaml")
        XCTAssertEqual(resumed.status, 0, resumed.error)
        let left = try files("tmp")
        XCTAssertEqual(left, kept.sorted(), "only our dead processes' temporary files go")
        XCTAssertTrue(resumed.error.contains("removed 3 temporary files left by an interrupted run"), resumed.error)
    }

    func testEmptyCorpusIsRefusedBeforeCreatingAnything() throws {
        let train = fixture.directory.appendingPathComponent("train").path
        try "".write(toFile: train + ".en", atomically: true, encoding: .utf8)
        try "".write(toFile: train + ".de", atomically: true, encoding: .utf8)
        let result = try self.train(fixture.configuration(updates: 5, validateEvery: 5))
        XCTAssertEqual(result.status, 1, result.error)
        XCTAssertTrue(result.error.contains("no training pairs in \(train).en and \(train).de: the files are empty"), result.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: runPath), "nothing created")
    }

    func testCorpusWhosePairsAreAllFilteredIsRefusedBeforeCreatingAnything() throws {
        let train = fixture.directory.appendingPathComponent("train").path
        let configuration = fixture.configuration(updates: 5, validateEvery: 5)
            .replacingOccurrences(of: "  target_language: de\n", with: "  target_language: de\n  max_length: 1\n")
        let result = try self.train(configuration)
        XCTAssertEqual(result.status, 1, result.error)
        XCTAssertTrue(result.error.contains("no usable training pairs in \(train).en and \(train).de: all 300 were skipped"), result.error)
        XCTAssertTrue(result.error.contains("longer than 1 tokens"), result.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: runPath), "nothing created")
    }

    func testRunFailingBeforeTrainingLeavesNoOutputDirectory() throws {
        let missing = fixture.directory.appendingPathComponent("missing.ckpt").path
        let result = try train(fixture.configuration(updates: 5, validateEvery: 5), ["--resume", missing])
        XCTAssertEqual(result.status, 1, result.error)
        XCTAssertTrue(result.error.contains(missing), result.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: runPath), "no output directory, no empty metrics.jsonl")

        let valid = fixture.directory.appendingPathComponent("valid.de")
        try Data([0x61, 0xFF, 0x0A]).write(to: valid)
        let invalid = try train(fixture.configuration(updates: 5, validateEvery: 5))
        XCTAssertEqual(invalid.status, 1, invalid.error)
        XCTAssertTrue(invalid.error.contains("\(valid.path) line 1: invalid UTF-8"), invalid.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: runPath), "no output directory, no empty metrics.jsonl")
    }
}
