import Foundation
import TestSupport

/// A tiny English→"German" model of the small toy language, trained by `nmt train` (a second on
/// one core): after 400 updates it translates and its attention runs along the anti-diagonal.
/// `reversed`: the German→English model of the same corpus.
final class TinyModel {
    private let fixture: TrainingFixture
    let checkpoint: String
    /// Held-out sentences of the toy language, for translating.
    let sentences: [String]

    static let words = ToyLanguage.small.lexicon

    init(reversed: Bool = false) throws {
        // The SplitMix stream, not the fixture's default one: the expected translations and
        // attention come from the model trained on exactly this corpus.
        var indices = SplitMixIndices(seed: 12345)
        let train = ToyLanguage.small.pairs(300, using: &indices), valid = ToyLanguage.small.pairs(20, using: &indices)
        let held = ToyLanguage.small.pairs(40, using: &indices)
        sentences = reversed ? held.map(\.target) : held.map(\.source)
        let fixture = try TrainingFixture(splits: [("train", train), ("valid", valid)])
        self.fixture = fixture
        var configuration = ToyConfiguration(updates: 400, validateEvery: 400)
        configuration.sizes = [16, 16, 32, 16, 32]
        configuration.dropout = "0.1"
        do {
            if reversed {
                // The corpus files are named by language, so naming the languages the other way
                // round trains German→English.
                let yaml = configuration.yaml(directory: fixture.path).replacingOccurrences(
                    of: "source_language: en\n  target_language: de", with: "source_language: de\n  target_language: en")
                let config = try fixture.writeConfiguration(yaml)
                let trained = try BuiltExecutable.nmt.run(["train", "--config", config])
                guard trained.status == 0 else { throw TinyModelError(message: "nmt train failed: \(trained.error)") }
                checkpoint = "\(fixture.path)/\(configuration.output)/latest.ckpt"
            } else {
                checkpoint = try fixture.train(configuration)
            }
        } catch {
            fixture.remove()
            throw error
        }
    }

    /// `nmt translate` of `lines` with `options`: the reference the server must match.
    func translateWithCommandLine(_ lines: [String], _ options: [String] = []) throws -> [String] {
        let result = try BuiltExecutable.nmt.run(["translate", "--checkpoint", checkpoint] + options,
                                                input: lines.joined(separator: "\n") + "\n")
        guard result.status == 0 else { throw TinyModelError(message: "nmt translate failed: \(result.error)") }
        return result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    deinit { fixture.remove() }
}

struct TinyModelError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
