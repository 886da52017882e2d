import Autodiff

/// Everything besides the weights and the optimizer moments that a resumed run needs to continue
/// exactly where training stopped.
public struct TrainingState: Codable, Equatable, Sendable {
    /// Updates done so far.
    public var update = 0
    /// The epoch in progress (1-based) and how many of its batches are done.
    public var epoch = 1
    public var batchInEpoch = 0
    /// The dropout generator's state.
    public var generator: [UInt64]
    /// Best validation score so far (BLEU, or −loss), higher is better.
    public var bestScore: Double?
    public var bestUpdate = 0
    public var validationsWithoutImprovement = 0
    public var schedule: LearningRateSchedule
    /// Training time before this run (resumed runs add theirs).
    public var elapsedSeconds: Double = 0
    /// Kept checkpoints: the best ones with their scores, and the latest ones.
    public var bestCheckpoints: [ScoredPath] = []
    public var recentCheckpoints: [String] = []

    public struct ScoredPath: Codable, Equatable, Sendable {
        public var path: String
        public var score: Double

        public init(path: String, score: Double) {
            self.path = path
            self.score = score
        }
    }

    public init(seed: UInt64, schedule: LearningRateSchedule) {
        generator = SeededGenerator(seed: seed).stateWords
        self.schedule = schedule
    }
}
