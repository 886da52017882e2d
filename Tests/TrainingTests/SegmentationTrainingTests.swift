import Foundation
import TestSupport
import Text
@testable import Training
@testable import Translation
import XCTest
import YAMLConfiguration

    /// The Chinese-characters → Thai pair of 400 training and 20 held-out sentences: the fixture,
    /// the held-out lines, and the Thai script's scalars (every output must be written in them).
    private func unspacedPair() throws -> (TrainingFixture, valid: (sources: [String], targets: [String]), thai: Set<Unicode.Scalar>) {
        var indices = LinearCongruentialIndices(seed: 2024)
        let fixture = try TrainingFixture(splits: [("train", UnspacedLanguage.pairs(400, using: &indices)),
                                                   ("valid", UnspacedLanguage.pairs(20, using: &indices))])
        do {
            let valid = try (sources: readLines(fixture.path + "/valid.en"), targets: readLines(fixture.path + "/valid.de"))
            let thai = Set(try readLines(fixture.path + "/train.de").flatMap(\.unicodeScalars))
            return (fixture, valid, thai)
        } catch {
            fixture.remove()
            throw error
        }
    }

/// Training and translating with SentencePiece, characters on a script without spaces, shared
/// vocabularies and the user's own merges, vocabularies and models: what the checkpoint holds,
/// and that it alone translates raw text into raw text.
final class SegmentationTrainingTests: XCTestCase {
    /// A pair written without spaces (Chinese characters → Thai), learned with SentencePiece and
    /// with characters: the checkpoint's codec gives each held-out target line back from its
    /// ids, and the model translates held-out sentences into the target script. Characters run
    /// with `tokenized: true` (the line is one token): Moses' tokenizer, as Moses does, splits a
    /// Thai tone mark from its letter.
    func testAPairWithoutSpacesTrainsWithSentencePieceAndCharacters() throws {
        let (fixture, valid, thai) = try unspacedPair()
        defer { fixture.remove() }
        for (name, segmentation, data, required) in [
            ("sentencepiece", "  kind: sentencepiece\n  vocabulary_size: 40\n  character_coverage: 1", "", 12),
            ("char", "  kind: char", "  tokenized: true\n", 8),
        ] {
            let checkpoint = try train(fixture, segmentation: segmentation, data: data, updates: 400, name: name)
            let codec = checkpoint.codec
            for target in valid.targets {
                let units = codec.targetUnits(target)
                XCTAssertGreaterThan(units.count, 1, "\(name): \(target) is cut into units")
                XCTAssertFalse(units.contains { $0 == Vocabulary.specialTokens[3] }, name)
                XCTAssertEqual(codec.decodeTarget(codec.encodeTarget(target) + [Vocabulary.endID]), target, name)
            }
            let outputs = Translator(model: checkpoint.model, codec: codec).translate(valid.sources).map(\.text)
            for output in outputs {
                XCTAssertFalse(output.isEmpty, name)
                XCTAssertTrue(output.unicodeScalars.allSatisfy(thai.contains), "\(name): '\(output)' is not in the target's script")
            }
            let exact = zip(outputs, valid.targets).filter { $0 == $1 }.count
            XCTAssertGreaterThanOrEqual(exact, required, "\(name): \(exact) of \(outputs.count) held-out sentences translated exactly: \(outputs)")
        }
    }

