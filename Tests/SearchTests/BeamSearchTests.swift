import Autodiff
import Layers
@testable import Model
@testable import Search
import TestSupport
import XCTest

final class BeamSearchTests: XCTestCase {
    /// Beam 1 must reproduce greedy search token for token, including sentences that run into
    /// the length limit (an untrained model rarely says </s>).
    func testBeamOfOneIsGreedy() {
        for seed in UInt64(1)...4 {
            var config = ModelFixtures.tinyConfig(.additive)
            config.targetVocabularySize = 8
            let model = Seq2Seq(config, seed: seed)
            ModelFixtures.randomize(model, seed: seed + 10, limit: 1.5)
            let sources = ModelFixtures.pairs.map(\.source) + [[4, 4, 5, 2], [2]]
            let greedy = model.greedy(sources, maxLength: { $0 + 3 }, keepAttention: true)
            let beam = model.beamSearch(sources, beamSize: 1, maxLength: { $0 + 3 }, keepAttention: true)
            for (g, b) in zip(greedy, beam) {
                XCTAssertEqual(g.ids, b.first?.ids, "seed \(seed)")
                XCTAssertEqual(g.attention, b.first?.attention, "seed \(seed)")
            }
        }
    }

    /// A wider beam never scores worse than a narrower one on the model's own objective
    /// (length-normalized log-probability), and returns hypotheses best first.
    func testWiderBeamFindsNoWorseHypotheses() {
        let model = Seq2Seq(ModelFixtures.tinyConfig(.additive), seed: 3)
        ModelFixtures.randomize(model, seed: 21, limit: 1.5)
        let sources = ModelFixtures.pairs.map(\.source)
        let narrow = model.beamSearch(sources, beamSize: 1, maxLength: { $0 + 3 })
        let wide = model.beamSearch(sources, beamSize: 4, maxLength: { $0 + 3 }, nBest: 4)
        for (n, w) in zip(narrow, wide) {
            XCTAssertGreaterThanOrEqual(w[0].score, n[0].score - 1e-5)
            XCTAssertEqual(w.map(\.score), w.map(\.score).sorted(by: >))
            XCTAssertLessThanOrEqual(w.count, 4)
        }
    }

    /// Sentences are independent: a sentence decodes the same alone and in a padded batch.
    func testBatchingDoesNotChangeTranslations() {
        let model = Seq2Seq(ModelFixtures.tinyConfig(.additive), seed: 5)
        ModelFixtures.randomize(model, seed: 8, limit: 1.5)
        let sources = ModelFixtures.pairs.map(\.source)
        let together = model.beamSearch(sources, beamSize: 3, maxLength: { $0 + 3 })
        for (index, source) in sources.enumerated() {
            let alone = model.beamSearch([source], beamSize: 3, maxLength: { $0 + 3 })
            XCTAssertEqual(alone[0][0].ids, together[index][0].ids)
        }
    }

    /// Finished sentences leave the batch (their rows are no longer computed): every sentence's
    /// hypotheses, scores and attention equal those it gets decoded alone, with sentences of
    /// different lengths finishing at different steps.
    func testSentencesLeavingTheBatchChangeNothing() {
        let model = Seq2Seq(ModelFixtures.tinyConfig(.additive), seed: 6)
        ModelFixtures.randomize(model, seed: 12, limit: 1.5)
        let sources = ModelFixtures.pairs.map(\.source) + [[2], [4, 4, 5, 6, 7, 4, 5, 2]]
        let limits = Set(sources.map(\.count))
        XCTAssertGreaterThan(limits.count, 2, "sentences of several lengths")
        let together = model.beamSearch(sources, beamSize: 3, maxLength: { $0 + 2 }, nBest: 3, keepAttention: true)
        let greedyTogether = model.greedy(sources, maxLength: { $0 + 2 }, keepAttention: true)
        for (index, source) in sources.enumerated() {
            let alone = model.beamSearch([source], beamSize: 3, maxLength: { $0 + 2 }, nBest: 3, keepAttention: true)[0]
            XCTAssertEqual(alone.map(\.ids), together[index].map(\.ids), "sentence \(index)")
            for (a, t) in zip(alone, together[index]) {
                XCTAssertEqual(a.score, t.score, accuracy: 1e-5, "sentence \(index)")
                assertClose(a.attention.flatMap { $0 }, t.attention.flatMap { $0 }, accuracy: 1e-5)
            }
            let greedyAlone = model.greedy([source], maxLength: { $0 + 2 }, keepAttention: true)[0]
            XCTAssertEqual(greedyAlone.ids, greedyTogether[index].ids, "greedy, sentence \(index)")
            assertClose(greedyAlone.attention.flatMap { $0 }, greedyTogether[index].attention.flatMap { $0 }, accuracy: 1e-5)
        }
    }

    /// With the repetition and minimum-length guards on, beam 1 is still greedy search.
    func testBeamOfOneIsGreedyWithGuards() {
        let guards = SearchGuards(noRepeatNGram: 2, minLengthRatio: 1.5)
        for seed in UInt64(1)...3 {
            var config = ModelFixtures.tinyConfig(.additive)
            config.targetVocabularySize = 8
            let model = Seq2Seq(config, seed: seed)
            ModelFixtures.randomize(model, seed: seed + 20, limit: 1.5)
            let sources = ModelFixtures.pairs.map(\.source)
            let greedy = model.greedy(sources, maxLength: { $0 + 3 }, guards: guards)
            let beam = model.beamSearch(sources, beamSize: 1, maxLength: { $0 + 3 }, guards: guards)
            XCTAssertEqual(greedy.map(\.ids), beam.map { $0[0].ids }, "seed \(seed)")
            for (output, source) in zip(greedy, sources) where output.ids.count < source.count + 3 {
                XCTAssertGreaterThanOrEqual(output.ids.count, guards.minimumLength(sourceLength: source.count))
            }
        }
    }
}
