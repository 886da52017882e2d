import Batching
import Foundation
import TestSupport
@testable import Training
@testable import Translation
import XCTest

/// Prepared training data: the file written once and reused, TSV and file-pair corpora alike,
/// several corpora with weights, and bounded reading.
final class PreparedDataTests: XCTestCase {
    /// A directory of corpus files and configurations made from YAML text.
    struct Corpora {
        let path: String

        init() throws { path = try TemporaryDirectory.create() }

        func write(_ lines: [String], to name: String) throws {
            try (lines.joined(separator: "\n") + "\n").write(toFile: "\(path)/\(name)", atomically: true, encoding: .utf8)
        }

        /// Source and target lines as `name.en`, `name.de`.
        func writePairs(_ pairs: [(String, String)], prefix name: String) throws {
            try write(pairs.map(\.0), to: "\(name).en")
            try write(pairs.map(\.1), to: "\(name).de")
        }

        /// The configuration with `train` (YAML after `train:`) and extra data lines.
        func configuration(train: String, data extra: String = "", segmentation: String = "  kind: word\n",
                           output: String = "run") throws -> TrainingConfiguration {
            let yaml = "data:\n  train: \(train)\n  valid: \(path)/valid\n  source_language: en\n  target_language: de\n\(extra)"
                + "segmentation:\n\(segmentation)model:\n  embedding_size: 8\n  encoder_hidden_size: 8\n  decoder_hidden_size: 8\n"
                + "  attention_size: 8\n  pre_output_size: 8\noutput:\n  directory: \(path)/\(output)\n"
            return try TrainingConfiguration(yaml: yaml, name: "test.yaml", baseDirectory: path)
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Sentences of a few words drawn from a small lexicon, each pair distinct.
    static func sentences(_ count: Int, seed: Int) -> [(String, String)] {
        let words = ["a", "man", "dog", "runs", "red", "ball", "two", "women", "sit", "on", "bench", "the", "street"]
        return (0..<count).map { i in
            let length = 2 + (i * 7 + seed) % 6
            let source = (0..<length).map { words[(i * 31 + $0 * 17 + seed) % words.count] }.joined(separator: " ")
            return (source + " \(i)", source.uppercased() + " \(i)")
        }
    }

    func testTabSeparatedAndFilePairCorporaGiveIdenticalPreparedData() throws {
        let corpora = try Corpora()
        defer { corpora.remove() }
        let pairs = Self.sentences(500, seed: 3)
        try corpora.writePairs(pairs, prefix: "train")
        try corpora.write(pairs.map { "\($0.0)\t\($0.1)" }, to: "train.tsv")
        try corpora.writePairs(Array(pairs.prefix(10)), prefix: "valid")
        let files = try TrainingData(corpora.configuration(train: "\(corpora.path)/train", output: "files"))
        let tsv = try TrainingData(corpora.configuration(train: "[{path: \(corpora.path)/train.tsv, format: tsv}]", output: "tsv"))
        XCTAssertEqual(files.train.count, 500)
        XCTAssertEqual(tsv.train.count, 500)
        XCTAssertEqual(files.codec.sourceVocabulary, tsv.codec.sourceVocabulary)
        XCTAssertEqual(files.codec.targetVocabulary, tsv.codec.targetVocabulary)
        XCTAssertEqual(files.pairs, tsv.pairs)
        XCTAssertEqual(files.pairs[7], EncodedPair(source: files.codec.encodeSource(pairs[7].0), target: files.codec.encodeTarget(pairs[7].1)))
        // The ids sections of the two files are the same bytes.
        let a = try Data(contentsOf: URL(fileURLWithPath: files.train.path)), b = try Data(contentsOf: URL(fileURLWithPath: tsv.train.path))
        let idsEnd = files.train.metadata.lengthsOffset
        XCTAssertEqual(a[0..<idsEnd], b[0..<idsEnd])
        XCTAssertEqual(files.train.metadata.idBytes, 2)
    }

    func testPreparedDataIsReusedAndPreparedAgainWhenTheCorpusOrSettingsChange() throws {
        let corpora = try Corpora()
        defer { corpora.remove() }
        try corpora.writePairs(Self.sentences(300, seed: 1), prefix: "train")
        try corpora.writePairs(Self.sentences(5, seed: 2), prefix: "valid")
        func prepare(_ configuration: TrainingConfiguration, codec: TextCodec? = nil) throws -> (TrainingData, [String]) {
            var lines: [String] = []
            let data = try TrainingData(configuration, codec: codec, log: { lines.append($0) })
            return (data, lines)
        }
        let shared = "  prepared_directory: \(corpora.path)/prepared\n"
        let configuration = try corpora.configuration(train: "\(corpora.path)/train", data: shared)
        let (first, firstLog) = try prepare(configuration)
        XCTAssertTrue(firstLog.contains { $0.hasPrefix("prepared 300 pairs") }, "\(firstLog)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(corpora.path)/prepared/train.nmtdata"))

        // Another output directory, the same corpus and settings: reused, codec and all.
        let (again, againLog) = try prepare(try corpora.configuration(train: "\(corpora.path)/train", data: shared, output: "other"))
        XCTAssertEqual(againLog.first, "reusing the prepared training data \(corpora.path)/prepared/train.nmtdata: 300 pairs")
        XCTAssertEqual(again.codec.sourceVocabulary, first.codec.sourceVocabulary)
        XCTAssertEqual(again.pairs, first.pairs)
        // Resuming with the codec it was made with: reused too.
        XCTAssertTrue(try prepare(configuration, codec: first.codec).1.first?.hasPrefix("reusing") == true)

        // A text setting changed: prepared again, saying why.
        let lowercase = try corpora.configuration(train: "\(corpora.path)/train", data: shared + "  lowercase: true\n")
        let (_, settingsLog) = try prepare(lowercase)
        XCTAssertTrue(settingsLog.first?.contains("the text settings (data or segmentation section) changed") == true, "\(settingsLog)")

        // One line of the corpus changed: prepared again.
        var pairs = Self.sentences(300, seed: 1)
        pairs[150].1 = "ein anderer satz"
        try corpora.writePairs(pairs, prefix: "train")
        let (changed, corpusLog) = try prepare(lowercase)
        XCTAssertTrue(corpusLog.first?.contains("the training corpora or data.filters changed") == true, "\(corpusLog)")
        XCTAssertEqual(changed.pairs[150].target, changed.codec.encodeTarget("ein anderer satz"))
    }