    /// A SentencePiece run with one shared model (Chinese characters → Thai) whose prepared data
    /// a second run reuses: the reused file gives back the same model and the shared-vocabulary
    /// flag, the second run trains from it without preparing again, and its checkpoint
    /// translates held-out sentences into the target script.
    func testASentencePieceRunReusesItsPreparedDataAndStillTranslates() throws {
        let (fixture, valid, thai) = try unspacedPair()
        defer { fixture.remove() }
        let segmentation = "  kind: sentencepiece\n  vocabulary_size: 60\n  character_coverage: 1\n  share_vocabulary: true"
        let preparedPath = fixture.path + "/prepared/train.nmtdata"
        let data = "  prepared_directory: \(fixture.path)/prepared\n"

        let first = try train(fixture, segmentation: segmentation, data: data, updates: 1, name: "prepares")
        let model = try XCTUnwrap(first.codec.sourceSentencePiece)
        let made = try FileManager.default.attributesOfItem(atPath: preparedPath)

        // The prepared file alone gives the codec back: SentencePiece model, shared flag and all.
        var log: [String] = []
        var configuration = ToyConfiguration(updates: 1, validateEvery: 1)
        configuration.output = "run-reads"
        let text = configuration.yaml(directory: fixture.path)
            .replacingOccurrences(of: "segmentation:\n  kind: word", with: "segmentation:\n" + segmentation)
            .replacingOccurrences(of: "  target_language: de\n", with: "  target_language: de\n" + data)
        let reread = try TrainingData(try TrainingConfiguration(yaml: text, name: "reads.yaml", baseDirectory: fixture.path),
                                      log: { log.append($0) })
        XCTAssertEqual(log.first, "reusing the prepared training data \(preparedPath): 400 pairs", "\(log)")
        XCTAssertEqual(reread.codec.sourceSentencePiece, model)
        XCTAssertEqual(reread.codec.targetSentencePiece, model)
        XCTAssertTrue(reread.codec.settings.sharedVocabulary)
        XCTAssertEqual(reread.codec.sourceVocabulary, first.codec.sourceVocabulary)
        XCTAssertEqual(reread.codec.encodeTarget(valid.targets[0]), first.codec.encodeTarget(valid.targets[0]))

        let second = try train(fixture, segmentation: segmentation, data: data, updates: 400, name: "reuses")
        let after = try FileManager.default.attributesOfItem(atPath: preparedPath)
        XCTAssertEqual(after[.systemFileNumber] as? Int, made[.systemFileNumber] as? Int, "the prepared file was not written again")
        XCTAssertEqual(after[.modificationDate] as? Date, made[.modificationDate] as? Date)
        XCTAssertEqual(second.codec.sourceSentencePiece, model)
        XCTAssertTrue(second.codec.settings.sharedVocabulary)
        let outputs = Translator(model: second.model, codec: second.codec).translate(valid.sources).map(\.text)
        for output in outputs {
            XCTAssertFalse(output.isEmpty)
            XCTAssertTrue(output.unicodeScalars.allSatisfy(thai.contains), "'\(output)' is not in the target's script")
        }
        let exact = zip(outputs, valid.targets).filter { $0 == $1 }.count
        XCTAssertGreaterThanOrEqual(exact, 10, "\(exact) of \(outputs.count) held-out sentences translated exactly: \(outputs)")
    }

