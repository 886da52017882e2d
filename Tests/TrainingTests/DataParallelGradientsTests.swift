import Autodiff
import Batching
@testable import Model
import TestSupport
import Text
@testable import Training
import XCTest

final class DataParallelGradientsTests: XCTestCase {
    /// Five pairs of different lengths, dealt 3 + 2 (or 2 + 2 + 1) to the workers.
    private let batch = Batch(
        sources: [[4, 5, 6, 7], [8], [5, 4, 3], [6, 6, 7, 8, 4, 5], [7, 4]],
        targets: [[4, 5, 6], [7, 4, 5, 6, 7], [6], [5, 5], [4, 7, 6, 5]],
        indices: [0, 1, 2, 3, 4])

    /// Without dropout, the summed gradients of the shares equal the whole batch's gradient of
    /// the mean token loss, and the returned loss equals the whole batch's.
    func testSharesGiveTheWholeBatchsLossAndGradients() throws {
        let reference = try gradients(workers: 1)
        for workers in [2, 3] {
            let split = try gradients(workers: workers)
            XCTAssertEqual(split.loss, reference.loss, accuracy: 1e-5 * abs(reference.loss), "workers \(workers)")
            for (name, (expected, actual)) in zip(reference.names, zip(reference.grads, split.grads)) {
                let scale = expected.map(abs).max() ?? 0
                for (e, a) in zip(expected, actual) {
                    XCTAssertEqual(a, e, accuracy: 1e-5 * max(scale, 1e-3), "\(name), workers \(workers)")
                }
            }
        }
    }

    /// After synchronizing, every replica holds the model's weights: a second step from the same
    /// weights gives the same gradients as a fresh model would.
    func testReplicasFollowTheModelsWeights() throws {
        let model = Seq2Seq(ModelFixtures.tinyConfig(.additive), seed: 7)
        let parallel = DataParallelGradients(model: model, workers: 2)
        ModelFixtures.randomize(model, seed: 8)   // the weights change behind the replicas' back
        parallel.synchronizeReplicas()
        let split = parallel.accumulate(batch, smoothing: 0.1, dropout: Dropout(probability: 0, generator: SeededGenerator(seed: 1)))
        let expected = try gradients(workers: 1, weightsSeed: 8)
        XCTAssertEqual(split.loss, expected.loss, accuracy: 1e-5 * abs(expected.loss))
        for (actual, (name, reference)) in zip(try Self.nonZeroGradients(of: model), zip(expected.names, expected.grads)) {
            for (a, e) in zip(actual, reference) { XCTAssertEqual(a, e, accuracy: 1e-4, name) }
        }
    }

    func testSharesKeepEverySentenceOnce() {
        let shares = batch.shares(2)
        XCTAssertEqual(shares.map(\.size), [3, 2])
        XCTAssertEqual(shares.map(\.indices), [[0, 2, 4], [1, 3]])
        XCTAssertEqual(shares[1].sourceSentence(1), [6, 6, 7, 8, 4, 5])
        XCTAssertEqual(shares[0].targetSentence(2), [4, 7, 6, 5])
        XCTAssertEqual(shares.map(\.targetTokenCount).reduce(0, +), batch.targetTokenCount)
        XCTAssertEqual(batch.shares(9).count, 5)
    }

    /// With bf16 products every worker (one or several) runs its passes in bf16: the gradients
    /// differ from float32's, within bf16's rounding of them, and the caller's thread is left in
    /// float32.
    func testBFloat16WorkersRunTheirProductsInBFloat16() throws {
        try XCTSkipUnless(BFloat16GEMM.isSupported, "this CPU has no AVX-512 BF16")
        for workers in [1, 2] {
            let float32 = try gradients(workers: workers)
            let bfloat16 = try gradients(workers: workers, precision: .bfloat16)
            XCTAssertEqual(ProductPrecision.current, .float32)
            XCTAssertNotEqual(bfloat16.grads, float32.grads, "workers \(workers): the same floats as float32")
            XCTAssertEqual(bfloat16.loss, float32.loss, accuracy: 1e-2 * abs(float32.loss))
            for (name, (expected, actual)) in zip(float32.names, zip(float32.grads, bfloat16.grads)) {
                let scale = expected.map(abs).max() ?? 0
                for (e, a) in zip(expected, actual) {
                    XCTAssertEqual(a, e, accuracy: 5e-2 * max(scale, 1e-3), "\(name), workers \(workers)")
                }
            }
        }
    }

    private func gradients(workers: Int, weightsSeed: UInt64 = 8,
                           precision: ProductPrecision = .float32) throws -> (loss: Double, names: [String], grads: [[Float]]) {
        let model = Seq2Seq(ModelFixtures.tinyConfig(.additive), seed: 7)
        ModelFixtures.randomize(model, seed: weightsSeed)
        let parallel = DataParallelGradients(model: model, workers: workers, precision: precision)
        let result = parallel.accumulate(batch, smoothing: 0.1, dropout: Dropout(probability: 0, generator: SeededGenerator(seed: 1)))
        return (result.loss, model.namedParameters.map(\.name), try Self.nonZeroGradients(of: model))
    }

    /// The model's gradients, in parameter order. Every parameter of the tiny model takes part in
    /// this batch's loss, so a missing or all-zero gradient means a backward rule or the summing
    /// of the replicas lost it, which equal comparisons between two runs cannot see.
    private static func nonZeroGradients(of model: Seq2Seq) throws -> [[Float]] {
        try model.namedParameters.map { named in
            let gradient = try XCTUnwrap(named.tensor.gradient, "\(named.name) received no gradient")
            XCTAssertTrue(gradient.contains { $0 != 0 }, "\(named.name): every element of its gradient is 0")
            return gradient
        }
    }
}
