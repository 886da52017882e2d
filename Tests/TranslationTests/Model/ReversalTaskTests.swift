import Autodiff
import Foundation
import Layers
import XCTest
@testable import Translation

/// A task only attention solves well: output the source sequence reversed. Sequences of 5–20
/// tokens from 50 symbols; the model must reach 99% exact-sequence accuracy with greedy search.
final class ReversalTaskTests: XCTestCase {
    func testLearnsToReverseSequences() throws {
        #if DEBUG
        try XCTSkipIf(ProcessInfo.processInfo.environment["NMT_SLOW_TESTS"] == nil,
                      "a training run: runs in release builds (scripts/test.sh) or with NMT_SLOW_TESTS=1")
        #endif
        let symbols: ClosedRange<Int32> = 4...53
        var config = ModelConfiguration(sourceVocabularySize: 54, targetVocabularySize: 54)
        config.embeddingSize = 64
        config.encoderHiddenSize = 64
        config.decoderHiddenSize = 128
        config.attentionSize = 64
        config.preOutputSize = 128
        config.dropout = 0
        let model = Seq2Seq(config, seed: 1)
        let optimizer = Adam(parameters: model.namedParameters, learningRate: 3e-3)
        var data = SeededGenerator(seed: 2)
        func sequence() -> [Int32] {
            let length = 5 + Int(data.next() % 16)
            return (0..<length).map { _ in symbols.lowerBound + Int32(data.next() % 50) }
        }
        let heldOut = (0..<300).map { _ in sequence() }
        let tape = Tape()
        let started = Date()
        var accuracy = 0.0
        for update in 1...4000 {
            let pairs = (0..<64).map { _ -> (source: [Int32], target: [Int32]) in
                let s = sequence()
                return (s + [SpecialTokens.eos], Array(s.reversed()))
            }
            let loss = tape.recording(model.parameters) {
                model.loss(ModelFixtures.batch(pairs), average: true, mode: .trainingWithoutDropout).loss
            }
            tape.backward(from: loss)
            GradientClipping.clipNorm(model.parameters, maxNorm: 1)
            optimizer.update()
            if update % 250 == 0 {
                let outputs = model.greedy(heldOut.map { $0 + [SpecialTokens.eos] }, maxLength: { $0 + 5 })
                let correct = zip(heldOut, outputs).filter { Array($0.0.reversed()) == $0.1.ids }.count
                accuracy = Double(correct) / Double(heldOut.count)
                print("update \(update): loss \(loss.scalar), exact \(accuracy), \(Int(Date().timeIntervalSince(started))) s")
                if accuracy >= 0.995 { break }
            }
        }
        XCTAssertGreaterThanOrEqual(accuracy, 0.99)
        // On the trained model too, beam 1 is greedy search exactly.
        let sources = heldOut.prefix(100).map { $0 + [SpecialTokens.eos] }
        let greedy = model.greedy(Array(sources), maxLength: { $0 + 5 }).map(\.ids)
        let beam = model.beamSearch(Array(sources), beamSize: 1, maxLength: { $0 + 5 }).map { $0[0].ids }
        XCTAssertEqual(greedy, beam)
        XCTAssertLessThan(Date().timeIntervalSince(started), 180)
    }
}