    /// Multi30k raw text, cased and untokenized, with one SentencePiece model for both sides:
    /// after the corpus is deleted, `nmt translate` turns raw English lines into cased German
    /// text from the checkpoint alone, and the checkpoint's codec gives every reference line back
    /// exactly from its ids. The same for English→Czech and Czech→English.
    func testMulti30kRawTextWithSentencePieceTranslatesFromTheCheckpointAlone() throws {
        let corpus = try multi30kRawDirectory()
        for (source, target) in [("en", "de"), ("en", "cs"), ("cs", "en")] {
            func lines(_ split: String, _ language: String, _ count: Int) throws -> [String] {
                Array(try readLines("\(corpus)/\(split).\(language)").prefix(count))
            }
            let pairs = { (split: String, count: Int) in
                try zip(lines(split, source, count), lines(split, target, count)).map { TestSupport.SentencePair(source: $0, target: $1) }
            }
            let fixture = try TrainingFixture(splits: [("train", try pairs("train", 3000)), ("valid", try pairs("val", 100))],
                                              languages: (source, target))
            defer { fixture.remove() }
            let references = try lines("val", target, 100)
            var configuration = ToyConfiguration(updates: 300, validateEvery: 300)
            configuration.sizes = [32, 32, 64, 32, 32]
            configuration.batchSize = 32
            configuration.learningRate = "0.005"
            configuration.languages = (source, target)
            let text = configuration.yaml(directory: fixture.path).replacingOccurrences(of: "segmentation:\n  kind: word", with: """
                segmentation:
                  kind: sentencepiece
                  vocabulary_size: 1000
                  character_coverage: 1
                  share_vocabulary: true
                """)
            let checkpointPath = try fixture.train(configurationText: text)
            for language in [source, target] {
                for split in ["train", "valid"] { try FileManager.default.removeItem(atPath: "\(fixture.path)/\(split).\(language)") }
            }

            let checkpoint = try ModelCheckpoint.load(from: checkpointPath)
            let codec = checkpoint.codec
            XCTAssertTrue(codec.settings.sharedVocabulary)
            XCTAssertEqual(codec.sourceVocabulary, codec.targetVocabulary)
            XCTAssertEqual(codec.sourceVocabulary.count, 1000 - 3 + 4, "the model's pieces less <unk> <s> </s>, plus the four specials")
            XCTAssertEqual(checkpoint.model.config.sourceVocabularySize, checkpoint.model.config.targetVocabularySize)
            // Every line made of characters the training text holds (a character it never saw is
            // <unk>: one German line has a no-break space) comes back exactly.
            let seen = Set(try pairs("train", 3000).flatMap { ($0.source + $0.target).unicodeScalars })
            let covered = references.filter { $0.unicodeScalars.allSatisfy(seen.contains) }
            XCTAssertGreaterThanOrEqual(covered.count, 95, target)
            for line in covered {
                XCTAssertEqual(codec.decodeTarget(codec.encodeTarget(line) + [Vocabulary.endID]), line, "\(target): given back from its ids")
            }

            let sources = try lines("test_2016_flickr", source, 20)
            let run = try BuiltExecutable.nmt.run(["translate", "--checkpoint", checkpointPath, "--beam", "2"],
                                                  input: sources.joined(separator: "\n") + "\n")
            XCTAssertEqual(run.status, 0, run.error)
            let outputs = run.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            XCTAssertEqual(outputs.count, sources.count)
            for output in outputs {
                XCTAssertFalse(output.contains("▁") || output.contains("@@"), "\(target): '\(output)' is detokenized")
                XCTAssertFalse(output.hasPrefix(" ") || output.contains("  "), "\(target): '\(output)'")
            }
            let cased = outputs.filter { $0.first?.isUppercase == true }.count
            XCTAssertGreaterThanOrEqual(cased, 15, "\(target): outputs starting with a capital, as the references do: \(outputs)")
        }
    }

    /// `share_vocabulary` gives one vocabulary (and equal model vocabulary sizes) for words,
    /// joint BPE and SentencePiece alike, and the checkpoint records it.
    func testSharedVocabulariesAreOneVocabulary() throws {
        let fixture = try TrainingFixture()
        defer { fixture.remove() }
        for (name, segmentation) in [
            ("word", "  kind: word"),
            ("bpe", "  kind: bpe\n  merges: 20"),
            ("sentencepiece", "  kind: sentencepiece\n  vocabulary_size: 40"),
        ] {
            let checkpoint = try train(fixture, segmentation: segmentation + "\n  share_vocabulary: true", updates: 1, name: name)
            let codec = checkpoint.codec
            XCTAssertTrue(codec.settings.sharedVocabulary, name)
            XCTAssertEqual(codec.sourceVocabulary, codec.targetVocabulary, name)
            XCTAssertEqual(checkpoint.model.config.sourceVocabularySize, checkpoint.model.config.targetVocabularySize, name)
            XCTAssertNotEqual(codec.sourceVocabulary.id(of: codec.sourceUnits("katze").first!), Vocabulary.unknownID,
                              "\(name): German units in the source vocabulary")
            XCTAssertNotEqual(codec.targetVocabulary.id(of: codec.targetUnits("cat").first!), Vocabulary.unknownID,
                              "\(name): English units in the target vocabulary")
            if name == "sentencepiece" {
                XCTAssertEqual(codec.sourceSentencePiece, codec.targetSentencePiece)
            }
        }
        // Separate vocabularies: English words are not German units.
        let separate = try train(fixture, segmentation: "  kind: word", updates: 1, name: "separate")
        XCTAssertFalse(separate.codec.settings.sharedVocabulary)
        XCTAssertEqual(separate.codec.targetVocabulary.id(of: "cat"), Vocabulary.unknownID)
    }

