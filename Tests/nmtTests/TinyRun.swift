import Foundation
import TestSupport

/// A checkpoint trained for three updates on five fixed sentences, which are also its test set:
/// enough for `translate` and `evaluate` to run end to end in a second. The sentences are not the
/// toy language's: the commands' expected outputs were written for these.
final class TinyRun {
    private let fixture: TrainingFixture
    let checkpoint: String
    var directory: String { fixture.path }
    var source: String { directory + "/test.en" }
    var reference: String { directory + "/test.de" }

    private static let pairs = zip(
        ["the cat sees a dog .", "a dog runs .", "the big house .", "a small tree .", "the cat runs ."],
        ["die katze sieht einen hund .", "ein hund läuft .", "das grosse haus .", "ein kleiner baum .", "die katze läuft ."]
    ).map { SentencePair(source: $0, target: $1) }

    init() throws {
        let fixture = try TrainingFixture(splits: ["train", "valid", "test"].map { ($0, Self.pairs) })
        self.fixture = fixture
        var configuration = ToyConfiguration(updates: 3, validateEvery: 3)
        configuration.sizes = [8, 8, 8, 8, 8]
        configuration.batchSize = 5
        (configuration.dropout, configuration.epochs, configuration.learningRate, configuration.logEvery) = (nil, nil, nil, nil)
        do { checkpoint = try fixture.train(configuration) } catch { fixture.remove(); throw error }
    }

    deinit { fixture.remove() }
}
