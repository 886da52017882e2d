import Foundation

/// A tiny parallel corpus and configuration written to a temporary directory.
package struct TrainingFixture {
    package let directory: URL

    package init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nmt-training-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // A toy "language pair": each English word has one German word; German reverses the order.
        let words = ["red": "rot", "cat": "katze", "dog": "hund", "sees": "sieht", "big": "gross", "the": "die",
                     "small": "klein", "house": "haus", "runs": "läuft", "and": "und", "a": "eine", "tree": "baum"]
        let english = Array(words.keys).sorted()
        var state: UInt64 = 12345
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        func write(_ split: String, _ count: Int) throws {
            var en: [String] = [], de: [String] = []
            for _ in 0..<count {
                let sentence = (0..<(2 + next() % 5)).map { _ in english[next() % english.count] }
                en.append(sentence.joined(separator: " ") + " .")
                de.append(sentence.reversed().map { words[$0]! }.joined(separator: " ") + " .")
            }
            try (en.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("\(split).en"), atomically: true, encoding: .utf8)
            try (de.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("\(split).de"), atomically: true, encoding: .utf8)
        }
        try write("train", 300)
        try write("valid", 20)
    }

    /// A configuration for a tiny model on the corpus; `extra` lines go under `training:`.
    package func configuration(updates: Int, validateEvery: Int, training extra: String = "") -> String {
        """
        data:
          train: \(directory.path)/train
          valid: \(directory.path)/valid
          source_language: en
          target_language: de
        segmentation:
          kind: word
        model:
          embedding_size: 8
          encoder_hidden_size: 8
          decoder_hidden_size: 16
          attention_size: 8
          pre_output_size: 16
          dropout: 0.2
        training:
          batch_size: 16
          epochs: 1000
          max_updates: \(updates)
          learning_rate: 0.01
        \(extra)
        validation:
          every_updates: \(validateEvery)
          samples: 0
        output:
          directory: \(directory.path)/run
          log_every: 1000
        """
    }

    package func writeConfiguration(_ text: String, name: String = "config.yaml") throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    package func remove() { try? FileManager.default.removeItem(at: directory) }
}
