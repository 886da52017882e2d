import Foundation

/// A tiny parallel corpus in a temporary directory, with configurations for it and `nmt train`
/// to turn them into checkpoints: the one training fixture of every suite. The directory stays
/// until `remove()`, so that a test may use its paths up to its last line.
package struct TrainingFixture {
    package let directory: URL
    package var path: String { directory.path }

    /// The corpus of most suites: 300 training and 20 validation pairs of the small toy language.
    package init() throws {
        var indices = LinearCongruentialIndices(seed: 12345)
        try self.init(splits: [("train", ToyLanguage.small.pairs(300, using: &indices)),
                               ("valid", ToyLanguage.small.pairs(20, using: &indices))])
    }

    /// A corpus of the given splits, each written to `<split>.<source>` and `<split>.<target>`
    /// (language tags; `en` and `de` unless given).
    package init(splits: [(String, [SentencePair])], languages: (source: String, target: String) = ("en", "de")) throws {
        directory = URL(fileURLWithPath: try TemporaryDirectory.create())
        for (name, pairs) in splits {
            try write(pairs.map(\.source), to: "\(name).\(languages.source)")
            try write(pairs.map(\.target), to: "\(name).\(languages.target)")
        }
    }

    private func write(_ lines: [String], to name: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
    }

    /// The default configuration's YAML; `extra` lines go at the end of `training:`.
    package func configuration(updates: Int, validateEvery: Int, training extra: String = "") -> String {
        var configuration = ToyConfiguration(updates: updates, validateEvery: validateEvery)
        configuration.training = extra
        return configuration.yaml(directory: path)
    }

    package func writeConfiguration(_ text: String, name: String = "config.yaml") throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Trains `configuration` with the built `nmt train` and returns the path of its latest
    /// checkpoint.
    @discardableResult
    package func train(_ configuration: ToyConfiguration, name: String = "config.yaml") throws -> String {
        let config = try writeConfiguration(configuration.yaml(directory: path), name: name)
        let trained = try BuiltExecutable.nmt.run(["train", "--config", config])
        guard trained.status == 0 else { throw Failure(message: "nmt train --config \(config) failed: \(trained.error)") }
        return "\(path)/\(configuration.output)/latest.ckpt"
    }

    package func remove() { try? FileManager.default.removeItem(at: directory) }

    package struct Failure: Error, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }
}
