import Foundation
@testable import Translation
import XCTest

/// The non-finite guard on 2 ranks: a NaN in rank 1's gradient alone skips the update on both
/// ranks alike (the decision rides in the all-reduce), and the run ends with the weights of a
/// 2-rank run that left that batch out, bit for bit; NaNs in a row stop both ranks with rank 0's
/// last checkpoint loadable.
final class NonFiniteOnRanksTests: MPITrainingTestCase {
    func testANaNOnRankOneSkipsTheUpdateOnEveryRank() throws {
        let guarded = try run.configuration(name: "guarded", output: "guarded", updates: 30, validateEvery: 10)
        let nan = try Launcher.run(ranks: 2, ["train", "--config", guarded], environment: ["NMT_TEST_NAN_GRADIENT": "1:1:5"],
                                   logDirectory: run.directory, name: "guarded")
        XCTAssertEqual(nan.status, 0, nan.error)
        XCTAssertTrue(nan.error.contains("skipped update 5 (batch 5 of epoch 1): the gradient norm is nan; 1 of 2 ranks had a NaN "
            + "or an infinity in their own loss or gradients; weights and optimizer unchanged"), nan.error)
        let leftOutConfig = try run.configuration(name: "left-out", output: "left-out", updates: 30, validateEvery: 10)
        let leftOut = try Launcher.run(ranks: 2, ["train", "--config", leftOutConfig], environment: ["NMT_TEST_LEAVE_OUT": "1:5"],
                                       logDirectory: run.directory, name: "left-out")
        XCTAssertEqual(leftOut.status, 0, leftOut.error)

        let expected = try ModelCheckpoint.load(from: run.path("left-out/latest.ckpt"))
        let actual = try ModelCheckpoint.load(from: run.path("guarded/latest.ckpt"))
        XCTAssertEqual(actual.state?.update, 30)
        XCTAssertEqual(actual.state?.skippedUpdates, 1)
        XCTAssertEqual(actual.optimizerStep, expected.optimizerStep)
        for (a, b) in zip(expected.model.namedParameters, actual.model.namedParameters) {
            XCTAssertEqual(a.tensor.values, b.tensor.values, "\(a.name): the guarded run must equal the run without batch 5")
        }
    }

    func testNaNsInARowStopEveryRank() throws {
        let config = try run.configuration(name: "stopped", output: "stopped", updates: 30, validateEvery: 3,
                                           training: "  max_skipped_updates: 3")
        let job = try Launcher.run(ranks: 2, ["train", "--config", config], environment: ["NMT_TEST_NAN_GRADIENT": "1:1:8-10"],
                                   logDirectory: run.directory, name: "stopped")
        XCTAssertNotEqual(job.status, 0, job.error)
        XCTAssertTrue(job.error.contains("nmt: stopped after 3 updates in a row were skipped (training.max_skipped_updates), "
            + "the last at batch 10 of epoch 1"), job.error)
        let latest = try ModelCheckpoint.load(from: run.path("stopped/latest.ckpt"))
        XCTAssertEqual(latest.state?.update, 6)
    }
}
