import Autodiff
import YAMLConfiguration
extension TrainingConfiguration {
    /// `training:` — batching, optimizer, learning-rate schedule and when to stop.
    public struct TrainingSection: Equatable, Sendable {
        public enum Schedule: String, CaseIterable, Codable, Sendable, ConfigurationValue {
            /// learning_rate throughout (after the optional warm-up).
            case constant
            /// Multiply by plateau_factor after plateau_patience validations without improvement.
            case plateau
            /// learning_rate × √(warmup_updates / update) once warm-up is over.
            case inverseSqrt = "inverse_sqrt"
        }

        public enum Precision: String, CaseIterable, Codable, Sendable, ConfigurationValue {
            /// Products on float32 inputs (OpenBLAS).
            case fp32
            /// Products on inputs rounded to bfloat16 with float32 sums (AVX-512 BF16 kernels);
            /// weights, gradients and Adam stay float32.
            case bf16

            /// Also "float32", as `--precision` of translate, evaluate and serve spells it.
            public init?(rawValue: String) {
                switch rawValue {
                case "fp32", "float32": self = .fp32
                case "bf16": self = .bf16
                default: return nil
                }
            }

            /// The thread setting the training workers run their products in.
            public var products: ProductPrecision { self == .bf16 ? .bfloat16 : .float32 }
        }

        /// Seeds parameter initialization, dropout and the batch order.
        public var seed = 1
        /// Sentences per batch; ignored when batchTokens > 0.
        public var batchSize = 64
        /// Target tokens per batch, padding included, instead of a sentence count; 0 = off.
        public var batchTokens = 0
        /// Batches whose gradients are summed before each update (gradient accumulation): an
        /// update covers `accumulate` × the batch size, computed one batch's worth at a time.
        public var accumulate = 1
        public var epochs = 10
        /// 0 = no limit.
        public var maxUpdates = 0
        /// Wall-time budget in minutes; 0 = none.
        public var maxMinutes: Double = 0
        public var learningRate: Float = 0.001
        public var adamBeta1: Float = 0.9
        public var adamBeta2: Float = 0.999
        /// λ of the L2 term λ·p that Adam adds to each gradient; 0 = none.
        public var weightDecay: Float = 0
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
        /// Updates in a row skipped for a non-finite loss or gradient after which training stops.
        public var maxSkippedUpdates = 10
        /// Seconds a rank of an mpirun job may wait for another in a collective before the job
        /// ends, naming the rank that made no progress; 0 = wait for ever.
        public var rankTimeoutSeconds = 300
        /// The inputs of the training products (forward and backward passes).
        public var precision = Precision.fp32

        public init() {}

        /// Largest `batch_size` (sentences) and `batch_tokens`.
        public static let maximumBatchSize = 100_000
        public static let maximumBatchTokens = 10_000_000
        /// Largest `accumulate`.
        public static let maximumAccumulate = 1_000

        /// Target tokens per batch at most: the budget, or sentences × the longest pair kept.
        func batchTokenBound(maxLength: Int) -> Int {
            batchTokens > 0 ? batchTokens : batchSize * maxLength
        }
    }
}

extension TrainingConfiguration.TrainingSection: ConfigurationSection {
    package static var template: Self { Self() }

