import ArgumentParser
import Files
import Foundation
import Translation
import Search
import Training

/// `nmt shortlist --checkpoint C --output OUT`: learns the output shortlist from the checkpoint's
/// training data and writes a copy of the checkpoint that holds it.
struct ShortlistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shortlist",
        abstract: "Learn which output units to score for a source (a lexical shortlist) and add it to a copy of a checkpoint.",
        discussion: """
            Reads the training pairs the checkpoint's configuration names (data.train, relative \
            to the current directory as for `nmt train`) through the checkpoint's own text \
            processing. For each source unit it keeps the target units with the highest Dice \
            coefficient of co-occurrence in the same pairs, plus the most frequent target units. \
            translate and evaluate then score only the candidates of each batch's source units \
            (`--shortlist off` scores the whole vocabulary). The copy holds no optimizer state: \
            it translates and evaluates, training cannot resume from it.
            """
    )

    @Option(help: "The checkpoint whose model and training data to use.")
    var checkpoint: String

    @Option(help: "Where to write the checkpoint with the shortlist (must not exist).")
    var output: String

    @Option(parsing: .unconditional, help: "Most frequent target units always scored, 0-100000.")
    var frequent: Int = 100

    @Option(name: .customLong("per-source"), parsing: .unconditional, help: "Target units kept per source unit, 1-100000.")
    var perSource: Int = 50

    func validate() throws {
        try RangeCheck.check(frequent, in: 0...100_000, "--frequent")
        try RangeCheck.check(perSource, in: 1...100_000, "--per-source")
        guard output != checkpoint else { throw ValidationError("--output \(output) is the input checkpoint; write elsewhere") }
    }

    func run() throws {
        guard !FileManager.default.fileExists(atPath: output) else {
            throw UsageFailure(message: "\(output) exists; choose another --output (nothing is overwritten)")
        }
        let loaded = try ModelCheckpoint.load(from: checkpoint)
        let data = try TrainingData(loaded.configuration, codec: loaded.codec)
        let shortlist = Shortlist.learn(data.pairs.map { ($0.source, $0.target) },
                                        sourceVocabularySize: loaded.codec.sourceVocabulary.count,
                                        targetVocabularySize: loaded.codec.targetVocabulary.count,
                                        frequent: frequent, perSource: perSource)
        try ModelCheckpoint.save(to: output, model: loaded.model, optimizer: nil, codec: loaded.codec,
                                 configuration: loaded.configuration, state: nil, shortlist: shortlist)
        let sizes = (0..<loaded.codec.sourceVocabulary.count).map { shortlist.candidates(for: [Int32($0)]).count }
        let mean = Double(sizes.reduce(0, +)) / Double(max(sizes.count, 1))
        let standardOutput = LineWriter.standardOutput()
        try standardOutput.write("shortlist of \(data.pairs.count) pairs: \(shortlist.frequent.count) frequent units + up to \(perSource) "
            + "per source unit (\(Int(mean.rounded())) candidates for one source unit on average, of \(loaded.codec.targetVocabulary.count)); "
            + "written to \(output)")
        try standardOutput.flush()
    }
}
