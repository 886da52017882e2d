import Autodiff
import Dispatch
import Foundation
@testable import Search
import TestSupport
@testable import Training
@testable import Translation
import XCTest

/// Nothing in the engine is shared between models: two models train, or translate, on two
/// threads of one process at once and get exactly what they get one after the other.
final class TwoModelsAtOnceTests: XCTestCase {
    /// Two tiny runs (different seeds, so different models) trained at the same time end with
    /// the same weights, bit for bit, as the same runs trained in turn.
    func testTwoTrainingRunsAtOnceEqualTheRunsInTurn() throws {
        let inTurn = try [1, 2].map { seed in try train(seed: seed) }
        var atOnce: [[(name: String, values: [Float])]?] = [nil, nil]
        var failure: Error?
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            do {
                let weights = try train(seed: index + 1)
                lock.withLock { atOnce[index] = weights }
            } catch {
                lock.withLock { failure = error }
            }
        }
        if let failure { throw failure }
        XCTAssertNotEqual(inTurn[0].map(\.values), inTurn[1].map(\.values), "the two runs train different models")
        for (run, (expected, actual)) in zip(inTurn, atOnce).enumerated() {
            let actual = try XCTUnwrap(actual)
            XCTAssertEqual(actual.map(\.name), expected.map(\.name))
            for (a, e) in zip(actual, expected) { XCTAssertEqual(a.values, e.values, "run \(run + 1): \(e.name)") }
        }
    }

    /// Two checkpoints translated on two threads at once, 200 times each, give exactly the
    /// outputs (texts, scores, attention) of translating them one after the other.
    func testTwoCheckpointsTranslatedAtOnceEqualTranslationsInTurn() throws {
        let fixture = try TrainingFixture()
        defer { fixture.remove() }
        let checkpoints = try [1, 2].map { seed -> ModelCheckpoint in
            let path = try trainCheckpoint(fixture, seed: seed, updates: 60)
            return try ModelCheckpoint.load(from: path)
        }
        let lines = ["the red cat sees a dog .", "a big house and a small tree .", "the dog runs .", "red"]
        var settings = SearchSettings()
        settings.beam = 3
        settings.keepAttention = true
        let translators = checkpoints.map { Translator(model: $0.model, codec: $0.codec, settings: settings) }
        func rendered(_ outputs: [Translator.Output]) -> [String] {
            outputs.map { "\($0.text) \($0.hypotheses.map(\.score)) \($0.attention)" }
        }
        let expected = translators.map { rendered($0.translate(lines)) }
        XCTAssertNotEqual(expected[0], expected[1], "the two checkpoints translate differently")
        var mismatches = [0, 0]
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            var count = 0
            for _ in 0..<200 where rendered(translators[index].translate(lines)) != expected[index] { count += 1 }
            lock.withLock { mismatches[index] = count }
        }
        XCTAssertEqual(mismatches, [0, 0])
    }

    /// The weights after a tiny run of `updates` with `seed`, in parameter order.
    private func train(seed: Int, updates: Int = 40) throws -> [(name: String, values: [Float])] {
        let fixture = try TrainingFixture()
        defer { fixture.remove() }
        let checkpoint = try ModelCheckpoint.load(from: try trainCheckpoint(fixture, seed: seed, updates: updates))
        return checkpoint.model.namedParameters.map { ($0.name, $0.tensor.values) }
    }

    /// Trains in this process (quietly) into `fixture`'s directory run-SEED; returns latest.ckpt.
    private func trainCheckpoint(_ fixture: TrainingFixture, seed: Int, updates: Int) throws -> String {
        let text = fixture.configuration(updates: updates, validateEvery: 1000, training: "  seed: \(seed)")
            .replacingOccurrences(of: "\(fixture.directory.path)/run", with: "\(fixture.directory.path)/run-\(seed)")
        let path = try fixture.writeConfiguration(text, name: "config-\(seed).yaml")
        let reporter = try TrainingReporter(metricsPath: nil, interactive: false)
        reporter.quiet = true
        let trainer = try Trainer(configuration: try TrainingConfiguration.load(path: path), reporter: reporter)
        return try trainer.run().latestCheckpoint
    }
}
