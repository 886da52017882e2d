import Autodiff
import Batching
@testable import Model
@testable import Search
import TestSupport
import Text
import XCTest

final class ShortlistTests: XCTestCase {
    /// Source 4 always comes with target 6, source 5 with target 7; target 4 is in every pair.
    /// Dice puts each source's own translation first; the frequent list holds the specials and
    /// the most frequent target unit.
    func testLearnsTheTranslationsOfEachSourceUnit() {
        let pairs: [(source: [Int32], target: [Int32])] = [
            ([4, 2], [4, 6, 2]), ([4, 2], [4, 6, 2]), ([5, 2], [4, 7, 2]), ([4, 5, 2], [4, 6, 7, 2]), ([5, 2], [4, 7, 2]),
        ]
        let shortlist = Shortlist.learn(pairs, sourceVocabularySize: 6, targetVocabularySize: 8, frequent: 2, perSource: 1)
        XCTAssertEqual(shortlist.frequent, [0, 1, 2, 3, 4])
        XCTAssertEqual(shortlist.perSource[4], [6])
        XCTAssertEqual(shortlist.perSource[5], [7])
        XCTAssertEqual(shortlist.candidates(for: [4, 2, 0]), [0, 1, 2, 3, 4, 6])
        XCTAssertEqual(shortlist.candidates(for: [4, 5, 2]), [0, 1, 2, 3, 4, 6, 7])
    }

    func testTextRoundTrip() throws {
        let shortlist = Shortlist(frequent: [3, 0, 2], perSource: [[], [5], [4, 6]], targetVocabularySize: 7)
        let text = shortlist.fileContents
        XCTAssertEqual(text, "shortlist 3 7\n0 2 3\n\n5\n4 6\n")
        XCTAssertEqual(try Shortlist(fileContents: text, name: "x", sourceVocabularySize: 3, targetVocabularySize: 7), shortlist)
        XCTAssertThrowsError(try Shortlist(fileContents: "shortlist 3 7\n0\n\n5\n", name: "x", sourceVocabularySize: 3, targetVocabularySize: 7)) {
            XCTAssertEqual("\($0)", "x: 2 source lines for 3 source units")
        }
    }

    /// A shortlist of every target id changes nothing: the same hypotheses and scores.
    func testAShortlistOfTheWholeVocabularyChangesNothing() {
        let model = Seq2Seq(ModelFixtures.tinyConfig(.additive), seed: 6)
        ModelFixtures.randomize(model, seed: 12, limit: 1.5)
        let v = model.config.targetVocabularySize
        let everything = Shortlist(frequent: (0..<Int32(v)).map { $0 }, perSource: [], targetVocabularySize: v)
        let batch = Batch(sourcesEndingInEOS: ModelFixtures.pairs.map(\.source))
        let ensemble = Ensemble(models: [model])
        let plain = ensemble.beamSearch(batch, beamSize: 3, maxLength: { $0 + 3 }, nBest: 3)
        let listed = ensemble.beamSearch(batch, beamSize: 3, maxLength: { $0 + 3 }, nBest: 3, shortlist: everything)
        XCTAssertEqual(plain.map { $0.map(\.ids) }, listed.map { $0.map(\.ids) })
        for (a, b) in zip(plain.joined(), listed.joined()) { XCTAssertEqual(a.score, b.score, accuracy: 1e-5) }
    }

    /// Outputs use only the batch's candidates; </s> is always one.
    func testOutputsStayWithinTheCandidates() {
        var config = ModelFixtures.tinyConfig(.additive)
        config.targetVocabularySize = 12
        let model = Seq2Seq(config, seed: 2)
        ModelFixtures.randomize(model, seed: 5, limit: 1.5)
        let shortlist = Shortlist(frequent: [0, 1, 2, 3], perSource: (0..<config.sourceVocabularySize).map { [Int32(4 + $0 % 3)] },
                                  targetVocabularySize: 12)
        let sources = ModelFixtures.pairs.map(\.source)
        let batch = Batch(sourcesEndingInEOS: sources)
        let allowed = Set(shortlist.candidates(for: sources.joined()))
        XCTAssertLessThan(allowed.count, 12)
        let ensemble = Ensemble(models: [model])
        for hypotheses in ensemble.beamSearch(batch, beamSize: 3, maxLength: { $0 + 3 }, nBest: 3, shortlist: shortlist) {
            for hypothesis in hypotheses { XCTAssertTrue(Set(hypothesis.ids).isSubset(of: allowed), "\(hypothesis.ids)") }
        }
        for output in ensemble.greedy(batch, maxLength: { $0 + 3 }, shortlist: shortlist) {
            XCTAssertTrue(Set(output.ids).isSubset(of: allowed), "\(output.ids)")
        }
    }
}
