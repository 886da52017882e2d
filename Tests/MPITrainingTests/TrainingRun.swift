import Foundation

/// A toy corpus and configurations for short runs of a tiny model in a temporary directory:
/// English-like word sequences whose "German" is the word-by-word translation in reverse order,
/// so that the loss falls steadily over a few hundred updates.
struct TrainingRun {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "nmt-distributed-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let lexicon = ["the": "der", "a": "ein", "man": "mann", "woman": "frau", "dog": "hund", "cat": "katze",
                       "sees": "sieht", "runs": "läuft", "big": "gross", "small": "klein", "red": "rot", "blue": "blau",
                       "house": "haus", "tree": "baum", "street": "strasse", "and": "und", "on": "auf", "near": "bei",
                       "plays": "spielt", "sleeps": "schläft"]
        let words = lexicon.keys.sorted()
        // A fixed linear congruential generator: the same corpus on every run.
        var state: UInt64 = 20_261_202
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        for (split, count) in [("train", 1200), ("valid", 40)] {
            var source: [String] = [], target: [String] = []
            for _ in 0..<count {
                let sentence = (0..<(3 + next(8))).map { _ in words[next(words.count)] }
                source.append(sentence.joined(separator: " ") + " .")
                target.append(sentence.reversed().map { lexicon[$0]! }.joined(separator: " ") + " .")
            }
            try (source.joined(separator: "\n") + "\n").write(toFile: "\(directory)/\(split).en", atomically: true, encoding: .utf8)
            try (target.joined(separator: "\n") + "\n").write(toFile: "\(directory)/\(split).de", atomically: true, encoding: .utf8)
        }
    }

    /// A configuration file for `updates` updates into `output` (a directory name under this
    /// run's): dropout 0, so that every process count trains the same model; a loss logged at
    /// every update.
    func configuration(name: String, output: String, updates: Int, batchSize: Int = 32, accumulate: Int = 1,
                       validateEvery: Int = 100) throws -> String {
        let text = """
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
              dropout: 0
            training:
              batch_size: \(batchSize)
              accumulate: \(accumulate)
              epochs: 1000
              max_updates: \(updates)
              learning_rate: 0.005
            validation:
              every_updates: \(validateEvery)
              metric: loss
              samples: 0
            output:
              directory: \(directory)/\(output)
              log_every: 1
            """
        let path = "\(directory)/\(name).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func path(_ name: String) -> String { "\(directory)/\(name)" }

    /// The training loss of each update in `output`/metrics.jsonl; where a resumed run logged an
    /// update again, its later value.
    func losses(_ output: String) throws -> [Int: Double] {
        let text = try String(contentsOfFile: "\(directory)/\(output)/metrics.jsonl", encoding: .utf8)
        var losses: [Int: Double] = [:]
        for line in text.split(separator: "\n") {
            guard let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  record["kind"] as? String == "train",
                  let update = record["update"] as? Int, let loss = record["loss"] as? Double else { continue }
            losses[update] = loss
        }
        return losses
    }

    /// The all-reduce times the log recorded, in milliseconds.
    func allReduceMilliseconds(_ output: String) throws -> [Double] {
        let text = try String(contentsOfFile: "\(directory)/\(output)/metrics.jsonl", encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["allreduce_ms"] as? Double
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