    /// `merges_file`, `vocabulary_files` and `model_file` are used as given, and end up in the
    /// checkpoint, which needs them no more.
    func testTheUsersFilesAreUsedInsteadOfLearning() throws {
        let fixture = try TrainingFixture()
        defer { fixture.remove() }
        let codes = "#version: 0.2\nc a\nca t</w>\nh u\n"
        try codes.write(toFile: fixture.path + "/codes.txt", atomically: true, encoding: .utf8)
        try "cat 10\nthe\n".write(toFile: fixture.path + "/vocab.en", atomically: true, encoding: .utf8)
        try "hu@@ 5\nn@@ 1\nd 1\n".write(toFile: fixture.path + "/vocab.de", atomically: true, encoding: .utf8)
        let bpe = try train(fixture, segmentation: """
              kind: bpe
              merges_file: codes.txt
              vocabulary_files: [vocab.en, vocab.de]
            """, updates: 1, name: "given-bpe", relativeTo: fixture.path)
        XCTAssertEqual(bpe.codec.sourceMerges, try BPEMerges(fileContents: codes))
        XCTAssertEqual(bpe.codec.targetMerges, bpe.codec.sourceMerges)
        XCTAssertEqual(bpe.codec.sourceVocabulary.tokens, Vocabulary.specialTokens + ["cat", "the"])
        XCTAssertEqual(bpe.codec.targetVocabulary.tokens, Vocabulary.specialTokens + ["hu@@", "n@@", "d"])
        XCTAssertEqual(bpe.codec.sourceUnits("cat"), ["cat"], "the given merges c a, ca t</w>")
        XCTAssertEqual(bpe.codec.targetUnits("hund"), ["hu@@", "n@@", "d"], "the given merge h u")
        XCTAssertEqual(bpe.codec.encodeTarget("hund"), [4, 5, 6])
        XCTAssertEqual(bpe.model.config.sourceVocabularySize, 6)

        var indices = LinearCongruentialIndices(seed: 5)
        let model = try SentencePieceTraining(vocabularySize: 40).train(ToyLanguage.small.pairs(200, using: &indices).flatMap { [$0.source, $0.target] })
        try model.write(to: fixture.path + "/toy.model")
        let sentencePiece = try train(fixture, segmentation: "  kind: sentencepiece\n  model_file: toy.model\n  vocabulary_size: 7",
                                      updates: 1, name: "given-model", relativeTo: fixture.path)
        XCTAssertEqual(sentencePiece.codec.sourceSentencePiece, model)
        XCTAssertEqual(sentencePiece.codec.targetSentencePiece, model)
        XCTAssertEqual(sentencePiece.codec.sourceVocabulary, try Vocabulary(sentencePiece: model))
        try FileManager.default.removeItem(atPath: fixture.path + "/toy.model")
        let reloaded = try ModelCheckpoint.load(from: "\(fixture.path)/run-given-model/latest.ckpt")
        XCTAssertEqual(reloaded.codec.targetSentencePiece, model, "the model travels in the checkpoint")
    }

