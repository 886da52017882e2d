import YAMLConfiguration
extension TrainingConfiguration {
    /// `output:` — where checkpoints and metrics go, and how many numbered checkpoint copies
    /// stay. Every validation writes `latest.ckpt` (the resume point) and, when it improves,
    /// `best.ckpt`; those two always exist. `keep_last` and `keep_best` count only the numbered
    /// copies beside them, as JoeyNMT's `keep_best_ckpts` and OpenNMT's `keep_checkpoint` do.
    public struct OutputSection: Equatable, Sendable {
        /// Created if absent; holds checkpoints and the metrics log.
        public var directory: String
        /// `best-N.ckpt` copies kept: those of the best validations so far (by
        /// validation.metric), N the update; 0 = none.
        public var keepBest = 1
        /// `update-N.ckpt` copies kept: those of the latest validations, N the update; 0 = none.
        public var keepLast = 1
        /// Updates between training log lines.
        public var logEvery = 100

        public init(directory: String) {
            self.directory = directory
        }
    }
}

extension TrainingConfiguration.OutputSection: ConfigurationSection {
    package static var template: Self { Self(directory: "") }

    package static var keys: [ConfigurationKey<Self>] {
        [
            .required("directory", \.directory,
                      ValueRule { complaint(unless: !$0.isEmpty, "must name a directory, e.g. runs/default") },
                      hint: "where checkpoints go, e.g. runs/default",
                      doc: "Where checkpoints and the metrics log (JSON lines) go; created if absent"),
            .key("keep_best", \.keepBest, .nonNegative(zeroMeans: "none"),
                 doc: "how many of the best validations by validation.metric are kept, best.ckpt (the best model, always written) counting as one: 2 or more adds best-N.ckpt copies (N is the update); 0 or 1 = best.ckpt only"),
            .key("keep_last", \.keepLast, .nonNegative(zeroMeans: "none"),
                 doc: "how many of the most recent validations are kept, latest.ckpt (the resume point, always written) counting as one: 2 or more keeps them as update-N.ckpt copies (for nmt average); 0 or 1 = latest.ckpt only"),
            .key("log_every", \.logEvery, .positive, doc: "updates between training log lines; a positive integer"),
        ]
    }
}

package extension TrainingConfiguration.OutputSection {
    /// A directory that cannot be one because a file is in the way.
    func blockedDirectory(relativeTo baseDirectory: String) -> (key: String, message: String)? {
        let path = FilePaths.resolve(directory, against: baseDirectory)
        guard FilePaths.exists(path), !FilePaths.isDirectory(path) else { return nil }
        return ("directory", "\(path) exists and is not a directory")
    }
}
