extension TrainingConfiguration {
    /// `output:` — where checkpoints and metrics go, and how many checkpoints stay.
    public struct OutputSection: Codable, Equatable, Sendable {
        /// Created if absent; holds checkpoints and the metrics log.
        public var directory: String
        /// Best checkpoints (by validation.metric) kept.
        public var keepBest = 1
        /// Most recent checkpoints kept, for resuming.
        public var keepLast = 1
        /// Updates between training log lines.
        public var logEvery = 100

        enum CodingKeys: String, CodingKey, CaseIterable {
            case directory
            case keepBest = "keep_best"
            case keepLast = "keep_last"
            case logEvery = "log_every"
        }

        public init(directory: String) {
            self.directory = directory
        }
    }
}

extension TrainingConfiguration.OutputSection: ConfigurationSection {
    static var requiredKeys: [CodingKeys] { [.directory] }

    init(reading reader: SectionReader<CodingKeys>) throws {
        self.init(directory: try reader.required(.directory, hint: "where checkpoints go, e.g. runs/default"))
        try reader.read(.keepBest, into: &keepBest)
        try reader.read(.keepLast, into: &keepLast)
        try reader.read(.logEvery, into: &logEvery)
    }

    var checks: ValueChecks<CodingKeys> {
        var checks = ValueChecks<CodingKeys>()
        checks.require(!directory.isEmpty, .directory, "must name a directory, e.g. runs/default")
        checks.nonNegative(keepBest, .keepBest, zeroMeans: "none")
        checks.nonNegative(keepLast, .keepLast, zeroMeans: "none")
        checks.require(keepBest + keepLast > 0, .keepLast,
                       "keep_best and keep_last are both 0, so no checkpoint would be written")
        checks.positive(logEvery, .logEvery)
        return checks
    }
}

extension TrainingConfiguration.OutputSection {
    /// A directory that cannot be one because a file is in the way.
    func blockedDirectory(relativeTo baseDirectory: String) -> (key: CodingKeys, message: String)? {
        let path = FilePaths.resolve(directory, against: baseDirectory)
        guard FilePaths.exists(path), !FilePaths.isDirectory(path) else { return nil }
        return (.directory, "\(path) exists and is not a directory")
    }
}
