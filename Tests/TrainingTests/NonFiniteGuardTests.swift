import Autodiff
import Foundation
import TestSupport
@testable import Training
@testable import Translation
import XCTest

/// A batch whose gradient holds a NaN makes no update: the run ends with the weights, Adam's
/// moments and the dropout stream of a run that never saw that batch, says so in its log and
/// metrics, and training.max_skipped_updates such batches in a row stop it with the last
/// checkpoint intact. A checkpoint is never written with a non-finite value in it.
final class NonFiniteGuardTests: XCTestCase {
    private func trainer(_ fixture: TrainingFixture, updates: Int, validateEvery: Int, output: String,
                         hooks: TrainingTestHooks, training: String = "") throws -> Trainer {
        var toy = ToyConfiguration(updates: updates, validateEvery: validateEvery)
        toy.output = output
        toy.training = training
        let configuration = try TrainingConfiguration.load(path: try fixture.writeConfiguration(toy.yaml(directory: fixture.path), name: "\(output).yaml"))
        return try Trainer(configuration: configuration, reporter: try TrainingReporter(metricsPath: nil, interactive: false), hooks: hooks)
    }

    private static let fifth = TrainingTestHooks.BatchPosition(epoch: 1, batch: 5)

    func testANaNGradientSkipsItsUpdateAsIfTheBatchWereLeftOut() throws {
        let fixture = try TrainingFixture()
        defer { fixture.remove() }
        // Dropout 0.2 (the toy default): the skipped batch must not move the dropout stream either.
        let guarded = try trainer(fixture, updates: 12, validateEvery: 6, output: "guarded", hooks: TrainingTestHooks(
            afterLocalGradients: { position, _, parameters in
                if position == Self.fifth { TrainingTestHooks.poisonGradient(parameters) }
            }))
        let leftOut = try trainer(fixture, updates: 12, validateEvery: 6, output: "left-out",
                                  hooks: TrainingTestHooks(leavesOut: { $0 == Self.fifth }))
        let plain = try trainer(fixture, updates: 12, validateEvery: 6, output: "plain", hooks: TrainingTestHooks())
        for trainer in [guarded, leftOut, plain] { trainer.reporter.quiet = true }
        _ = try guarded.run()
        _ = try leftOut.run()
        _ = try plain.run()

        XCTAssertEqual(guarded.state.update, 12)
        XCTAssertEqual(guarded.state.skippedUpdates, 1)
        XCTAssertEqual(guarded.state.consecutiveSkippedUpdates, 0)
        XCTAssertEqual(leftOut.state.skippedUpdates, 0)
        XCTAssertEqual(guarded.state.batchInEpoch, leftOut.state.batchInEpoch)
        XCTAssertEqual(guarded.state.generator, leftOut.state.generator, "the dropout stream as if the batch were not there")
        XCTAssertEqual(guarded.optimizer.step, 12)
        for (a, b) in zip(guarded.model.namedParameters, leftOut.model.namedParameters) {
            XCTAssertEqual(a.tensor.values, b.tensor.values, "\(a.name): the guarded run must equal the run without batch 5")
        }
        for index in guarded.optimizer.parameters.indices {
            XCTAssertEqual(guarded.optimizer.firstMoments[index].values, leftOut.optimizer.firstMoments[index].values)
            XCTAssertEqual(guarded.optimizer.secondMoments[index].values, leftOut.optimizer.secondMoments[index].values)
        }
        // And batch 5 does matter: without the fault the weights differ.
        XCTAssertNotEqual(plain.model.namedParameters[0].tensor.values, guarded.model.namedParameters[0].tensor.values)

        let records = try String(contentsOfFile: guarded.directory.metricsPath, encoding: .utf8).split(separator: "\n")
            .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let skipped = records.filter { $0["kind"] as? String == "skipped" }
        XCTAssertEqual(skipped.count, 1)
        XCTAssertEqual(skipped.first?["update"] as? Int, 4, "the updates done before it")
        XCTAssertEqual(skipped.first?["batch"] as? Int, 5)
        XCTAssertEqual(skipped.first?["reason"] as? String, "the gradient norm is nan")
    }

