import Autodiff

/// Everything besides the weights and the optimizer moments that a resumed run needs to continue
/// exactly where training stopped.
public struct TrainingState: Codable, Equatable, Sendable {
    /// Updates done so far (skipped ones not counted).
    public var update = 0
    /// The epoch in progress (1-based) and how many of its batches are done (skipped ones counted).
    public var epoch = 1
    public var batchInEpoch = 0
    /// The dropout generator's state.
    public var generator: [UInt64]
    /// Best validation score so far (BLEU, or −loss), higher is better.
    public var bestScore: Double?
    public var bestUpdate = 0
    public var validationsWithoutImprovement = 0
    /// The update the last validation ran after (its results are in this state); nil before the
    /// first. A run resumed from a checkpoint written at that update does not validate it again.
    public var lastValidation: Int?
    public var schedule: LearningRateSchedule
    /// Training time before this run (resumed runs add theirs).
    public var elapsedSeconds: Double = 0
    /// Kept checkpoints: the best ones with their scores, and the latest ones.
    public var bestCheckpoints: [ScoredPath] = []
    public var recentCheckpoints: [String] = []
    /// Batches whose update was skipped because their loss or gradient norm was not finite: in
    /// all, and in a row up to now (training.max_skipped_updates stops the run).
    public var skippedUpdates = 0
    public var consecutiveSkippedUpdates = 0

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

    /// Keys added after the first checkpoints were written are optional: a checkpoint without
    /// them reads as a run that never skipped an update and whose last validation is unknown.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        update = try container.decode(Int.self, forKey: .update)
        epoch = try container.decode(Int.self, forKey: .epoch)
        batchInEpoch = try container.decode(Int.self, forKey: .batchInEpoch)
        generator = try container.decode([UInt64].self, forKey: .generator)
        bestScore = try container.decodeIfPresent(Double.self, forKey: .bestScore)
        bestUpdate = try container.decode(Int.self, forKey: .bestUpdate)
        validationsWithoutImprovement = try container.decode(Int.self, forKey: .validationsWithoutImprovement)
        lastValidation = try container.decodeIfPresent(Int.self, forKey: .lastValidation)
        schedule = try container.decode(LearningRateSchedule.self, forKey: .schedule)
        elapsedSeconds = try container.decode(Double.self, forKey: .elapsedSeconds)
        bestCheckpoints = try container.decode([ScoredPath].self, forKey: .bestCheckpoints)
        recentCheckpoints = try container.decode([String].self, forKey: .recentCheckpoints)
        skippedUpdates = try container.decodeIfPresent(Int.self, forKey: .skippedUpdates) ?? 0
        consecutiveSkippedUpdates = try container.decodeIfPresent(Int.self, forKey: .consecutiveSkippedUpdates) ?? 0
    }
}
