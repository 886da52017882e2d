import ArgumentParser

/// The documented range of every numeric option (in `--help` and the README). A value outside
/// is a usage error (status 2) naming the option and its range, raised before anything is read.
/// The bounds keep time and memory in reach: beam search keeps beam × batch-size hypotheses,
/// each scoring the whole target vocabulary at every step of up to
/// max-length-ratio × source length + 10 steps.
enum OptionLimits {
    static let beam = 1...100
    static let nBest = 1...100
    static let batchSize = 1...1024
    static let lengthPenalty: ClosedRange<Float> = 0...10
    static let noRepeatNGram = 0...10
    static let minLengthRatio: ClosedRange<Float> = 0...10
    /// Each weight of an ensemble (they are scaled to sum to 1).
    static let ensembleWeight: ClosedRange<Float> = 0.001...1000
    /// Exclusive of 0: the ratio must be greater than 0 and at most this.
    static let maxLengthRatio: Float = 10
    static let bpeMerges = 0...1_000_000
    static let bpeMinFrequency = 1...1_000_000_000

    static func check(_ value: Int, in range: ClosedRange<Int>, _ option: String) throws {
        guard range.contains(value) else {
            throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
        }
    }

    /// NaN and infinities are refused too (a NaN is in no range, but reads as one in a message).
    static func check(_ value: Float, in range: ClosedRange<Float>, _ option: String) throws {
        guard value.isFinite, range.contains(value) else {
            throw ValidationError("\(option) must be a number between \(format(range.lowerBound)) and \(format(range.upperBound)), not \(value)")
        }
    }

    static func checkMaxLengthRatio(_ value: Float, _ option: String) throws {
        guard value.isFinite, value > 0, value <= maxLengthRatio else {
            throw ValidationError("\(option) must be a number greater than 0 and at most \(format(maxLengthRatio)), not \(value)")
        }
    }

    /// 10 rather than 10.0.
    private static func format(_ value: Float) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
