extension TrainingConfiguration {
    /// `training:` — batching, optimizer, learning-rate schedule and when to stop.
    public struct TrainingSection: Codable, Equatable, Sendable {
        public enum Schedule: String, CaseIterable, Codable, Sendable, ConfigurationValue {
            /// learning_rate throughout (after the optional warm-up).
            case constant
            /// Multiply by plateau_factor after plateau_patience validations without improvement.
            case plateau
            /// learning_rate × √(warmup_updates / update) once warm-up is over.
            case inverseSqrt = "inverse_sqrt"
        }

        /// Seeds parameter initialization, dropout and the batch order.
        public var seed = 1
        /// Sentences per batch; ignored when batchTokens > 0.
        public var batchSize = 64
        /// Target tokens per batch, padding included, instead of a sentence count; 0 = off.
        public var batchTokens = 0
        public var epochs = 10
        /// 0 = no limit.
        public var maxUpdates = 0
        /// Wall-time budget in minutes; 0 = none.
        public var maxMinutes: Double = 0
        public var learningRate: Float = 0.001
        public var adamBeta1: Float = 0.9
        public var adamBeta2: Float = 0.999
        /// Largest global gradient norm; 0 = no clipping.
        public var clipNorm: Float = 1.0
        public var labelSmoothing: Float = 0.1
        public var schedule = Schedule.constant
        /// Updates of linear warm-up from 0 to learning_rate; 0 = none.
        public var warmupUpdates = 0
        public var plateauFactor: Float = 0.5
        public var plateauPatience = 2
        /// The schedule never goes below this.
        public var minLearningRate: Float = 1.0e-5

        enum CodingKeys: String, CodingKey, CaseIterable {
            case seed
            case batchSize = "batch_size"
            case batchTokens = "batch_tokens"
            case epochs
            case maxUpdates = "max_updates"
            case maxMinutes = "max_minutes"
            case learningRate = "learning_rate"
            case adamBeta1 = "adam_beta1"
            case adamBeta2 = "adam_beta2"
            case clipNorm = "clip_norm"
            case labelSmoothing = "label_smoothing"
            case schedule
            case warmupUpdates = "warmup_updates"
            case plateauFactor = "plateau_factor"
            case plateauPatience = "plateau_patience"
            case minLearningRate = "min_learning_rate"
        }

        public init() {}

        /// Largest `batch_size` (sentences) and `batch_tokens`.
        public static let maximumBatchSize = 100_000
        public static let maximumBatchTokens = 10_000_000

        /// Target tokens per batch at most: the budget, or sentences × the longest pair kept.
        func batchTokenBound(maxLength: Int) -> Int {
            batchTokens > 0 ? batchTokens : batchSize * maxLength
        }
    }
}

extension TrainingConfiguration.TrainingSection: ConfigurationSection {
    init(reading reader: SectionReader<CodingKeys>) throws {
        try reader.read(.seed, into: &seed)
        try reader.read(.batchSize, into: &batchSize)
        try reader.read(.batchTokens, into: &batchTokens)
        try reader.read(.epochs, into: &epochs)
        try reader.read(.maxUpdates, into: &maxUpdates)
        try reader.read(.maxMinutes, into: &maxMinutes)
        try reader.read(.learningRate, into: &learningRate)
        try reader.read(.adamBeta1, into: &adamBeta1)
        try reader.read(.adamBeta2, into: &adamBeta2)
        try reader.read(.clipNorm, into: &clipNorm)
        try reader.read(.labelSmoothing, into: &labelSmoothing)
        try reader.read(.schedule, into: &schedule)
        try reader.read(.warmupUpdates, into: &warmupUpdates)
        try reader.read(.plateauFactor, into: &plateauFactor)
        try reader.read(.plateauPatience, into: &plateauPatience)
        try reader.read(.minLearningRate, into: &minLearningRate)
    }

    var checks: ValueChecks<CodingKeys> {
        var checks = ValueChecks<CodingKeys>()
        checks.nonNegative(seed, .seed, zeroMeans: "a seed like any other")
        checks.size(batchSize, .batchSize, maximum: Self.maximumBatchSize)
        checks.nonNegative(batchTokens, .batchTokens, zeroMeans: "batches of batch_size sentences", maximum: Self.maximumBatchTokens)
        checks.positive(epochs, .epochs)
        checks.nonNegative(maxUpdates, .maxUpdates, zeroMeans: "no limit")
        checks.nonNegative(maxMinutes, .maxMinutes)
        checks.positive(learningRate, .learningRate)
        checks.fraction(adamBeta1, .adamBeta1)
        checks.fraction(adamBeta2, .adamBeta2)
        checks.nonNegative(clipNorm, .clipNorm)
        checks.fraction(labelSmoothing, .labelSmoothing)
        checks.nonNegative(warmupUpdates, .warmupUpdates, zeroMeans: "no warm-up")
        // inverse_sqrt decays from the peak reached at the end of warm-up; without one it has
        // no scale.
        checks.require(schedule != .inverseSqrt || warmupUpdates > 0, .warmupUpdates,
                       "must be positive with schedule inverse_sqrt, found \(warmupUpdates)")
        checks.shrinkingFactor(plateauFactor, .plateauFactor)
        checks.positive(plateauPatience, .plateauPatience)
        checks.nonNegative(minLearningRate, .minLearningRate)
        checks.require(minLearningRate <= learningRate, .minLearningRate,
                       "must not exceed learning_rate (\(learningRate)), found \(minLearningRate)")
        return checks
    }
}
