import Autodiff
import Foundation
import Layers
@testable import Model
import TestSupport
import Text
import XCTest

/// The sequence-reversal task: output the source reversed. Sequences of 5–20 tokens from 50
/// symbols (ids 4…53), fresh batches of 64 each update, Adam with clipping at 1; only attention
/// solves it well. ReversalTaskTests and ReversalTaskVariantTests train the model variants on it.
enum ReversalTask {
    static let vocabularySize = 54

    /// A small model of each variant's family sized for the task, dropout 0.
    static func configuration() -> ModelConfiguration {
        var config = ModelConfiguration(sourceVocabularySize: vocabularySize, targetVocabularySize: vocabularySize)
        config.embeddingSize = 64
        config.encoderHiddenSize = 64
        config.decoderHiddenSize = 128
        config.attentionSize = 64
        config.preOutputSize = 128
        config.dropout = 0
        return config
    }

    /// Trains until 99.5% of 300 held-out sequences come back exactly reversed with greedy search
    /// (checked every 250 updates, at most `updates`); then asserts ≥ 99% and that beam 1 equals
    /// greedy search on the trained model. The bound is on updates, which the model's learning
    /// decides; the time taken depends on the machine and its load, so it is printed, not asserted.
    /// `learningRate(update)` gives the rate of each update (1-based).
    static func assertLearned(_ config: ModelConfiguration, updates: Int,
                              learningRate: (Int) -> Float, file: StaticString = #filePath, line: UInt = #line) {
        let model = Seq2Seq(config, seed: 1)
        let optimizer = Adam(parameters: model.namedParameters, learningRate: learningRate(1))
        var data = SeededGenerator(seed: 2)
        func sequence() -> [Int32] {
            let length = 5 + Int(data.next() % 16)
            return (0..<length).map { _ in 4 + Int32(data.next() % 50) }
        }
        let heldOut = (0..<300).map { _ in sequence() }
        let tape = Tape()
        let started = Date()
        var accuracy = 0.0, updatesRun = 0
        for update in 1...updates {
            updatesRun = update
            let pairs = (0..<64).map { _ -> (source: [Int32], target: [Int32]) in
                let s = sequence()
                return (s + [Vocabulary.endID], Array(s.reversed()))
            }
            let loss = tape.recording(model.parameters) {
                model.loss(ModelFixtures.batch(pairs), average: true, mode: .trainingWithoutDropout).loss
            }
            tape.backward(from: loss)
            GradientClipping.clipNorm(model.parameters, maxNorm: 1)
            optimizer.learningRate = learningRate(update)
            optimizer.update()
            if update % 250 == 0 {
                let outputs = model.greedy(heldOut.map { $0 + [Vocabulary.endID] }, maxLength: { $0 + 5 })
                let correct = zip(heldOut, outputs).filter { Array($0.0.reversed()) == $0.1.ids }.count
                accuracy = Double(correct) / Double(heldOut.count)
                print("\(config.architecture) ×\(config.attentionHeads): update \(update): loss \(loss.scalar), "
                      + "exact \(accuracy), \(Int(Date().timeIntervalSince(started))) s")
                if accuracy >= 0.995 { break }
            }
        }
        XCTAssertGreaterThanOrEqual(accuracy, 0.99, "exact reversals after \(updatesRun) updates", file: file, line: line)
        let sources = Array(heldOut.prefix(100).map { $0 + [Vocabulary.endID] })
        let greedy = model.greedy(sources, maxLength: { $0 + 5 }).map(\.ids)
        let beam = model.beamSearch(sources, beamSize: 1, maxLength: { $0 + 5 }).map { $0[0].ids }
        XCTAssertEqual(greedy, beam, file: file, line: line)
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "%@ ×%d: %d updates, exact %.3f, %.1f s (%.0f ms per update)", "\(config.architecture)",
                     config.attentionHeads, updatesRun, accuracy, seconds, 1000 * seconds / Double(updatesRun)))
    }

    /// Training runs are too slow for debug builds unless asked for.
    static func skipInDebug() throws {
        #if DEBUG
        try XCTSkipIf(ProcessInfo.processInfo.environment["NMT_SLOW_TESTS"] == nil,
                      "a training run: runs in release builds (scripts/test.sh) or with NMT_SLOW_TESTS=1")
        #endif
    }
}
