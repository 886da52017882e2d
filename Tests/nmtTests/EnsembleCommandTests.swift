import Foundation
import Search
import TestSupport
import Translation
import XCTest

/// `--checkpoint` repeated decodes with an ensemble; its weights and guards are checked options.
final class EnsembleCommandTests: XCTestCase {
    private static var run: TinyRun!

    override class func setUp() { run = try? TinyRun() }
    override class func tearDown() { run = nil }

    private func checkpoint() throws -> String {
        try XCTUnwrap(Self.run, "the tiny training run failed").checkpoint
    }

    private func translate(_ options: [String]) throws -> BuiltExecutable.Result {
        try BuiltExecutable.nmt.run(["translate"] + options, input: "the cat runs .\na dog runs .\n")
    }

    /// A checkpoint in an ensemble with itself translates, scores and evaluates exactly as alone:
    /// the weights are scaled to sum to 1, and averaging equal log-probabilities changes nothing.
    func testACheckpointWithItselfTranslatesAsAlone() throws {
        let path = try checkpoint()
        let alone = try translate(["--checkpoint", path, "--n-best", "2"])
        let twice = try translate(["--checkpoint", path, "--checkpoint", path, "--ensemble-weights", "1,2", "--n-best", "2"])
        XCTAssertEqual(alone.status, 0, alone.error)
        XCTAssertEqual(twice.status, 0, twice.error)
        XCTAssertEqual(twice.output, alone.output)
        // `line ||| translation ||| score`, two per input line.
        let nBest = alone.output.split(separator: "\n").map { $0.components(separatedBy: " ||| ") }
        XCTAssertEqual(nBest.map { $0.first ?? "" }, ["0", "0", "1", "1"], alone.output)
        XCTAssertEqual(nBest.map(\.count), [3, 3, 3, 3], alone.output)

        // Evaluated as an ensemble: the numbers and signatures of the checkpoint alone, which
        // are those `nmt bleu` gives the translations evaluate wrote.
        let single = try evaluation(["--checkpoint", path])
        let ensemble = try evaluation(["--checkpoint", path, "--checkpoint", path])
        XCTAssertEqual(ensemble.json.keys.sorted(), ["beam", "bleu", "bleu_signature", "chrf", "chrf_signature", "seconds", "sentences"])
        for key in ["bleu", "chrf", "sentences", "beam"] {
            XCTAssertEqual(ensemble.json[key] as? Double, single.json[key] as? Double, key)
        }
        for key in ["bleu_signature", "chrf_signature"] {
            XCTAssertEqual(ensemble.json[key] as? String, single.json[key] as? String, key)
        }
        XCTAssertEqual(ensemble.json["sentences"] as? Int, 5)
        XCTAssertEqual(ensemble.translations, single.translations)
        let run = try XCTUnwrap(Self.run)
        let scored = try BuiltExecutable.nmt.run(["bleu", "--reference", run.reference, "--tokenize", "13a", "--chrf", "--json"],
                                                 input: ensemble.translations)
        XCTAssertEqual(scored.status, 0, scored.error)
        let scores = try scored.output.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], scored.output)
        }
        XCTAssertEqual(scores.map { $0["name"] as? String }, ["BLEU", "chrF2"], scored.output)
        guard scores.count == 2 else { return }
        XCTAssertEqual(ensemble.json["bleu"] as? Double, scores[0]["score"] as? Double)
        XCTAssertEqual(ensemble.json["bleu_signature"] as? String, scores[0]["signature"] as? String)
        XCTAssertEqual(ensemble.json["chrf"] as? Double, scores[1]["score"] as? Double)
        XCTAssertEqual(ensemble.json["chrf_signature"] as? String, scores[1]["signature"] as? String)
    }

    /// `nmt evaluate --json` of the tiny run's test split with these checkpoint options, and the
    /// translations it wrote with `--output`.
    private func evaluation(_ checkpoints: [String]) throws -> (json: [String: Any], translations: String) {
        let run = try XCTUnwrap(Self.run, "the tiny training run failed")
        let translations = run.directory + "/evaluated-\(UUID().uuidString).de"
        let result = try BuiltExecutable.nmt.run(["evaluate"] + checkpoints
                                                 + ["--source", run.source, "--reference", run.reference, "--json", "--output", translations])
        XCTAssertEqual(result.status, 0, result.error)
        let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
        return (try XCTUnwrap(object as? [String: Any], result.output), try String(contentsOfFile: translations, encoding: .utf8))
    }

    func testWeightsMustMatchTheCheckpoints() throws {
        let path = try checkpoint()
        for (weights, message) in [("1,2,3", "--ensemble-weights gives 3 weights for 2 checkpoints"),
                                   ("1,x", "--ensemble-weights takes comma-separated numbers"),
                                   ("1,0", "each of --ensemble-weights must be a number between 0.001 and 1000"),
                                   ("1,nan", "each of --ensemble-weights must be a number between")] {
            let result = try translate(["--checkpoint", path, "--checkpoint", path, "--ensemble-weights", weights])
            XCTAssertEqual(result.status, 2, "\(weights): \(result.error)")
            XCTAssertTrue(result.error.contains(message), "\(weights): \(result.error)")
        }
    }

    /// The guards reach the search: the tiny model repeats words without them; with them no
    /// word pair occurs twice in a line, and the lines are those the library's translator gives.
    func testGuardsAreBoundedAndRun() throws {
        let path = try checkpoint()
        let unguarded = try translate(["--checkpoint", path])
        XCTAssertEqual(unguarded.status, 0, unguarded.error)
        XCTAssertTrue(unguarded.output.split(separator: "\n").contains { Self.repeatedPair(in: $0) != nil },
                      "the unguarded output repeats a word pair, so the guard has something to refuse: \(unguarded.output)")
        let guarded = try translate(["--checkpoint", path, "--no-repeat-ngram", "2", "--min-length-ratio", "0.5"])
        XCTAssertEqual(guarded.status, 0, guarded.error)
        let lines = guarded.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, 2, guarded.output)
        for line in lines {
            XCTAssertNil(Self.repeatedPair(in: line), "--no-repeat-ngram 2: \(line)")
        }
        let loaded = try ModelCheckpoint.load(from: path)
        var settings = loaded.configuration.translation
        settings.noRepeatNGram = 2
        settings.minLengthRatio = 0.5
        let expected = Translator(model: loaded.model, codec: loaded.codec, settings: settings, shortlist: loaded.shortlist)
            .translate(["the cat runs .", "a dog runs ."]).map(\.text)
        XCTAssertEqual(lines.map(String.init), expected)
        for (option, value, message) in [("--no-repeat-ngram", "11", "--no-repeat-ngram must be between 0 and 10"),
                                          ("--no-repeat-ngram", "-1", "--no-repeat-ngram must be between 0 and 10"),
                                          ("--min-length-ratio", "inf", "--min-length-ratio must be a number between 0 and 10")] {
            let result = try translate(["--checkpoint", path, option, value])
            XCTAssertEqual(result.status, 2, "\(option) \(value): \(result.error)")
            XCTAssertTrue(result.error.contains(message), "\(option) \(value): \(result.error)")
        }
    }

    /// The first pair of adjacent words that occurs twice in `line`, if any. Detokenizing only
    /// joins units, so a pair repeated here is a pair of units repeated in the output.
    private static func repeatedPair(in line: Substring) -> String? {
        let words = line.split(separator: " ")
        var seen: Set<String> = []
        for (first, second) in zip(words, words.dropFirst()) where !seen.insert("\(first) \(second)").inserted {
            return "\(first) \(second)"
        }
        return nil
    }
}
