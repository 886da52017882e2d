import Foundation
import TestSupport
import XCTest

/// A tiny English→"German" model trained by `nmt train` in a temporary directory (a second on
/// one core): each English word has one German word and German reverses the order, so after
/// 400 updates it translates and its attention runs along the anti-diagonal.
final class TinyModel {
    let directory: String
    var checkpoint: String { directory + "/run/latest.ckpt" }
    /// Held-out sentences of the toy language, for translating.
    let sentences: [String]

    static let words = ["red": "rot", "cat": "katze", "dog": "hund", "sees": "sieht", "big": "gross", "the": "die",
                        "small": "klein", "house": "haus", "runs": "läuft", "and": "und", "a": "eine", "tree": "baum"]

    init() throws {
        directory = NSTemporaryDirectory() + "nmt-server-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var generator = SplitMix(seed: 12345)
        let english = Self.words.keys.sorted()
        func corpus(_ count: Int) -> (en: [String], de: [String]) {
            var en: [String] = [], de: [String] = []
            for _ in 0..<count {
                let sentence = (0..<(2 + generator.next(5))).map { _ in english[generator.next(english.count)] }
                en.append(sentence.joined(separator: " ") + " .")
                de.append(sentence.reversed().map { Self.words[$0]! }.joined(separator: " ") + " .")
            }
            return (en, de)
        }
        for (split, count) in [("train", 300), ("valid", 20)] {
            let (en, de) = corpus(count)
            try (en.joined(separator: "\n") + "\n").write(toFile: "\(directory)/\(split).en", atomically: true, encoding: .utf8)
            try (de.joined(separator: "\n") + "\n").write(toFile: "\(directory)/\(split).de", atomically: true, encoding: .utf8)
        }
        sentences = corpus(40).en
        let config = """
            data:
              train: \(directory)/train
              valid: \(directory)/valid
              source_language: en
              target_language: de
            segmentation:
              kind: word
            model:
              embedding_size: 16
              encoder_hidden_size: 16
              decoder_hidden_size: 32
              attention_size: 16
              pre_output_size: 32
              dropout: 0.1
            training:
              batch_size: 16
              epochs: 1000
              max_updates: 400
              learning_rate: 0.01
            validation:
              every_updates: 400
              samples: 0
            output:
              directory: \(directory)/run
              log_every: 1000
            """
        try config.write(toFile: "\(directory)/config.yaml", atomically: true, encoding: .utf8)
        let trained = try BuiltExecutable.nmt.run(["train", "--config", "\(directory)/config.yaml"])
        guard trained.status == 0 else { throw TinyModelError(message: "training the tiny model failed: \(trained.error)") }
    }

    /// `nmt translate` of `lines` with `options`: the reference the server must match.
    func translateWithCommandLine(_ lines: [String], _ options: [String] = []) throws -> [String] {
        let result = try BuiltExecutable.nmt.run(["translate", "--checkpoint", checkpoint] + options,
                                                input: lines.joined(separator: "\n") + "\n")
        guard result.status == 0 else { throw TinyModelError(message: "nmt translate failed: \(result.error)") }
        return result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}

struct TinyModelError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A small seeded generator, so the held-out sentences are the same on every run.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
