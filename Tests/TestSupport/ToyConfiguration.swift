/// A configuration for a tiny model on a `TrainingFixture`'s corpus. Each suite sets what it
/// needs; a value left nil is left out of the YAML, so the command's default applies. Decimal
/// values are strings so the YAML says exactly what the suite wrote.
package struct ToyConfiguration {
    /// embedding, encoder hidden, decoder hidden, attention, pre-output sizes.
    package var sizes: [Int] = [8, 8, 16, 8, 16]
    package var dropout: String? = "0.2"
    package var batchSize = 16
    package var accumulate: Int?
    package var epochs: Int? = 1000
    package var updates: Int
    package var learningRate: String? = "0.01"
    /// Lines placed at the end of `training:`, indented by the caller.
    package var training: String?
    package var validateEvery: Int
    package var metric: String?
    /// The run directory, relative to the fixture's directory.
    package var output = "run"
    package var logEvery: Int? = 1000
    /// Language tags of the two sides: the suffixes of the fixture's files.
    package var languages = (source: "en", target: "de")

    package init(updates: Int, validateEvery: Int) {
        self.updates = updates
        self.validateEvery = validateEvery
    }

    /// The YAML text, reading the corpus from and writing the run under `directory`. The output
    /// section comes last: some tests append keys to it.
    package func yaml(directory: String) -> String {
        let lines: [String?] = [
            "data:",
            "  train: \(directory)/train",
            "  valid: \(directory)/valid",
            "  source_language: \(languages.source)",
            "  target_language: \(languages.target)",
            "segmentation:",
            "  kind: word",
            "model:",
            "  embedding_size: \(sizes[0])",
            "  encoder_hidden_size: \(sizes[1])",
            "  decoder_hidden_size: \(sizes[2])",
            "  attention_size: \(sizes[3])",
            "  pre_output_size: \(sizes[4])",
            dropout.map { "  dropout: \($0)" },
            "training:",
            "  batch_size: \(batchSize)",
            accumulate.map { "  accumulate: \($0)" },
            epochs.map { "  epochs: \($0)" },
            "  max_updates: \(updates)",
            learningRate.map { "  learning_rate: \($0)" },
            training,
            "validation:",
            "  every_updates: \(validateEvery)",
            metric.map { "  metric: \($0)" },
            "  samples: 0",
            "output:",
            "  directory: \(directory)/\(output)",
            logEvery.map { "  log_every: \($0)" },
        ]
        return lines.compactMap { $0 }.joined(separator: "\n")
    }
}
