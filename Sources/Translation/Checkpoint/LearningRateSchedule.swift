/// The learning rate as training goes.
/// - constant: the base rate (after an optional linear warm-up).
/// - plateau: multiplied by `factor` after `patience` validations without improvement, never
///   below the minimum.
/// - inverse_sqrt: linear warm-up to the base rate over W updates, then base · √(W / update).
public struct LearningRateSchedule: Codable, Equatable, Sendable {
    public var kind: TrainingConfiguration.TrainingSection.Schedule
    public var base: Float
    public var warmup: Int
    public var factor: Float
    public var patience: Int
    public var minimum: Float
    /// The plateau schedule's current rate (it moves only at validations).
    public private(set) var plateauRate: Float
    public private(set) var validationsWithoutImprovement = 0

    public init(_ training: TrainingConfiguration.TrainingSection) {
        kind = training.schedule
        base = training.learningRate
        warmup = training.warmupUpdates
        factor = training.plateauFactor
        patience = training.plateauPatience
        minimum = training.minLearningRate
        plateauRate = training.learningRate
    }

    /// The rate for update number `update` (1-based).
    public func rate(at update: Int) -> Float {
        let warm: Float = warmup > 0 && update < warmup ? Float(update) / Float(warmup) : 1
        switch kind {
        case .constant: return base * warm
        case .plateau: return plateauRate * warm
        case .inverseSqrt:
            if warmup > 0 && update < warmup { return base * warm }
            return base * (Float(max(warmup, 1)) / Float(max(update, 1))).squareRoot()
        }
    }

    /// Records a validation outcome (plateau decay).
    public mutating func validated(improved: Bool) {
        guard kind == .plateau else { return }
        if improved {
            validationsWithoutImprovement = 0
        } else {
            validationsWithoutImprovement += 1
            if validationsWithoutImprovement >= patience {
                plateauRate = max(minimum, plateauRate * factor)
                validationsWithoutImprovement = 0
            }
        }
    }
}