    /// The process as a user runs it: the hook from the environment, the log line, and
    /// max_skipped_updates NaN batches in a row ending the run with status 1.
    func testSkipsInARowStopTheRunWithTheLastCheckpointIntact() throws {
        let fixture = try TrainingFixture()
        defer { fixture.remove() }
        let config = try fixture.writeConfiguration(fixture.configuration(updates: 30, validateEvery: 3, training: "  max_skipped_updates: 3"))
        var environment = ProcessInfo.processInfo.environment
        // First batch 2 alone (skipped, the run goes on); then batches 8–10: updates 1–7 are made
        // (validated and saved at 3 and 6), then 3 skips in a row.
        environment["NMT_TEST_NAN_GRADIENT"] = "0:1:2"
        let once = try BuiltExecutable.nmt.run(["train", "--config", config], environment: environment)
        XCTAssertEqual(once.status, 0, once.error)
        XCTAssertTrue(once.error.contains("skipped update 2 (batch 2 of epoch 1): the gradient norm is nan; weights and optimizer unchanged; "
            + "1 skipped in a row (training stops at 3: training.max_skipped_updates), 1 in all"), once.error)

        environment["NMT_TEST_NAN_GRADIENT"] = "0:1:8-10"
        let stopped = try BuiltExecutable.nmt.run(["train", "--config", config, "--overwrite"], environment: environment)
        XCTAssertEqual(stopped.status, 1, stopped.error)
        let latest = fixture.path + "/run/latest.ckpt"
        XCTAssertTrue(stopped.error.contains("nmt: stopped after 3 updates in a row were skipped (training.max_skipped_updates), "
            + "the last at batch 10 of epoch 1: the gradient norm is nan. The weights are those of update 7; "
            + "\(latest) (update 6) is the last checkpoint written."), stopped.error)
        let checkpoint = try ModelCheckpoint.load(from: latest)
        XCTAssertEqual(checkpoint.state?.update, 6)
        XCTAssertEqual(checkpoint.state?.skippedUpdates, 0)
        let resumed = try BuiltExecutable.nmt.run(["train", "--config", config, "--resume", latest])
        XCTAssertEqual(resumed.status, 0, resumed.error)
    }

    func testACheckpointIsNeverWrittenWithANonFiniteValue() throws {
        let fixture = try TrainingFixture()
        defer { fixture.remove() }
        let trainer = try trainer(fixture, updates: 1, validateEvery: 1, output: "run", hooks: TrainingTestHooks())
        let path = fixture.path + "/refused.ckpt"
        try "an earlier file".write(toFile: path, atomically: true, encoding: .utf8)
        trainer.optimizer.secondMoments[2].data[3] = .infinity
        XCTAssertThrowsError(try trainer.save(to: path)) { error in
            XCTAssertEqual("\(error)", "not writing \(path) at update 0: Adam second moment of \(trainer.optimizer.parameters[2].name) "
                + "holds inf; the checkpoint already there is left as it was")
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "an earlier file")
        trainer.optimizer.secondMoments[2].data[3] = 0
        trainer.model.namedParameters[0].tensor.data[0] = .nan
        XCTAssertThrowsError(try trainer.save(to: path)) { error in
            XCTAssertTrue("\(error)".contains("\(trainer.model.namedParameters[0].name) holds nan"), "\(error)")
        }
        trainer.model.namedParameters[0].tensor.data[0] = 0
        try trainer.save(to: path)
        XCTAssertEqual(try ModelCheckpoint.load(from: path).state?.update, 0)
    }

    func testTheFiniteCheckFindsEveryKindOfNonFiniteValue() {
        var values: [Float] = [0, 1, -3.5, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0]
        XCTAssertTrue(FiniteValues.allFinite(values, count: values.count))
        for bad: Float in [.nan, .infinity, -.infinity, -.nan, .signalingNaN] {
            for index in values.indices {
                var copy = values
                copy[index] = bad
                XCTAssertFalse(FiniteValues.allFinite(copy, count: copy.count), "\(bad) at \(index)")
            }
        }
        values = []
        XCTAssertTrue(FiniteValues.allFinite(values, count: 0))
    }
}
