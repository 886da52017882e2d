extension TrainingConfiguration {
    /// `output:` — where checkpoints and metrics go, and how many checkpoints stay.
    public struct OutputSection: Equatable, Sendable {
        /// Created if absent; holds checkpoints and the metrics log.
        public var directory: String
        /// Best checkpoints (by validation.metric) kept.
        public var keepBest = 1
        /// Most recent checkpoints kept, for resuming.
        public var keepLast = 1
        /// Updates between training log lines.
        public var logEvery = 100

        public init(directory: String) {
            self.directory = directory
        }
    }
}

extension TrainingConfiguration.OutputSection: ConfigurationSection {
    static var template: Self { Self(directory: "") }

    static var keys: [ConfigurationKey<Self>] {
        [
            .required("directory", \.directory,
                      ValueRule { complaint(unless: !$0.isEmpty, "must name a directory, e.g. runs/default") },
                      hint: "where checkpoints go, e.g. runs/default",
                      doc: "Where checkpoints and the metrics log (JSON lines) go; created if absent"),
            .key("keep_best", \.keepBest, .nonNegative(zeroMeans: "none"),
                 doc: "best checkpoints (by validation metric) kept; 0 = none"),
            .key("keep_last", \.keepLast, .nonNegative(zeroMeans: "none"),
                 also: { complaint(unless: $0.keepBest + $0.keepLast > 0,
                                   "keep_best and keep_last are both 0, so no checkpoint would be written") },
                 doc: "most recent checkpoints kept, for --resume; 0 = none; keep_best and keep_last cannot both be 0"),
            .key("log_every", \.logEvery, .positive, doc: "updates between training log lines; a positive integer"),
        ]
    }
}

extension TrainingConfiguration.OutputSection {
    /// A directory that cannot be one because a file is in the way.
    func blockedDirectory(relativeTo baseDirectory: String) -> (key: String, message: String)? {
        let path = FilePaths.resolve(directory, against: baseDirectory)
        guard FilePaths.exists(path), !FilePaths.isDirectory(path) else { return nil }
        return ("directory", "\(path) exists and is not a directory")
    }
}
