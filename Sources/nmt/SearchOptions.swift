import ArgumentParser
import Translation
import Search

/// Search settings shared by translate and evaluate; unset ones come from the checkpoint's
/// configuration (its `translation` section).
struct SearchOptions: ParsableArguments {
    // `.unconditional`: "--beam -1" reaches validate() as -1 (and is refused with the range)
    // instead of being taken for an option and reported as a missing value.
    @Option(parsing: .unconditional, help: "Beam size, 1-100 (1 = greedy search).")
    var beam: Int?

    @Option(name: .customLong("length-penalty"), parsing: .unconditional, help: "α in score / length^α, 0-10.")
    var lengthPenalty: Float?

    @Option(name: .customLong("max-length-ratio"), parsing: .unconditional,
            help: "Longest output: ratio × source length + 10; greater than 0, at most 10.")
    var maxLengthRatio: Float?

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Sentences decoded together, 1-1024.")
    var batchSize: Int = 64

    @Option(name: .customLong("no-repeat-ngram"), parsing: .unconditional,
            help: "Never repeat an n-gram of this many units in one output, 0-10 (0 = off).")
    var noRepeatNGram: Int = 0

    @Option(name: .customLong("min-length-ratio"), parsing: .unconditional,
            help: "Shortest output: ratio × source length, 0-10 (0 = off).")
    var minLengthRatio: Float = 0

    @Option(help: "on: score only the checkpoint's shortlist of output units (see `nmt shortlist`), when it has one; off: the whole vocabulary.")
    var shortlist: Switch = .on

    enum Switch: String, ExpressibleByArgument, CaseIterable {
        case on, off
    }

    func validate() throws {
        if let beam { try OptionLimits.check(beam, in: OptionLimits.beam, "--beam") }
        if let lengthPenalty { try OptionLimits.check(lengthPenalty, in: OptionLimits.lengthPenalty, "--length-penalty") }
        if let maxLengthRatio { try OptionLimits.checkMaxLengthRatio(maxLengthRatio, "--max-length-ratio") }
        try OptionLimits.check(batchSize, in: OptionLimits.batchSize, "--batch-size")
        try OptionLimits.check(noRepeatNGram, in: OptionLimits.noRepeatNGram, "--no-repeat-ngram")
        try OptionLimits.check(minLengthRatio, in: OptionLimits.minLengthRatio, "--min-length-ratio")
    }

    func options(defaults: SearchSettings) -> Translator.Options {
        var options = Translator.Options(defaults)
        if let beam { options.beamSize = beam }
        if let lengthPenalty { options.lengthPenalty = lengthPenalty }
        if let maxLengthRatio { options.maxLengthRatio = maxLengthRatio }
        options.batchSize = batchSize
        options.guards = SearchGuards(noRepeatNGram: noRepeatNGram, minLengthRatio: minLengthRatio)
        options.useShortlist = shortlist == .on
        return options
    }
}
