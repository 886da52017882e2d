import Foundation
import TestSupport
import Text
@testable import Translation
import XCTest
@testable import YAMLConfiguration

/// The `segmentation:` keys of SentencePiece, shared vocabularies and the user's own files: read,
/// checked against each other, resolved like the data paths, and their files' problems named.
final class SegmentationSectionTests: XCTestCase {
    private var temporary: TemporaryDirectory!
    private var base: String { temporary.path }

    override func setUpWithError() throws {
        temporary = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: base + "/data", withIntermediateDirectories: true)
        for split in ["train", "valid"] {
            for language in ["en", "de"] { try temporary.file("data/\(split).\(language)", "hello\n") }
        }
    }

    override func tearDownWithError() throws { temporary = nil }

    /// A configuration whose segmentation section is `lines`.
    private func yaml(_ lines: String) -> String {
        """
        data:
          train: data/train
          valid: data/valid
          source_language: en
          target_language: de
        segmentation:
        \(lines)
        output:
          directory: runs/test
        """
    }

    private func parse(_ lines: String) throws -> TrainingConfiguration.SegmentationSection {
        try TrainingConfiguration(yaml: yaml(lines), name: "test.yaml", baseDirectory: base).segmentation
    }

    /// Parsing `lines` fails at `keyPath` with a message holding `fragment`.
    private func assertRefused(_ lines: String, _ reason: ConfigurationError.Reason, keyPath: String, _ fragment: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try parse(lines), file: file, line: line) { error in
            guard let error = error as? ConfigurationError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(error.reason, reason, "\(error)", file: file, line: line)
            XCTAssertEqual(error.keyPath, keyPath, "\(error)", file: file, line: line)
            XCTAssertTrue(error.description.hasPrefix("test.yaml:"), "\(error)", file: file, line: line)
            XCTAssertTrue(error.description.contains(fragment), "'\(fragment)' not in: \(error)", file: file, line: line)
        }
    }

    func testSentencePieceKeysAreRead() throws {
        let section = try parse("""
              kind: sentencepiece
              model_type: bpe
              vocabulary_size: 16000
              character_coverage: 1.0
              share_vocabulary: true
            """)
        XCTAssertEqual(section.kind, .sentencePiece)
        XCTAssertEqual(section.sentencePieceTraining, SentencePieceTraining(modelType: .bpe, vocabularySize: 16000, characterCoverage: 1))
        XCTAssertTrue(section.shareVocabulary)
        XCTAssertNil(section.modelFile)
    }

    func testDefaultsAreSpmTrainsAndSeparateVocabularies() throws {
        let section = try parse("  kind: sentencepiece")
        XCTAssertEqual(section.sentencePieceTraining, SentencePieceTraining(modelType: .unigram, vocabularySize: 8000, characterCoverage: 0.9995))
        XCTAssertFalse(section.shareVocabulary)
        XCTAssertNil(section.mergesFile)
        XCTAssertNil(section.vocabularyFiles)
    }

    /// Relative paths start from the base directory, as the data paths do, and are stored
    /// absolute; a list reads in flow or block form, and one file as a list of one.
    func testFilesAreResolvedAndListsReadInEitherForm() throws {
        try temporary.file("codes.txt", "#version: 0.2\n")
        try temporary.file("vocab.en", "a\n")
        try temporary.file("vocab.de", "b\n")
        try temporary.file("joint.vocab", "a\n")
        let flow = try parse("  merges_file: codes.txt\n  vocabulary_files: [vocab.en, vocab.de]")
        XCTAssertEqual(flow.mergesFile, base + "/codes.txt")
        XCTAssertEqual(flow.vocabularyFiles, [base + "/vocab.en", base + "/vocab.de"])
        let block = try parse("  vocabulary_files:\n    - vocab.en\n    - vocab.de")
        XCTAssertEqual(block.vocabularyFiles, flow.vocabularyFiles)
        let single = try parse("  share_vocabulary: true\n  vocabulary_files: joint.vocab")
        XCTAssertEqual(single.vocabularyFiles, [base + "/joint.vocab"])
    }

    func testAMissingFileIsNamedAtItsKey() {
        assertRefused("  merges_file: nowhere/codes.txt", .missingFile, keyPath: "segmentation.merges_file",
                      "no such file: \(base)/nowhere/codes.txt (relative paths start from \(base))")
        assertRefused("  kind: sentencepiece\n  model_file: /nonexistent/m.model", .missingFile,
                      keyPath: "segmentation.model_file", "no such file: /nonexistent/m.model")
        assertRefused("  kind: word\n  vocabulary_files: [data/train.en, missing.de]", .missingFile,
                      keyPath: "segmentation.vocabulary_files", "no such file: \(base)/missing.de")
    }

    func testKeysThatDoNotFitTheKindAreRefused() throws {
        try temporary.file("codes.txt", "#version: 0.2\n")
        try temporary.file("m.model", "x")
        assertRefused("  kind: word\n  merges_file: codes.txt", .invalidValue, keyPath: "segmentation.merges_file",
                      "applies to kind bpe only (kind is word)")
        assertRefused("  joint: false\n  merges_file: codes.txt", .invalidValue, keyPath: "segmentation.merges_file",
                      "joint must be true")
        assertRefused("  kind: bpe\n  model_file: m.model", .invalidValue, keyPath: "segmentation.model_file",
                      "applies to kind sentencepiece only (kind is bpe)")
        assertRefused("  kind: sentencepiece\n  vocabulary_files: [data/train.en, data/train.de]", .invalidValue,
                      keyPath: "segmentation.vocabulary_files", "the model's pieces are the vocabulary")
        assertRefused("  kind: word\n  vocabulary_files: [data/train.en]", .invalidValue,
                      keyPath: "segmentation.vocabulary_files", "must name two files")
        assertRefused("  kind: word\n  share_vocabulary: true\n  vocabulary_files: [data/train.en, data/train.de]", .invalidValue,
                      keyPath: "segmentation.vocabulary_files", "must name one file with share_vocabulary: true, found 2")
        assertRefused("  joint: false\n  share_vocabulary: true", .invalidValue, keyPath: "segmentation.joint",
                      "a shared vocabulary needs one BPE for both languages")
    }

    func testSentencePieceValuesOutOfRangeAreRefused() {
        assertRefused("  kind: sentencepiece\n  vocabulary_size: 0", .invalidValue, keyPath: "segmentation.vocabulary_size",
                      "must be a positive integer")
        assertRefused("  character_coverage: 1.5", .invalidValue, keyPath: "segmentation.character_coverage",
                      "greater than 0 and at most 1.0")
        assertRefused("  kind: sentencepiece\n  model_type: char", .wrongType, keyPath: "segmentation.model_type",
                      "expected one of unigram, bpe, found 'char'")
        assertRefused("  vocabulary_files: {source: a}", .wrongType, keyPath: "segmentation.vocabulary_files",
                      "expected a list of strings")
    }

    /// A file that exists but is not what its key needs is named with its line, at the key.
    func testABadFileIsNamedWithItsLineAtTheKey() throws {
        var section = TrainingConfiguration.SegmentationSection()
        section.mergesFile = try temporary.file("codes.txt", "#version: 0.2\na b\nc\n")
        XCTAssertThrowsError(try section.givenMerges()) { error in
            XCTAssertEqual("\(error)", "\(base)/codes.txt:3: segmentation.merges_file: not a BPE merges file: "
                + "expected two symbols separated by one space, found 'c'")
        }
        section.vocabularyFiles = [try temporary.file("vocab.en", "a 1\na 2\n"), base + "/vocab.en"]
        XCTAssertThrowsError(try section.givenVocabularies()) { error in
            XCTAssertEqual("\(error)", "\(base)/vocab.en:2: segmentation.vocabulary_files: not a vocabulary file: 'a' already on line 1")
        }
        section.modelFile = try temporary.file("m.model", "not a model")
        XCTAssertThrowsError(try section.givenSentencePieceModel()) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(base)/m.model: segmentation.model_file: not a SentencePiece model: "), "\(error)")
        }
    }

    func testGivenFilesAreRead() throws {
        var section = TrainingConfiguration.SegmentationSection()
        section.mergesFile = try temporary.file("codes.txt", "#version: 0.2\nl o\nlo w</w>\n")
        XCTAssertEqual(try section.givenMerges()?.merges, [.init("l", "o"), .init("lo", "w</w>")])
        section.vocabularyFiles = [try temporary.file("joint", "low 3\nlo@@ 2\n")]
        let shared = try XCTUnwrap(try section.givenVocabularies())
        XCTAssertEqual(shared.source.tokens, Vocabulary.specialTokens + ["low", "lo@@"])
        XCTAssertEqual(shared.target, shared.source)
    }

    /// The configuration a checkpoint stores keeps the new keys, and an older one without them
    /// reads with the defaults.
    func testTheKeysSurviveTheCheckpointsJSON() throws {
        try temporary.file("m.model", "x")
        let configuration = try TrainingConfiguration(
            yaml: yaml("  kind: sentencepiece\n  model_file: m.model\n  share_vocabulary: true\n  vocabulary_size: 500"),
            name: "test.yaml", baseDirectory: base)
        let json = try configuration.jsonString()
        XCTAssertEqual(try TrainingConfiguration(jsonString: json), configuration)
        let older = json.replacingOccurrences(of: #","share_vocabulary":true"#, with: "")
        XCTAssertNotEqual(older, json)
        XCTAssertFalse(try TrainingConfiguration(jsonString: older).segmentation.shareVocabulary)
    }

    /// The raw-text SentencePiece recipes (LSTM and Transformer; en→de, en→cs) read; the
    /// Transformer's tie all three matrices. Skips without the shared Multi30k copy.
    func testTheSentencePieceRecipesParse() throws {
        let root = Repository.root
        guard FileManager.default.fileExists(atPath: root + "/../shared/corpora/multi30k/raw/train.en") else {
            throw XCTSkip("no Multi30k raw text at \(root)/../shared/corpora/multi30k/raw")
        }
        for target in ["de", "cs"] { for prefix in ["multi30k-sentencepiece", "multi30k-transformer-sentencepiece"] {
            let path = root + "/configs/\(prefix)-en-\(target).yaml"
            let configuration = try TrainingConfiguration(yaml: try String(contentsOfFile: path, encoding: .utf8), name: path, baseDirectory: root)
            XCTAssertFalse(configuration.data.tokenized)
            XCTAssertFalse(configuration.data.lowercase)
            XCTAssertEqual(configuration.data.targetLanguage.code, target)
            XCTAssertEqual(configuration.segmentation.kind, .sentencePiece)
            XCTAssertTrue(configuration.segmentation.shareVocabulary)
            XCTAssertTrue(configuration.data.train.corpora.map(\.path).first?.hasSuffix("/multi30k/raw/train") == true)
            let transformer = prefix.contains("transformer")
            XCTAssertEqual(configuration.model.architecture.rawValue, transformer ? "transformer" : "rnn", path)
            XCTAssertEqual(configuration.model.tieEmbeddings.rawValue, transformer ? "all" : "none", path)
        } }
    }
}
