import Autodiff
import Batching
@testable import Model
@testable import Search
import TestSupport
import Text
import XCTest

final class EnsembleTests: XCTestCase {
    /// The combined log-probabilities are the weighted mean of the members', not renormalized.
    func testStepsAverageTheMembersLogProbabilities() {
        let first = StubSession(sentences: 2, sourceLength: 3, table: HandComputedBeamTests.table,
                                otherwise: HandComputedBeamTests.otherwise)
        let second = StubSession(sentences: 2, sourceLength: 3, table: [:],
                                 otherwise: [Vocabulary.endID: 0.5, StubSession.a: 0.25, StubSession.b: 0.25])
        var ensemble = EnsembleSession(members: [first, second], weights: [0.25, 0.75])
        var combined: [Float] = []
        var (one, two) = (first as any DecodingSession, second as any DecodingSession)
        var (p, q) = ([Float](), [Float]())
        for previous in [[Vocabulary.startID, Vocabulary.startID], [StubSession.a, StubSession.b]] {
            let v = ensemble.logProbabilities(previous, into: &combined).vocabulary
            _ = one.logProbabilities(previous, into: &p)
            _ = two.logProbabilities(previous, into: &q)
            XCTAssertEqual(v, StubSession.vocabulary)
            assertClose(combined, zip(p, q).map { 0.25 * $0 + 0.75 * $1 }, accuracy: 1e-6)
        }
        // </s> after "a": .25·log .3 + .75·log .5
        XCTAssertEqual(Double(combined[Int(Vocabulary.endID)]), 0.25 * log(0.3) + 0.75 * log(0.5), accuracy: 1e-5)
    }

    /// A model in an ensemble with itself (any weights) translates exactly as alone.
    func testAModelWithItselfDecodesAsAlone() {
        let model = Seq2Seq(ModelFixtures.tinyConfig(.additive), seed: 4)
        ModelFixtures.randomize(model, seed: 9, limit: 1.5)
        let batch = Batch(sourcesEndingInEOS: ModelFixtures.pairs.map(\.source))
        let ensemble = Ensemble(models: [model, model], weights: [1, 3])
        XCTAssertEqual(ensemble.weights, [0.25, 0.75])
        let alone = model.beamSearch(batch, beamSize: 3, maxLength: { $0 + 3 }, nBest: 3, keepAttention: true)
        let together = ensemble.beamSearch(batch, beamSize: 3, maxLength: { $0 + 3 }, nBest: 3, keepAttention: true)
        XCTAssertEqual(alone.map { $0.map(\.ids) }, together.map { $0.map(\.ids) })
        for (a, t) in zip(alone.joined(), together.joined()) {
            XCTAssertEqual(a.score, t.score, accuracy: 1e-5)
            assertClose(a.attention.flatMap { $0 }, t.attention.flatMap { $0 }, accuracy: 1e-5)
        }
        XCTAssertEqual(model.greedy(batch, maxLength: { $0 + 3 }).map(\.ids), ensemble.greedy(batch, maxLength: { $0 + 3 }).map(\.ids))
    }

    /// Two different models: beam 1 over the ensemble is greedy over it, both ranking tokens by
    /// the same combined (unnormalized) scores.
    func testBeamOfOneIsGreedyForTwoModels() {
        let first = Seq2Seq(ModelFixtures.tinyConfig(.additive), seed: 4)
        let second = Seq2Seq(ModelFixtures.tinyConfig(.additive), seed: 5)
        ModelFixtures.randomize(first, seed: 9, limit: 1.5)
        ModelFixtures.randomize(second, seed: 10, limit: 1.5)
        let ensemble = Ensemble(models: [first, second])
        let batch = Batch(sourcesEndingInEOS: ModelFixtures.pairs.map(\.source))
        let beam = ensemble.beamSearch(batch, beamSize: 1, maxLength: { $0 + 3 })
        let greedy = ensemble.greedy(batch, maxLength: { $0 + 3 })
        XCTAssertEqual(beam.map { $0[0].ids }, greedy.map(\.ids))
    }
}
