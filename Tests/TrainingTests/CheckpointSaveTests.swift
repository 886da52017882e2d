import Foundation
import TestSupport
@testable import Training
@testable import Translation
import XCTest

/// The order of a save (latest.ckpt, then its copies, then the removals) and the completion of a
/// save a crash cut short, by the next run in the directory. scripts/crash-test.sh kills real
/// runs at random moments; these tests set up each case by hand.
final class CheckpointSaveTests: XCTestCase {
    private func state(update: Int, best: Int?, recent: [Int] = [], kept: [Int] = []) -> TrainingState {
        var state = TrainingState(seed: 1, schedule: LearningRateSchedule(TrainingConfiguration.TrainingSection()))
        state.update = update
        if let best {
            state.bestUpdate = best
            state.bestScore = -Double(best)
        }
        state.recentCheckpoints = recent.map { "/elsewhere/update-\($0).ckpt" }
        state.bestCheckpoints = kept.map { .init(path: "/elsewhere/best-\($0).ckpt", score: -Double($0)) }
        return state
    }

    func testCopiesAreTheFilesThatNameTheSavedUpdate() throws {
        let directory = try TemporaryDirectory()
        var output = TrainingConfiguration.OutputSection(directory: "unused")
        output.keepLast = 3
        output.keepBest = 2
        let save = CheckpointSave(directory: RunDirectory(path: directory.path), output: output)
        let path = directory.path
        XCTAssertEqual(save.copies(of: state(update: 30, best: 30, recent: [10, 20, 30], kept: [30, 20])),
                       ["\(path)/best.ckpt", "\(path)/update-30.ckpt", "\(path)/best-30.ckpt"])
        XCTAssertEqual(save.copies(of: state(update: 30, best: 20, recent: [10, 20, 30], kept: [20, 10])), ["\(path)/update-30.ckpt"])
        XCTAssertEqual(save.copies(of: state(update: 0, best: nil)), [])
        output.keepLast = 1
        output.keepBest = 1
        let single = CheckpointSave(directory: RunDirectory(path: path), output: output)
        XCTAssertEqual(single.copies(of: state(update: 30, best: 30, recent: [30], kept: [30])), ["\(path)/best.ckpt"])
    }

    func testRemovalsAreTheNumberedFilesTheStateNoLongerKeeps() throws {
        let directory = try TemporaryDirectory()
        var output = TrainingConfiguration.OutputSection(directory: "unused")
        output.keepLast = 2
        output.keepBest = 2
        let path = directory.path
        for name in ["update-10", "update-20", "update-30", "update-40", "best-10", "best-20", "best-30", "best-40", "latest", "best"] {
            FileManager.default.createFile(atPath: "\(path)/\(name).ckpt", contents: Data())
        }
        let save = CheckpointSave(directory: RunDirectory(path: path), output: output)
        // Saved at 30 with 10 and 30 the best two: update-10 is beyond keep_last, best-20 dropped;
        // the files of update 40 (left by a run this one resumed behind) stay.
        XCTAssertEqual(save.removals(after: state(update: 30, best: 30, recent: [20, 30], kept: [30, 10])),
                       ["\(path)/update-10.ckpt", "\(path)/best-20.ckpt"])
    }

    /// A save at update 20 cut short after latest.ckpt: best.ckpt still the one of update 10,
    /// update-20.ckpt and best-20.ckpt not written, update-… of an older validation not yet
    /// removed. The resumed run finishes it, saying so, before anything else.
    func testTheNextRunFinishesASaveCutShort() throws {
        let fixture = try TrainingFixture()
        defer { fixture.remove() }
        var toy = ToyConfiguration(updates: 30, validateEvery: 10)
        toy.metric = "loss"
        let text = toy.yaml(directory: fixture.path) + "\n  keep_last: 2\n  keep_best: 2"
        let config = try fixture.writeConfiguration(text)
        let trained = try BuiltExecutable.nmt.run(["train", "--config", config])
        XCTAssertEqual(trained.status, 0, trained.error)
        let run = fixture.path + "/run"
        let state = try XCTUnwrap(ModelCheckpoint.trainingState(at: "\(run)/latest.ckpt"))
        XCTAssertEqual(state.update, 30)
        XCTAssertEqual(state.bestUpdate, 30, "the loss falls over the first 30 updates: the last validation is the best")
        let whole = try FileManager.default.contentsOfDirectory(atPath: run).filter { $0.hasSuffix(".ckpt") }.sorted()
        XCTAssertEqual(whole, ["best-20.ckpt", "best-30.ckpt", "best.ckpt", "latest.ckpt", "update-20.ckpt", "update-30.ckpt"])

        // The directory as a crash right after latest.ckpt of update 30 would leave it.
        try FileManager.default.removeItem(atPath: "\(run)/best.ckpt")
        try FileManager.default.copyItem(atPath: "\(run)/best-20.ckpt", toPath: "\(run)/best.ckpt")
        try FileManager.default.removeItem(atPath: "\(run)/update-30.ckpt")
        try FileManager.default.removeItem(atPath: "\(run)/best-30.ckpt")
        try FileManager.default.copyItem(atPath: "\(run)/update-20.ckpt", toPath: "\(run)/update-10.ckpt")

        let resumed = try BuiltExecutable.nmt.run(["train", "--config", config, "--resume", "\(run)/latest.ckpt"])
        XCTAssertEqual(resumed.status, 0, resumed.error)
        for name in ["best.ckpt", "update-30.ckpt", "best-30.ckpt"] {
            XCTAssertTrue(resumed.error.contains("\(name): copied from latest.ckpt (update 30), whose save a crash cut short"), resumed.error)
            XCTAssertEqual(try ModelCheckpoint.trainingState(at: "\(run)/\(name)")?.update, 30, name)
        }
        XCTAssertTrue(resumed.error.contains("update-10.ckpt: removed, as the interrupted save at update 30 would have"), resumed.error)
        let after = try FileManager.default.contentsOfDirectory(atPath: run).filter { $0.hasSuffix(".ckpt") }.sorted()
        XCTAssertEqual(after, whole)
        // Nothing left to train and update 30 already validated: no validation again.
        XCTAssertFalse(resumed.error.contains("validation at update"), resumed.error)
        XCTAssertEqual(try ModelCheckpoint.trainingState(at: "\(run)/latest.ckpt"), state, "the state that resumes is never changed")

        // A whole directory: nothing to say.
        let again = try BuiltExecutable.nmt.run(["train", "--config", config, "--resume", "\(run)/latest.ckpt"])
        XCTAssertEqual(again.status, 0, again.error)
        XCTAssertFalse(again.error.contains("copied from latest.ckpt"), again.error)
    }
}
