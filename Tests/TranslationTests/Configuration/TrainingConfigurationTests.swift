import Foundation
import Layers
@testable import Model
import TestSupport
import Text
@testable import Translation
import XCTest
@testable import YAMLConfiguration

final class TrainingConfigurationTests: XCTestCase {
    /// A scratch directory holding data/{train,valid,test}.{en,de}; relative paths start here.
    private var temporary: TemporaryDirectory!
    private var base: String { temporary.path }

    override func setUpWithError() throws {
        temporary = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: base + "/data", withIntermediateDirectories: true)
        for split in ["train", "valid", "test"] {
            for language in ["en", "de"] {
                try "hello\n".write(toFile: "\(base)/data/\(split).\(language)", atomically: true, encoding: .utf8)
            }
        }
    }

    override func tearDownWithError() throws {
        temporary = nil
    }

    private let minimal = """
        data:
          train: data/train
          valid: data/valid
          source_language: en
          target_language: de
        output:
          directory: runs/test
        """

    /// `minimal` with `lines` added to its data section.
    private func withData(_ lines: String) -> String {
        minimal.replacingOccurrences(of: "  target_language: de\n", with: "  target_language: de\n" + lines)
    }

    /// `minimal` with `lines` added to its output section.
    private func withOutput(_ lines: String) -> String {
        minimal + "\n" + lines
    }

    private func parse(_ yaml: String) throws -> TrainingConfiguration {
        try TrainingConfiguration(yaml: yaml, name: "test.yaml", baseDirectory: base)
    }

    /// Parsing `yaml` fails with `reason`, and the message holds every one of `fragments`.
    private func assertRefused(_ yaml: String, _ reason: ConfigurationError.Reason, keyPath: String?,
                               mentioning fragments: [String], file: StaticString = #filePath, line: UInt = #line) {
        do {
            let configuration = try parse(yaml)
            XCTFail("accepted: \(configuration)", file: file, line: line)
        } catch let error as ConfigurationError {
            XCTAssertEqual(error.reason, reason, "\(error)", file: file, line: line)
            XCTAssertEqual(error.keyPath, keyPath, "\(error)", file: file, line: line)
            XCTAssertTrue(error.isUsageError, file: file, line: line)
            XCTAssertTrue(error.description.hasPrefix("test.yaml"), "\(error)", file: file, line: line)
            for fragment in fragments {
                XCTAssertTrue(error.description.contains(fragment), "'\(fragment)' not in: \(error)",
                              file: file, line: line)
            }
        } catch {
            XCTFail("not a ConfigurationError: \(error)", file: file, line: line)
        }
    }

    // MARK: Accepted files

    func testFullConfigurationParsesEveryValue() throws {
        let configuration = try parse("""
            data:
              train: data/train
              valid: ./data/valid
              test: data/../data/test
              source_language: en
              target_language: de
              tokenized: true
              lowercase: false
              max_length: 80
            segmentation:
              kind: char
              merges: 4_000
              joint: no
              min_frequency: 2
              max_vocabulary: 30000
            model:
              embedding_size: 128
              encoder_hidden_size: 192
              encoder_layers: 2
              bidirectional: false
              decoder_hidden_size: 192
              attention: scaled_dot
              attention_size: 64
              pre_output_size: 128
              dropout: 0.25
              tie_embeddings: target
            training:
              seed: 7
              batch_size: 32
              batch_tokens: 2000
              accumulate: 4
              epochs: 3
              max_updates: 500
              max_minutes: 2.5
              learning_rate: 2e-3
              adam_beta1: 0.8
              adam_beta2: 0.98
              clip_norm: 0
              label_smoothing: 0
              schedule: inverse_sqrt
              warmup_updates: 100
              plateau_factor: 0.7
              plateau_patience: 3
              min_learning_rate: 1.0e-6
            validation:
              every_updates: 300
              metric: loss
              beam: 4
              early_stopping_patience: 5
              samples: 0
            output:
              directory: runs/full
              keep_best: 2
              keep_last: 0
              log_every: 10
            translation:
              beam: 8
              length_penalty: 0.6
              max_length_ratio: 1.5
            """)

        let data = configuration.data
        XCTAssertEqual(data.train, .init(prefix: base + "/data/train"))
        XCTAssertEqual(data.valid, base + "/data/valid")
        XCTAssertEqual(data.test, base + "/data/test")
        XCTAssertEqual(data.sourceLanguage, .english)
        XCTAssertEqual(data.targetLanguage, .german)
        XCTAssertTrue(data.tokenized)
        XCTAssertFalse(data.lowercase)
        XCTAssertEqual(data.maxLength, 80)
        XCTAssertEqual(data.files(prefix: data.train.corpora[0].path).target, base + "/data/train.de")

        let segmentation = configuration.segmentation
        XCTAssertEqual(segmentation.kind, .character)
        XCTAssertEqual(segmentation.merges, 4000)
        XCTAssertFalse(segmentation.joint)
        XCTAssertEqual(segmentation.minFrequency, 2)
        XCTAssertEqual(segmentation.maxVocabulary, 30000)

        let model = configuration.model
        XCTAssertEqual(model.embeddingSize, 128)
        XCTAssertEqual(model.encoderHiddenSize, 192)
        XCTAssertEqual(model.encoderLayers, 2)
        XCTAssertFalse(model.bidirectional)
        XCTAssertEqual(model.decoderHiddenSize, 192)
        XCTAssertEqual(model.attention, .scaledDot)
        XCTAssertEqual(model.attentionSize, 64)
        XCTAssertEqual(model.preOutputSize, 128)
        XCTAssertEqual(model.dropout, 0.25)
        XCTAssertEqual(model.tieEmbeddings, .target)

        let training = configuration.training
        XCTAssertEqual(training.seed, 7)
        XCTAssertEqual(training.batchSize, 32)
        XCTAssertEqual(training.batchTokens, 2000)
        XCTAssertEqual(training.accumulate, 4)
        XCTAssertEqual(training.epochs, 3)
        XCTAssertEqual(training.maxUpdates, 500)
        XCTAssertEqual(training.maxMinutes, 2.5)
        XCTAssertEqual(training.learningRate, 0.002)
        XCTAssertEqual(training.adamBeta1, 0.8)
        XCTAssertEqual(training.adamBeta2, 0.98)
        XCTAssertEqual(training.clipNorm, 0)
        XCTAssertEqual(training.labelSmoothing, 0)
        XCTAssertEqual(training.schedule, .inverseSqrt)
        XCTAssertEqual(training.warmupUpdates, 100)
        XCTAssertEqual(training.plateauFactor, 0.7)
        XCTAssertEqual(training.plateauPatience, 3)
        XCTAssertEqual(training.minLearningRate, 1e-6)

        let validation = configuration.validation
        XCTAssertEqual(validation.everyUpdates, 300)
        XCTAssertEqual(validation.metric, .loss)
        XCTAssertEqual(validation.beam, 4)
        XCTAssertEqual(validation.earlyStoppingPatience, 5)
        XCTAssertEqual(validation.samples, 0)

        XCTAssertEqual(configuration.output.directory, base + "/runs/full")
        XCTAssertEqual(configuration.output.keepBest, 2)
        XCTAssertEqual(configuration.output.keepLast, 0)
        XCTAssertEqual(configuration.output.logEvery, 10)

        XCTAssertEqual(configuration.translation.beam, 8)
        XCTAssertEqual(configuration.translation.lengthPenalty, 0.6)
        XCTAssertEqual(configuration.translation.maxLengthRatio, 1.5)
        XCTAssertEqual(configuration.translation.maxOutputLength(sourceLength: 7), 20)
    }

    func testDefaultsApplyToEveryKeyNotGiven() throws {
        let configuration = try parse(minimal + "\nmodel:\ntranslation:\n")
        XCTAssertNil(configuration.data.test)
        XCTAssertFalse(configuration.data.tokenized)
        XCTAssertFalse(configuration.data.lowercase, "text stays cased unless asked")
        XCTAssertEqual(configuration.data.maxLength, 100)

        XCTAssertEqual(configuration.segmentation.kind, .bpe)
        XCTAssertEqual(configuration.segmentation.merges, 8000)
        XCTAssertTrue(configuration.segmentation.joint)
        XCTAssertEqual(configuration.segmentation.minFrequency, 1)
        XCTAssertEqual(configuration.segmentation.maxVocabulary, 0)

        let model = configuration.model
        XCTAssertEqual([model.embeddingSize, model.encoderHiddenSize, model.encoderLayers,
                        model.decoderHiddenSize, model.attentionSize, model.preOutputSize],
                       [256, 256, 1, 512, 512, 512])
        XCTAssertTrue(model.bidirectional)
        XCTAssertEqual(model.attention, .additive)
        XCTAssertEqual(model.dropout, 0.3)
        XCTAssertEqual(model.tieEmbeddings, .none)

        let training = configuration.training
        XCTAssertEqual([training.seed, training.batchSize, training.batchTokens, training.epochs,
                        training.maxUpdates, training.warmupUpdates, training.plateauPatience],
                       [1, 64, 0, 10, 0, 0, 2])
        XCTAssertEqual(training.maxMinutes, 0)
        XCTAssertEqual([training.learningRate, training.adamBeta1, training.adamBeta2, training.clipNorm,
                        training.labelSmoothing, training.plateauFactor, training.minLearningRate],
                       [0.001, 0.9, 0.999, 1.0, 0.1, 0.5, 1e-5])
        XCTAssertEqual(training.schedule, .constant)

        XCTAssertEqual(configuration.validation.everyUpdates, 0)
        XCTAssertEqual(configuration.validation.metric, .bleu)
        XCTAssertEqual(configuration.validation.beam, 1)
        XCTAssertEqual(configuration.validation.earlyStoppingPatience, 0)
        XCTAssertEqual(configuration.validation.samples, 3)

        XCTAssertEqual(configuration.output.keepBest, 1)
        XCTAssertEqual(configuration.output.keepLast, 1)
        XCTAssertEqual(configuration.output.logEvery, 100)

        XCTAssertEqual(configuration.translation.beam, 5)
        XCTAssertEqual(configuration.translation.lengthPenalty, 1.0)
        XCTAssertEqual(configuration.translation.maxLengthRatio, 2.0)

        // The same defaults as a configuration built in code.
        var built = TrainingConfiguration(
            data: .init(train: base + "/data/train", valid: base + "/data/valid",
                        sourceLanguage: .english, targetLanguage: .german),
            output: .init(directory: base + "/runs/test"))
        XCTAssertEqual(configuration, built)
        built.model.dropout = 1
        XCTAssertThrowsError(try built.validate()) { error in
            XCTAssertEqual("\(error)", "configuration: model.dropout: must be at least 0 and less than 1, found 1.0")
        }
    }

    func testModelSectionMapsOntoModelConfiguration() throws {
        let configuration = try parse(minimal + """

            model:
              embedding_size: 64
              encoder_hidden_size: 32
              decoder_hidden_size: 64
              attention: dot
              attention_size: 16
              pre_output_size: 48
              dropout: 0.1
            """)
        let model = configuration.modelConfiguration(sourceVocabularySize: 470, targetVocabularySize: 700)
        XCTAssertEqual(model.sourceVocabularySize, 470)
        XCTAssertEqual(model.targetVocabularySize, 700)
        XCTAssertEqual(model.embeddingSize, 64)
        XCTAssertEqual(model.encoderHiddenSize, 32)
        XCTAssertEqual(model.encoderLayers, 1)
        XCTAssertTrue(model.bidirectional)
        XCTAssertEqual(model.decoderHiddenSize, 64)
        XCTAssertEqual(model.memorySize, 64)
        XCTAssertEqual(model.attention, .dot)
        XCTAssertEqual(model.attentionSize, 16)
        XCTAssertEqual(model.preOutputSize, 48)
        XCTAssertEqual(model.dropout, 0.1)
        XCTAssertEqual(model.tieEmbeddings, .none)
    }

    func testRenderedJSONAndYAMLReadBackEqual() throws {
        let configuration = try parse(withData("  test: data/test\n") + """

            training:
              learning_rate: 0.0003
              schedule: plateau
            model:
              attention: scaled_dot
              decoder_hidden_size: 512
            validation:
              metric: loss
            """)
        XCTAssertEqual(configuration.data.test, base + "/data/test")

        let json = try configuration.jsonString()
        XCTAssertTrue(json.contains("\"learning_rate\":0.0003"), json)
        XCTAssertTrue(json.contains("\"attention\":\"scaled_dot\""), json)
        XCTAssertTrue(json.contains("\"source_language\":\"en\""), json)
        XCTAssertEqual(try TrainingConfiguration(jsonString: json), configuration)

        let yaml = configuration.yamlString()
        XCTAssertTrue(yaml.hasPrefix("data:\n  train: \(base)/data/train\n"), yaml)
        XCTAssertTrue(yaml.contains("\nmodel:\n  embedding_size: 256\n"), yaml)
        XCTAssertTrue(yaml.contains("\n  dropout: 0.3\n"), yaml)
        XCTAssertTrue(yaml.contains("\n  learning_rate: 0.0003\n"), yaml)
        XCTAssertTrue(yaml.contains("\n  min_learning_rate: 1e-05\n"), yaml)
        XCTAssertEqual(try TrainingConfiguration(yaml: yaml, name: "rendered.yaml", baseDirectory: "/"),
                       configuration)
    }

    // MARK: Refused files

    func testMisspelledKeyIsRefusedWithTheNearestKey() {
        assertRefused(minimal + "\ntraining:\n  epochs: 3\n  learing_rate: 0.01\n",
                      .unknownKey, keyPath: "training.learing_rate",
                      mentioning: ["test.yaml:10: training.learing_rate: unknown key",
                                   "did you mean 'learning_rate'?"])
        assertRefused(minimal + "\nmodel:\n  dropOut: 0.1\n", .unknownKey, keyPath: "model.dropOut",
                      mentioning: ["did you mean 'dropout'?"])
        assertRefused(minimal + "\ntraining:\n  max_update: 10\n", .unknownKey, keyPath: "training.max_update",
                      mentioning: ["did you mean 'max_updates'?"])
        assertRefused(minimal + "\nmodle:\n  dropout: 0.1\n", .unknownKey, keyPath: "modle",
                      mentioning: ["unknown section; did you mean 'model'?"])
    }

    func testUnknownSectionListsTheSections() {
        assertRefused(minimal + "\noptimizer:\n  name: adam\n", .unknownKey, keyPath: "optimizer",
                      mentioning: ["test.yaml:8: optimizer: unknown section; the sections are data, "
                                   + "segmentation, model, training, validation, output, translation"])
    }

    func testUnknownKeyListsTheKeysOfItsSection() {
        assertRefused(withOutput("  compress: true"),
                      .unknownKey, keyPath: "output.compress",
                      mentioning: ["the keys of 'output' are directory, keep_best, keep_last, log_every"])
    }

    func testKeyUnderTheWrongSectionNamesItsSection() {
        assertRefused(minimal + "\ntraining:\n  dropout: 0.1\n", .unknownKey, keyPath: "training.dropout",
                      mentioning: ["'dropout' is a key of section 'model'"])
        assertRefused(minimal + "\nsamples: 2\n", .unknownKey, keyPath: "samples",
                      mentioning: ["'samples' is a key of section 'validation'"])
        assertRefused(minimal + "\ntraining:\n  beam: 2\n", .unknownKey, keyPath: "training.beam",
                      mentioning: ["'beam' is a key of sections 'validation' and 'translation'"])
    }

    func testRepeatedKeyIsRefused() {
        // SectionReader refuses a key given twice, naming the line of the first.
        XCTAssertThrowsError(try parse(minimal + "\ntraining:\n  epochs: 3\n  epochs: 4\n")) { error in
            guard let error = error as? ConfigurationError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.reason, .invalidValue)
            XCTAssertTrue(error.description.hasPrefix("test.yaml:"), "\(error)")
            XCTAssertTrue(error.description.contains("epochs"), "\(error)")
            XCTAssertTrue(error.description.contains("repeated key"), "\(error)")
        }
    }

    func testValueOfTheWrongTypeIsRefused() {
        assertRefused(minimal + "\ntraining:\n  learning_rate: fast\n", .wrongType, keyPath: "training.learning_rate",
                      mentioning: ["test.yaml:9: training.learning_rate: expected a number, found 'fast'"])
        assertRefused(minimal + "\ntraining:\n  batch_size: \"64\"\n", .wrongType, keyPath: "training.batch_size",
                      mentioning: ["expected an integer, found the quoted string \"64\""])
        assertRefused(minimal + "\ntraining:\n  epochs: 2.5\n", .wrongType, keyPath: "training.epochs",
                      mentioning: ["expected an integer, found '2.5'"])
        assertRefused(withData("  lowercase: maybe\n"), .wrongType, keyPath: "data.lowercase",
                      mentioning: ["expected true or false, found 'maybe'"])
        assertRefused(minimal + "\nmodel: [1, 2]\n", .wrongType, keyPath: "model",
                      mentioning: ["expected a mapping of keys, found a list"])
        assertRefused(minimal + "\nmodel:\n  dropout:\n    low: 0.1\n", .wrongType, keyPath: "model.dropout",
                      mentioning: ["expected a number, found a mapping"])
        assertRefused("- data\n- output\n", .wrongType, keyPath: nil,
                      mentioning: ["the file must hold a mapping of sections"])
    }

    func testUnknownEnumValueListsTheAllowedOnes() {
        assertRefused(minimal + "\nmodel:\n  attention: bahdanau\n", .wrongType, keyPath: "model.attention",
                      mentioning: ["expected one of additive, dot, general, scaled_dot, found 'bahdanau'"])
        assertRefused(minimal + "\nsegmentation:\n  kind: wordpiece\n", .wrongType, keyPath: "segmentation.kind",
                      mentioning: ["expected one of bpe, word, char, sentencepiece, found 'wordpiece'"])
        assertRefused(minimal + "\ntraining:\n  schedule: cosine\n", .wrongType, keyPath: "training.schedule",
                      mentioning: ["one of constant, plateau, inverse_sqrt"])
        assertRefused(minimal.replacingOccurrences(of: "target_language: de", with: "target_language: pt_BR"),
                      .invalidValue, keyPath: "data.target_language",
                      mentioning: ["'pt_BR' is not a language tag: subtags are separated by '-', not '_' (pt-BR)"])
    }

    /// `training.precision` takes fp32, float32 (the spelling of `--precision`) and bf16; the
    /// configuration written back says fp32.
    func testPrecisionTakesBothSpellingsOfFloat32() throws {
        for (text, expected) in [("fp32", TrainingConfiguration.TrainingSection.Precision.fp32), ("float32", .fp32), ("bf16", .bf16)] {
            XCTAssertEqual(try parse(minimal + "\ntraining:\n  precision: \(text)\n").training.precision, expected, text)
        }
        XCTAssertEqual(TrainingConfiguration.TrainingSection.Precision.fp32.rawValue, "fp32")
        assertRefused(minimal + "\ntraining:\n  precision: fp16\n", .wrongType, keyPath: "training.precision",
                      mentioning: ["expected one of fp32, bf16, found 'fp16'"])
    }

    func testValuesOutOfRangeAreRefused() {
        assertRefused(minimal + "\nmodel:\n  embedding_size: -8\n", .invalidValue, keyPath: "model.embedding_size",
                      mentioning: ["test.yaml:9: model.embedding_size: must be a positive integer of at most 8192, found -8"])
        assertRefused(minimal + "\nmodel:\n  dropout: 1\n", .invalidValue, keyPath: "model.dropout",
                      mentioning: ["must be at least 0 and less than 1, found 1.0"])
        assertRefused(minimal + "\ntraining:\n  learning_rate: 0\n", .invalidValue, keyPath: "training.learning_rate",
                      mentioning: ["must be greater than 0, found 0.0"])
        assertRefused(minimal + "\ntraining:\n  schedule: inverse_sqrt\n", .invalidValue,
                      keyPath: "training.warmup_updates",
                      mentioning: ["must be positive with schedule inverse_sqrt"])
        assertRefused(minimal.replacingOccurrences(of: "target_language: de", with: "target_language: en"),
                      .invalidValue, keyPath: "data.target_language", mentioning: ["must differ from source_language"])
        assertRefused(withOutput("  keep_last: -1\n"), .invalidValue,
                      keyPath: "output.keep_last", mentioning: ["must be 0 (none) or more, found -1"])
        // keep_best and keep_last count the numbered copies; latest.ckpt and best.ckpt are
        // written regardless (RunDirectoryTests), so 0 and 0 is a valid choice.
        XCTAssertNoThrow(try parse(withOutput("  keep_best: 0\n  keep_last: 0\n")))
    }

    // MARK: Bounded sizes (issue 16)

    /// Segfaulted (4611686018427387904), aborted in the allocator (1e9) or ran on building 2³¹
    /// layers before each size had a maximum.
    func testHugeSizesAreRefusedWithTheirMaximum() {
        for (key, value, maximum) in [("embedding_size", "4611686018427387904", 8192), ("embedding_size", "1000000000", 8192),
                                      ("encoder_layers", "2147483648", 16), ("attention_size", "8193", 8192)] {
            assertRefused(minimal + "\nmodel:\n  \(key): \(value)\n", .invalidValue, keyPath: "model.\(key)",
                          mentioning: ["test.yaml:9: model.\(key): must be a positive integer of at most \(maximum), found \(value)"])
        }
        assertRefused(minimal + "\ntraining:\n  batch_size: 1000000\n", .invalidValue, keyPath: "training.batch_size",
                      mentioning: ["at most 100000, found 1000000"])
        assertRefused(minimal + "\ntraining:\n  accumulate: 0\n", .invalidValue, keyPath: "training.accumulate",
                      mentioning: ["must be a positive integer of at most 1000, found 0"])
        // An update's batch, accumulate × the batch size, obeys the batch limits too.
        assertRefused(minimal + "\ntraining:\n  batch_size: 1000\n  accumulate: 1000\n", .invalidValue, keyPath: "training.accumulate",
                      mentioning: ["accumulate × batch_size must be at most 100000, found 1000 × 1000"])
        assertRefused(minimal + "\ntraining:\n  batch_tokens: 100000\n  accumulate: 101\n", .invalidValue, keyPath: "training.accumulate",
                      mentioning: ["accumulate × batch_tokens must be at most 10000000, found 101 × 100000"])
        assertRefused(minimal + "\nsegmentation:\n  merges: 5000000\n", .invalidValue, keyPath: "segmentation.merges",
                      mentioning: ["at most 1000000, found 5000000"])
        assertRefused(withData("  max_length: 1000000\n"), .invalidValue, keyPath: "data.max_length",
                      mentioning: ["at most 10000, found 1000000"])
        assertRefused(minimal + "\ntranslation:\n  beam: 9223372036854775807\n", .invalidValue, keyPath: "translation.beam",
                      mentioning: ["at most 100, found 9223372036854775807"])
        assertRefused(minimal + "\ntranslation:\n  max_length_ratio: 1e30\n", .invalidValue, keyPath: "translation.max_length_ratio",
                      mentioning: ["at most 100.0"])
    }

    func testIntegerBeyondIntMaxIsOutOfRange() {
        assertRefused(minimal + "\nmodel:\n  embedding_size: 99999999999999999999\n", .invalidValue, keyPath: "model.embedding_size",
                      mentioning: ["'99999999999999999999' is out of range for an integer"])
    }

    /// Said "expected a number" before.
    func testNumberBeyondFloatRangeIsOutOfRangeNotAWrongType() {
        assertRefused(minimal + "\ntraining:\n  learning_rate: 1e39\n", .invalidValue, keyPath: "training.learning_rate",
                      mentioning: ["test.yaml:9: training.learning_rate: '1e39' is out of range for a 32-bit float"])
        assertRefused(minimal + "\ntraining:\n  learning_rate: nan\n", .invalidValue, keyPath: "training.learning_rate",
                      mentioning: ["expected a finite number, found 'nan'"])
    }

    func testModelLargerThanTheMachineIsRefusedBeforeTraining() throws {
        let yaml = minimal + "\nmodel:\n  encoder_hidden_size: 8192\n  encoder_layers: 16\n"
        XCTAssertThrowsError(try TrainingConfiguration(yaml: yaml, name: "test.yaml", baseDirectory: base,
                                                       physicalMemory: 24_000_000_000)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("test.yaml:8: model: this model needs at least "), text)
            XCTAssertTrue(text.hasSuffix("; the machine has 24.0 GB"), text)
        }
        // The same sizes fit a machine with 10 TB.
        XCTAssertNoThrow(try TrainingConfiguration(yaml: yaml, name: "test.yaml", baseDirectory: base,
                                                   physicalMemory: 10_000_000_000_000))
    }

    func testOverlongInputSettingsAreRead() throws {
        let configuration = try parse(minimal + "\ntranslation:\n  max_input_length: 50\n  overlong_input: skip\n")
        XCTAssertEqual(configuration.translation.maxInputLength, 50)
        XCTAssertEqual(configuration.translation.overlongInput, .skip)
        assertRefused(minimal + "\ntranslation:\n  max_input_length: 0\n", .invalidValue, keyPath: "translation.max_input_length",
                      mentioning: ["at most 100000, found 0"])
        assertRefused(minimal + "\ntranslation:\n  overlong_input: drop\n", .wrongType, keyPath: "translation.overlong_input",
                      mentioning: ["one of truncate, skip"])
    }

    /// A checkpoint's configuration JSON from before `max_input_length` existed still reads.
    func testConfigurationJSONWithoutTheInputLimitKeysReads() throws {
        let configuration = try parse(minimal)
        var json = try configuration.jsonString()
        json = json.replacingOccurrences(of: #","max_input_length":1000"#, with: "")
            .replacingOccurrences(of: #","overlong_input":"truncate""#, with: "")
        XCTAssertFalse(json.contains("max_input_length"))
        XCTAssertEqual(try TrainingConfiguration(jsonString: json), configuration)
    }

    // MARK: Hostile files (issue 16)

    /// Segfaulted in Yams' recursive parser before the depth was bounded.
    func testYAMLNested5000LevelsDeepIsRefused() {
        let flow = "data: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        assertRefused(flow, .syntax, keyPath: nil, mentioning: ["test.yaml:1: nests 5001 levels deep; a configuration may nest at most 64"])
        let block = (0..<200).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"
        assertRefused(block, .syntax, keyPath: nil, mentioning: ["test.yaml:65: nests 65 levels deep"])
        let compact = String(repeating: "- ", count: 5000) + "x\n"
        assertRefused(compact, .syntax, keyPath: nil, mentioning: ["test.yaml:1: nests 5001 levels deep"])
    }

    func testOversizedConfigurationIsRefused() throws {
        let huge = minimal + "\n#" + String(repeating: "x", count: 1_000_001) + "\n"
        assertRefused(huge, .unreadableFile, keyPath: nil, mentioning: ["a configuration may hold at most 1000000"])
        let path = base + "/huge.yaml"
        try huge.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TrainingConfiguration.load(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path): the file holds \(huge.utf8.count) bytes; a configuration may hold at most 1000000")
        }
    }

    /// A FIFO blocked the read forever; a directory was "cannot be read as UTF-8 text".
    func testConfigurationThatIsNotARegularFileIsRefused() throws {
        let fifo = base + "/config.fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try TrainingConfiguration.load(path: fifo)) { error in
            XCTAssertEqual("\(error)", "\(fifo): cannot read the configuration: not a regular file (a pipe or FIFO)")
        }
        XCTAssertThrowsError(try TrainingConfiguration.load(path: base + "/data")) { error in
            XCTAssertEqual("\(error)", "\(base)/data: cannot read the configuration: not a regular file (a directory)")
        }
        XCTAssertThrowsError(try TrainingConfiguration.load(path: "/dev/null")) { error in
            XCTAssertEqual("\(error)", "/dev/null: cannot read the configuration: not a regular file (a character device)")
        }
    }

    func testDotAttentionNeedsMatchingSizes() throws {
        assertRefused(minimal + "\nmodel:\n  attention: dot\n  encoder_hidden_size: 256\n  decoder_hidden_size: 256\n",
                      .invalidValue, keyPath: "model.attention",
                      mentioning: ["test.yaml:9: model.attention: dot attention needs decoder_hidden_size (256)",
                                   "(2 × encoder_hidden_size = 512)"])
        assertRefused(minimal + "\nmodel:\n  attention: scaled_dot\n  bidirectional: false\n",
                      .invalidValue, keyPath: "model.attention",
                      mentioning: ["scaled_dot attention needs decoder_hidden_size (512)",
                                   "(encoder_hidden_size = 256)"])
        // Additive and general attention work with any sizes; dot with equal ones.
        XCTAssertNoThrow(try parse(minimal + "\nmodel:\n  attention: general\n"))
        XCTAssertNoThrow(try parse(minimal + "\nmodel:\n  attention: dot\n  encoder_hidden_size: 128\n"
                                   + "  decoder_hidden_size: 256\n"))
    }

    func testTyingAllNeedsASharedVocabulary() throws {
        assertRefused(minimal + "\nmodel:\n  tie_embeddings: all\n  pre_output_size: 256\n", .invalidValue, keyPath: "model.tie_embeddings",
                      mentioning: ["all needs one vocabulary for both languages: set segmentation.share_vocabulary: true"])
        let shared = try parse(minimal + "\nmodel:\n  tie_embeddings: all\n  pre_output_size: 256\nsegmentation:\n  share_vocabulary: true\n")
        XCTAssertEqual(shared.model.tieEmbeddings, .all)
    }

    func testMissingRequiredKeyIsNamed() {
        assertRefused(minimal.replacingOccurrences(of: "  valid: data/valid\n", with: ""),
                      .missingKey, keyPath: "data.valid",
                      mentioning: ["test.yaml:1: data.valid: missing required key (a path prefix"])
        assertRefused(minimal.replacingOccurrences(of: "  source_language: en\n", with: "  source_language:\n"),
                      .missingKey, keyPath: "data.source_language",
                      mentioning: ["missing required key (a BCP 47 language tag such as en, cs, pt-BR or zh-Hans)"])
        assertRefused(minimal.components(separatedBy: "output:")[0], .missingKey, keyPath: "output",
                      mentioning: ["test.yaml: output: missing required section (it needs directory)"])
        assertRefused("", .missingKey, keyPath: "data",
                      mentioning: ["missing required section (it needs train, valid, source_language, target_language)"])
    }

    func testMissingDataFileIsNamed() throws {
        assertRefused(minimal.replacingOccurrences(of: "data/train", with: "data/trian"),
                      .missingFile, keyPath: "data.train",
                      mentioning: ["test.yaml:2: data.train: no such file: \(base)/data/trian.en",
                                   "prefix 'data/trian'"])
        try FileManager.default.removeItem(atPath: base + "/data/test.de")
        assertRefused(withData("  test: \(base)/data/test\n"), .missingFile, keyPath: "data.test",
                      mentioning: ["no such file: \(base)/data/test.de"])
    }

    func testInvalidYAMLIsRefused() {
        assertRefused("data:\n  train: [data/train\n  valid: x\n", .syntax, keyPath: nil,
                      mentioning: ["test.yaml:3: not valid YAML: did not find expected ',' or ']' "
                                   + "(while parsing a flow sequence on line 2)\n  valid: x\n"])
    }

    func testUnreadableFileIsNamed() {
        XCTAssertThrowsError(try TrainingConfiguration.load(path: base + "/absent.yaml")) { error in
            XCTAssertEqual("\(error)", "\(base)/absent.yaml: no such file")
        }
    }

    func testSuggestionsAreCloseKeysOnly() {
        XCTAssertEqual(KeySuggestion.editDistance("learing_rate", "learning_rate"), 1)
        XCTAssertEqual(KeySuggestion.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(KeySuggestion.candidates(for: "learningRate", among: ["learning_rate", "seed"]),
                       ["learning_rate"])
        XCTAssertEqual(KeySuggestion.candidates(for: "warmup", among: ["warmup_updates", "seed"]), ["warmup_updates"])
        XCTAssertEqual(KeySuggestion.candidates(for: "max", among: ["max_updates", "max_minutes", "seed"]),
                       ["max_updates", "max_minutes"])
        XCTAssertEqual(KeySuggestion.candidates(for: "frobnicate", among: ["max_updates", "seed"]), [])
    }

    // MARK: Shipped configurations

    private static let repository = Repository.root

    func testDefaultConfigurationParsesAndCommentsEveryKey() throws {
        let path = Self.repository + "/configs/default.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let configuration = try TrainingConfiguration(yaml: text, name: path, baseDirectory: Self.repository)
        XCTAssertEqual(configuration.data.train, .init(prefix: Self.repository + "/data/default/train"))
        XCTAssertEqual(configuration.data.sourceLanguage, .english)
        XCTAssertEqual(configuration.data.targetLanguage, .german)
        XCTAssertEqual(configuration.segmentation.kind, .word)
        XCTAssertEqual(configuration.output.directory, Self.repository + "/runs/default")

        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for (section, keys) in TrainingConfiguration.sectionKeys {
            XCTAssertTrue(lines.contains { $0.hasPrefix("\(section):") }, "section \(section) not shown")
            for key in keys {
                let line = lines.first { $0.hasPrefix("\(key):") || $0.hasPrefix("# \(key):") }
                XCTAssertNotNil(line, "\(section).\(key) not shown in configs/default.yaml")
                XCTAssertTrue(line?.contains(" # ") ?? false, "\(section).\(key) has no comment")
            }
        }
    }

    /// configs/PREFIX-en-de.yaml and PREFIX-de-en.yaml, parsed, each checked for its languages;
    /// skips when ../shared has no Multi30k (their data paths must exist).
    private func multi30kConfigurations(_ prefix: String) throws -> [(name: String, configuration: TrainingConfiguration)] {
        let corpus = Self.repository + "/../shared/corpora/multi30k/tok"
        guard FileManager.default.fileExists(atPath: corpus) else {
            throw XCTSkip("no Multi30k copy at \(corpus)")
        }
        return try [("en-de", Language.english, Language.german), ("de-en", .german, .english)].map { pair, source, target in
            let name = "\(prefix)-\(pair)"
            let path = Self.repository + "/configs/\(name).yaml"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let configuration = try TrainingConfiguration(yaml: text, name: path, baseDirectory: Self.repository)
            XCTAssertEqual(configuration.data.sourceLanguage, source, name)
            XCTAssertEqual(configuration.data.targetLanguage, target, name)
            return (name, configuration)
        }
    }

    func testMulti30kConfigurationsParse() throws {
        for (_, configuration) in try multi30kConfigurations("peer-reference") {
            XCTAssertTrue(configuration.data.tokenized)
            XCTAssertEqual(configuration.segmentation.kind, .word)
            XCTAssertEqual(configuration.segmentation.minFrequency, 2)
            // The model defaults are the reference configuration of ../shared/peers/torch_s2s.py.
            XCTAssertEqual(configuration.model, ModelSettings())
            XCTAssertEqual(configuration.training.batchSize, 64)
            XCTAssertEqual(configuration.training.learningRate, 1e-3)
            XCTAssertEqual(configuration.training.labelSmoothing, 0.1)
            XCTAssertEqual(configuration.training.clipNorm, 1)
        }
    }

    /// The one-hour recipes (scripts/multi30k.sh): BPE, a time budget that leaves room for data
    /// preparation and averaging within 60 minutes, and checkpoints kept for averaging.
    func testMulti30kRecipesParse() throws {
        for (name, configuration) in try multi30kConfigurations("multi30k") {
            XCTAssertEqual(configuration.segmentation.kind, .bpe)
            XCTAssertGreaterThan(configuration.training.maxMinutes, 0)
            XCTAssertLessThanOrEqual(configuration.training.maxMinutes, 58)
            XCTAssertGreaterThanOrEqual(configuration.output.keepLast, 2)
            XCTAssertEqual(configuration.output.directory, Self.repository + "/runs/\(name)")
        }
    }
}
