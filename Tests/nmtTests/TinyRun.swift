import Foundation
import TestSupport
import XCTest

/// A tiny corpus, configuration and trained checkpoint in a temporary directory: enough for
/// `translate` and `evaluate` to run end to end in a second.
final class TinyRun {
    let directory: String
    var checkpoint: String { directory + "/run/latest.ckpt" }
    var source: String { directory + "/test.en" }
    var reference: String { directory + "/test.de" }

    init() throws {
        directory = NSTemporaryDirectory() + "nmt-cli-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let english = ["the cat sees a dog .", "a dog runs .", "the big house .", "a small tree .", "the cat runs ."]
        let german = ["die katze sieht einen hund .", "ein hund läuft .", "das grosse haus .", "ein kleiner baum .", "die katze läuft ."]
        for split in ["train", "valid", "test"] {
            try (english.joined(separator: "\n") + "\n").write(toFile: "\(directory)/\(split).en", atomically: true, encoding: .utf8)
            try (german.joined(separator: "\n") + "\n").write(toFile: "\(directory)/\(split).de", atomically: true, encoding: .utf8)
        }
        let config = """
            data:
              train: \(directory)/train
              valid: \(directory)/valid
              source_language: en
              target_language: de
            segmentation:
              kind: word
            model:
              embedding_size: 8
              encoder_hidden_size: 8
              decoder_hidden_size: 8
              attention_size: 8
              pre_output_size: 8
            training:
              batch_size: 5
              max_updates: 3
            validation:
              every_updates: 3
              samples: 0
            output:
              directory: \(directory)/run
            """
        try config.write(toFile: "\(directory)/config.yaml", atomically: true, encoding: .utf8)
        let trained = try BuiltExecutable.nmt.run(["train", "--config", "\(directory)/config.yaml"])
        guard trained.status == 0 else { throw TinyRunError(message: "training the tiny run failed: \(trained.error)") }
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}

struct TinyRunError: Error { var message: String }