    /// Files that are not what their keys need, and a SentencePiece model the corpus cannot
    /// fill, stop training before it starts, naming file, line and key.
    func testBadInputIsNamedBeforeTrainingStarts() throws {
        let fixture = try TrainingFixture()
        defer { fixture.remove() }
        try "#version: 0.2\nc a\ncat\n".write(toFile: fixture.path + "/codes.txt", atomically: true, encoding: .utf8)
        try "no model".write(toFile: fixture.path + "/bad.model", atomically: true, encoding: .utf8)
        let cases: [(segmentation: String, expected: String)] = [
            ("  merges_file: codes.txt", "\(fixture.path)/codes.txt:3: segmentation.merges_file: not a BPE merges file: expected two symbols"),
            ("  kind: sentencepiece\n  model_file: bad.model", "\(fixture.path)/bad.model: segmentation.model_file: not a SentencePiece model: "),
            ("  kind: sentencepiece\n  vocabulary_size: 5000",
             "\(fixture.path)/train.en: segmentation: SentencePiece training failed: "),
            ("  kind: sentencepiece\n  vocabulary_size: 5000\n  share_vocabulary: true",
             "\(fixture.path)/train.en and \(fixture.path)/train.de: segmentation: SentencePiece training failed"),
        ]
        for (index, (segmentation, expected)) in cases.enumerated() {
            XCTAssertThrowsError(try train(fixture, segmentation: segmentation, updates: 1, name: "bad\(index)", relativeTo: fixture.path)) { error in
                XCTAssertTrue(error is ConfigurationError, "\(error)")
                XCTAssertTrue("\(error)".hasPrefix(expected), "\(error)")
                if segmentation.contains("5000") { XCTAssertTrue("\(error)".contains("Vocabulary size too high (5000)"), "\(error)") }
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: "\(fixture.path)/run-bad\(index)"), "nothing written")
        }
    }

    // MARK: Helpers

    /// Trains the toy configuration with `segmentation` as its segmentation section, in this
    /// process and quietly, into run-NAME; returns the latest checkpoint, loaded.
    /// `data` lines go at the end of the data section.
    private func train(_ fixture: TrainingFixture, segmentation: String, data: String = "", updates: Int, name: String,
                       relativeTo base: String? = nil) throws -> ModelCheckpoint {
        var configuration = ToyConfiguration(updates: updates, validateEvery: max(updates, 1))
        configuration.output = "run-\(name)"
        configuration.sizes = [16, 16, 32, 16, 16]
        let text = configuration.yaml(directory: fixture.path)
            .replacingOccurrences(of: "segmentation:\n  kind: word", with: "segmentation:\n" + segmentation)
            .replacingOccurrences(of: "  target_language: de\n", with: "  target_language: de\n" + data)
        let path = try fixture.writeConfiguration(text, name: "config-\(name).yaml")
        let loaded = try TrainingConfiguration(yaml: text, name: path, baseDirectory: base ?? FileManager.default.currentDirectoryPath)
        let reporter = try TrainingReporter(metricsPath: nil, interactive: false)
        reporter.quiet = true
        let trainer = try Trainer(configuration: loaded, reporter: reporter)
        return try ModelCheckpoint.load(from: try trainer.run().latestCheckpoint)
    }

    /// Multi30k's raw/ folder; the test skips when it is missing.
    private func multi30kRawDirectory() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = ProcessInfo.processInfo.environment["NMT_MULTI30K"]
            ?? root.appendingPathComponent("../shared/corpora/multi30k").standardized.path
        guard FileManager.default.fileExists(atPath: path + "/raw/train.en") else { throw XCTSkip("Multi30k raw text not found at \(path)/raw") }
        return path + "/raw"
    }
}

/// The lines of a UTF-8 text file, without their line ends.
private func readLines(_ path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
}

private extension TrainingFixture {
    /// Trains the configuration `text` with the built `nmt train`; returns its latest checkpoint.
    func train(configurationText text: String) throws -> String {
        let config = try writeConfiguration(text)
        let trained = try BuiltExecutable.nmt.run(["train", "--config", config])
        guard trained.status == 0 else { throw TrainingFailed(message: "nmt train --config \(config) failed: \(trained.error)") }
        return "\(path)/run/latest.ckpt"
    }
}

private struct TrainingFailed: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