    package static var keys: [ConfigurationKey<Self>] {
        [
            .key("seed", \.seed, .nonNegative(zeroMeans: "a seed like any other"),
                 doc: "seeds initialization, dropout and batch order; an integer ≥ 0; same seed and data give the same run"),
            .key("batch_size", \.batchSize, .size(maximum: maximumBatchSize),
                 doc: "sentence pairs per batch; a positive integer, at most \(maximumBatchSize); ignored when batch_tokens > 0"),
            .key("batch_tokens", \.batchTokens, .nonNegative(zeroMeans: "batches of batch_size sentences", maximum: maximumBatchTokens),
                 doc: "token budget per batch instead: target tokens including padding; 0 = use batch_size, else at most \(maximumBatchTokens)"),
            // An update's batch, accumulate × batch_size (or batch_tokens), obeys the batch limits too.
            .key("accumulate", \.accumulate, .size(maximum: maximumAccumulate),
                 also: { section in
                     let (size, limit, key) = section.batchTokens > 0 ? (section.batchTokens, maximumBatchTokens, "batch_tokens")
                         : (section.batchSize, maximumBatchSize, "batch_size")
                     return complaint(unless: section.accumulate * size <= limit,
                                      "accumulate × \(key) must be at most \(limit), found \(section.accumulate) × \(size)")
                 },
                 doc: "batches per update (gradient accumulation): each update sums the gradients of accumulate batches, one at a time, as one batch accumulate times larger would give; with mpirun the ranks share each of them; a positive integer, at most \(maximumAccumulate)"),
            .key("epochs", \.epochs, .positive, doc: "passes over the training data; a positive integer"),
            .key("max_updates", \.maxUpdates, .nonNegative(zeroMeans: "no limit"), doc: "stop after this many updates; 0 = no limit"),
            .key("max_minutes", \.maxMinutes, .nonNegative,
                 doc: "stop after this many minutes of wall time (fractions allowed); 0 = no limit"),
            .key("learning_rate", \.learningRate, .positive, doc: "Adam step size (the peak, after any warm-up); a number > 0"),
            .key("adam_beta1", \.adamBeta1, .fraction, doc: "Adam decay of the gradient mean; at least 0 and less than 1"),
            .key("adam_beta2", \.adamBeta2, .fraction, doc: "Adam decay of the squared-gradient mean; at least 0 and less than 1"),
            .key("weight_decay", \.weightDecay, .nonNegative,
                 doc: "L2 penalty λ: Adam adds λ·p to each parameter's (clipped) gradient before its moments, as PyTorch's Adam(weight_decay=λ) does (not AdamW's decoupled decay); ≥ 0; 0 = none"),
            .key("clip_norm", \.clipNorm, .nonNegative,
                 doc: "largest global gradient norm, larger gradients are scaled down to it; 0 = no clipping"),
            .key("label_smoothing", \.labelSmoothing, .fraction,
                 doc: "probability mass spread over the other target words; at least 0 and less than 1; 0 = plain cross entropy"),
            .key("schedule", \.schedule,
                 doc: "learning-rate schedule: constant, plateau (multiply by plateau_factor when validation stalls) or inverse_sqrt (learning_rate × √(warmup_updates / update) after warm-up)"),
            // inverse_sqrt decays from the peak reached at the end of warm-up; without one it has
            // no scale.
            .key("warmup_updates", \.warmupUpdates, .nonNegative(zeroMeans: "no warm-up"),
                 also: { complaint(unless: $0.schedule != .inverseSqrt || $0.warmupUpdates > 0,
                                   "must be positive with schedule inverse_sqrt, found \($0.warmupUpdates)") },
                 doc: "updates of linear warm-up from 0 to learning_rate; required > 0 for inverse_sqrt, optional for the others; 0 = none"),
            .key("plateau_factor", \.plateauFactor, .shrinkingFactor,
                 doc: "plateau schedule: multiply the learning rate by this; greater than 0 and less than 1"),
            .key("plateau_patience", \.plateauPatience, .positive,
                 doc: "plateau schedule: …after this many validations without improvement; a positive integer"),
            .key("min_learning_rate", \.minLearningRate, .nonNegative,
                 also: { complaint(unless: $0.minLearningRate <= $0.learningRate,
                                   "must not exceed learning_rate (\($0.learningRate)), found \($0.minLearningRate)") },
                 doc: "the schedule never goes below this; at least 0 and at most learning_rate"),
            .key("max_skipped_updates", \.maxSkippedUpdates, .positive,
                 doc: "an update whose loss or gradient norm is not finite is skipped (weights and Adam moments untouched, logged); this many in a row stop training, the last checkpoint intact; a positive integer"),
            .key("rank_timeout_seconds", \.rankTimeoutSeconds, .nonNegative(zeroMeans: "wait for ever"),
                 doc: "mpirun: a rank that makes no progress for this many seconds (stopped, hung, far behind) ends the job with a message naming it; must exceed one validation, which the other ranks wait for; 0 = wait for ever"),
            .key("precision", \.precision,
                 doc: "inputs of the training products: fp32 (or float32), or bf16 (rounded to bfloat16, sums in float32, on CPUs with AVX-512 BF16; elsewhere fp32, said in the log); weights, gradients, Adam, validation and decoding stay float32"),
        ]
    }
}