    /// Two corpora of 300 pairs, weights 1 and 4: over 2,000 batches of 16 drawn by the
    /// trainer's batcher, the pairs of the second make 4/5 of those drawn, within 2%.
    func testWeightsSetTheShareOfBatchesDrawnFromEachCorpus() throws {
        let corpora = try Corpora()
        defer { corpora.remove() }
        try corpora.writePairs(Self.sentences(300, seed: 1), prefix: "general")
        try corpora.writePairs(Self.sentences(300, seed: 5).map { ("in domain " + $0.0, "IN DOMAIN " + $0.1) }, prefix: "domain")
        try corpora.writePairs(Self.sentences(5, seed: 2), prefix: "valid")
        let configuration = try corpora.configuration(
            train: "[{path: \(corpora.path)/general}, {path: \(corpora.path)/domain, weight: 4}]")
        let data = try TrainingData(configuration)
        XCTAssertEqual(data.groups, [PairGroup(range: 0..<300, weight: 1), PairGroup(range: 300..<600, weight: 4)])
        let batcher = try Batcher(store: data.train, groups: data.groups, size: .sentences(16), maxLength: 100, seed: 7)
        var drawn = [0, 0], batches = 0, epoch = 1
        while batches < 2000 {
            let plan = batcher.plan(epoch: epoch)
            for batch in plan.prefix(2000 - batches) {
                for index in batch { drawn[index < 300 ? 0 : 1] += 1 }
                batches += 1
            }
            epoch += 1
        }
        let share = Double(drawn[1]) / Double(drawn[0] + drawn[1])
        XCTAssertEqual(share, 0.8, accuracy: 0.02, "in-domain share \(share) of \(drawn)")
        XCTAssertGreaterThan(epoch, 3, "2,000 batches span several epochs")
    }

    /// Half weights: each epoch takes half the pairs, and two epochs take each pair once.
    func testFractionalWeightTakesAnotherPartEachEpoch() throws {
        let store = (0..<100).map { EncodedPair(source: [Int32(4 + $0 % 7)], target: [5]) }
        let batcher = try Batcher(store: store, groups: [PairGroup(range: 0..<100, weight: 0.5)], size: .sentences(8), maxLength: 10, seed: 1)
        let first = batcher.plan(epoch: 1).flatMap { $0 }, second = batcher.plan(epoch: 2).flatMap { $0 }
        XCTAssertEqual(first.count, 50)
        XCTAssertEqual(Set(first + second), Set(0..<100))
    }
}
