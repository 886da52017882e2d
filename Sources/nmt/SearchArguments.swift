import ArgumentParser
import Search

/// The search options of translate and evaluate, decoded into `SearchSettings` and checked
/// against `SearchSettings.Limits`, as the YAML keys and the HTTP fields are; unset ones come from
/// the checkpoint's configuration (its `translation` section).
struct SearchArguments: ParsableArguments {
    private typealias Limits = SearchSettings.Limits

    // `.unconditional`: "--beam -1" reaches validate() as -1 (and is refused with the range)
    // instead of being taken for an option and reported as a missing value.
    @Option(parsing: .unconditional,
            help: "Beam size, \(Limits.beam.lowerBound)-\(Limits.beam.upperBound) (1 = greedy search).")
    var beam: Int?

    @Option(name: .customLong("length-penalty"), parsing: .unconditional,
            help: "α in score / length^α, \(Limits.lengthPenalty.lowerBound.plainText)-\(Limits.lengthPenalty.upperBound.plainText).")
    var lengthPenalty: Float?

    @Option(name: .customLong("max-length-ratio"), parsing: .unconditional,
            help: "Longest output: ratio × source length + 10; greater than 0, at most \(Limits.maxLengthRatio.plainText).")
    var maxLengthRatio: Float?

    @Option(name: .customLong("batch-size"), parsing: .unconditional,
            help: "Sentences decoded together, \(Limits.batchSize.lowerBound)-\(Limits.batchSize.upperBound).")
    var batchSize: Int = SearchSettings().batchSize

    @Option(name: .customLong("no-repeat-ngram"), parsing: .unconditional,
            help: "Never repeat an n-gram of this many units in one output, \(Limits.noRepeatNGram.lowerBound)-\(Limits.noRepeatNGram.upperBound) (0 = off).")
    var noRepeatNGram: Int = 0

    @Option(name: .customLong("min-length-ratio"), parsing: .unconditional,
            help: "Shortest output: ratio × source length, \(Limits.minLengthRatio.lowerBound.plainText)-\(Limits.minLengthRatio.upperBound.plainText) (0 = off).")
    var minLengthRatio: Float = 0

    @Option(help: "on: score only the checkpoint's shortlist of output units (see `nmt shortlist`), when it has one; off: the whole vocabulary.")
    var shortlist: Switch = .on

    enum Switch: String, ExpressibleByArgument, CaseIterable {
        case on, off
    }

    func validate() throws {
        if let beam { try RangeCheck.check(beam, in: Limits.beam, "--beam") }
        if let lengthPenalty { try RangeCheck.check(lengthPenalty, in: Limits.lengthPenalty, "--length-penalty") }
        if let maxLengthRatio { try RangeCheck.check(maxLengthRatio, aboveZeroUpTo: Limits.maxLengthRatio, "--max-length-ratio") }
        try RangeCheck.check(batchSize, in: Limits.batchSize, "--batch-size")
        try RangeCheck.check(noRepeatNGram, in: Limits.noRepeatNGram, "--no-repeat-ngram")
        try RangeCheck.check(minLengthRatio, in: Limits.minLengthRatio, "--min-length-ratio")
    }

    /// `defaults` (a checkpoint's `translation` section) with the options given here.
    func settings(defaults: SearchSettings) -> SearchSettings {
        var settings = defaults
        if let beam { settings.beam = beam }
        if let lengthPenalty { settings.lengthPenalty = lengthPenalty }
        if let maxLengthRatio { settings.maxLengthRatio = maxLengthRatio }
        settings.batchSize = batchSize
        settings.noRepeatNGram = noRepeatNGram
        settings.minLengthRatio = minLengthRatio
        settings.useShortlist = shortlist == .on
        return settings
    }
}
