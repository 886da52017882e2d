import Foundation
import Layers
@testable import Model
@testable import Search
import Text
@testable import Translation
import XCTest
@testable import YAMLConfiguration

/// The section tables are the one statement of each key: configs/default.yaml is their
/// rendering, and reading, checking and the checkpoint JSON follow them.
final class ConfigurationTableTests: XCTestCase {
    private static let repository = Repository.root

    /// configs/default.yaml is the documented rendering of its own values: every line below the
    /// header comes from the tables (key, value, documentation, default). After changing a table,
    /// copy the rendering this test writes over the file.
    func testDefaultYAMLIsTheTablesRendering() throws {
        let path = Self.repository + "/configs/default.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let header = try XCTUnwrap(text.components(separatedBy: "\n\n").first)
        XCTAssertTrue(header.split(separator: "\n").allSatisfy { $0.hasPrefix("#") }, "the header is comment lines")
        let (configuration, _) = try TrainingConfiguration.parse(text, name: path)
        let rendered = configuration.documentedYAMLString(header: header)
        if rendered != text {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("default.yaml.rendered").path
            try rendered.write(toFile: copy, atomically: true, encoding: .utf8)
            XCTFail("configs/default.yaml is not the rendering of the tables; see \(copy)")
        }
        for section in TrainingConfiguration.sections {
            XCTAssertTrue(text.contains("\n\(section.name):\n"), section.name)
            for (key, value, comment) in section.lines(configuration) {
                // An optional key without a value is shown commented out.
                let setting = value == nil ? "\n  # \(key):" : "\n  \(key): "
                XCTAssertTrue(text.contains(setting) && text.contains("# \(comment)\n"), "\(section.name).\(key)")
            }
        }
    }

    func testEveryKeyIsDocumentedAndEveryChoiceNamed() {
        func check<Section: ConfigurationSection>(_: Section.Type) {
            for key in Section.keys {
                XCTAssertFalse(key.doc.isEmpty, key.name)
                XCTAssertEqual(key.defaultText == nil, key.presence != .defaulted, key.name)
            }
        }
        check(TrainingConfiguration.DataSection.self)
        check(TrainingConfiguration.SegmentationSection.self)
        check(ModelSettings.self)
        check(TrainingConfiguration.TrainingSection.self)
        check(TrainingConfiguration.ValidationSection.self)
        check(TrainingConfiguration.OutputSection.self)
        check(SearchSettings.self)

        func doc<Section: ConfigurationSection>(_: Section.Type, _ name: String) -> String {
            Section.keys.first { $0.name == name }?.doc ?? ""
        }
        let choices: [(doc: String, names: [String])] = [
            (doc(TrainingConfiguration.SegmentationSection.self, "kind"), TrainingConfiguration.SegmentationSection.Kind.allCases.map(\.rawValue)),
            (doc(ModelSettings.self, "attention"), AttentionScore.allCases.map(\.rawValue)),
            (doc(TrainingConfiguration.TrainingSection.self, "schedule"), TrainingConfiguration.TrainingSection.Schedule.allCases.map(\.rawValue)),
            (doc(TrainingConfiguration.ValidationSection.self, "metric"), TrainingConfiguration.ValidationSection.Metric.allCases.map(\.rawValue)),
            (doc(SearchSettings.self, "overlong_input"),
             SearchSettings.OverlongInput.allCases.map(\.rawValue)),
            (doc(TrainingConfiguration.DataSection.self, "source_language"), ["BCP 47", "en, de, fr and cs"]),
        ]
        for (doc, names) in choices {
            for name in names { XCTAssertTrue(doc.contains(name), "'\(name)' not named in: \(doc)") }
        }
    }

    func testCommentsGiveTheDefaultOrSayRequired() {
        let keys = ModelSettings.keys
        XCTAssertEqual(keys.first { $0.name == "dropout" }?.comment,
                       "dropout probability on embeddings and the pre-output layer; at least 0 and less than 1 (default 0.3)")
        XCTAssertTrue(TrainingConfiguration.DataSection.keys[0].comment.hasPrefix("required. Path prefix"))
        XCTAssertTrue(TrainingConfiguration.DataSection.keys[2].comment.hasPrefix("optional. "))
        XCTAssertEqual(TrainingConfiguration.TrainingSection.keys.first { $0.name == "min_learning_rate" }?.defaultText, "1e-05")
    }

    /// An optional key without a value is shown commented out, and the text reads back.
    func testDocumentedYAMLReadsBackEqual() throws {
        var configuration = TrainingConfiguration(
            data: .init(train: "corpus/train set", valid: "null", sourceLanguage: .german, targetLanguage: .english),
            output: .init(directory: "runs/#1"))
        configuration.training.weightDecay = 0.01
        configuration.model.dropout = 0.25
        let yaml = configuration.documentedYAMLString(header: "# test")
        /// `setting`, then spaces up to column 32, then the comment.
        func line(_ setting: String, _ comment: String) -> String {
            "\n" + setting + String(repeating: " ", count: 32 - setting.count) + "# " + comment
        }
        XCTAssertTrue(yaml.hasPrefix("# test\n\ndata:" + line("  train: \"corpus/train set\"", "required. Path prefix")), yaml)
        XCTAssertTrue(yaml.contains(line("  valid: \"null\"", "required. ")), yaml)
        XCTAssertTrue(yaml.contains(line("  # test:", "optional. ")), yaml)
        XCTAssertTrue(yaml.contains(line("  weight_decay: 0.01", "L2 penalty")), yaml)
        XCTAssertTrue(yaml.contains("\n\noutput:" + line("  directory: \"runs/#1\"", "required. ")), yaml)
        XCTAssertEqual(try TrainingConfiguration.parse(yaml, name: "documented.yaml").0, configuration)
        XCTAssertEqual(try TrainingConfiguration.parse(configuration.yamlString(), name: "plain.yaml").0, configuration)
    }

    /// A checkpoint's configuration JSON from before `weight_decay` existed still reads, with
    /// the default; a JSON without a required key does not.
    func testConfigurationJSONWithoutAKeyTakesItsDefault() throws {
        var configuration = TrainingConfiguration(
            data: .init(train: "/d/train", valid: "/d/valid", sourceLanguage: .english, targetLanguage: .german),
            output: .init(directory: "/runs/x"))
        configuration.training.epochs = 3
        let json = try configuration.jsonString()
        XCTAssertTrue(json.contains(#""weight_decay":0"#), json)
        let older = json.replacingOccurrences(of: #","weight_decay":0"#, with: "")
        XCTAssertFalse(older.contains("weight_decay"))
        XCTAssertEqual(try TrainingConfiguration(jsonString: older), configuration)

        let withoutTrain = json.replacingOccurrences(of: #""train":"/d/train","#, with: "")
        XCTAssertThrowsError(try TrainingConfiguration(jsonString: withoutTrain)) { error in
            XCTAssertTrue("\(error)".contains("missing required key train"), "\(error)")
        }
        let badLanguage = json.replacingOccurrences(of: #""target_language":"de""#, with: #""target_language":"de_AT""#)
        XCTAssertThrowsError(try TrainingConfiguration(jsonString: badLanguage)) { error in
            XCTAssertTrue("\(error)".contains("'de_AT' is not a language tag: subtags are separated by '-'"), "\(error)")
        }
    }

    /// ModelConfiguration's JSON (a checkpoint's `model` metadata) keeps its flat Swift-named
    /// keys, which the table's snake_case names spell.
    func testModelConfigurationJSONKeepsItsSwiftNames() throws {
        var model = ModelConfiguration(sourceVocabularySize: 9, targetVocabularySize: 8)
        model.attentionSize = 6
        let json = String(decoding: try JSONEncoder().encode(model), as: UTF8.self)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object.keys.sorted(), [
            "architecture", "attention", "attentionHeads", "attentionSize", "bidirectional", "decoderHiddenSize", "dropout",
            "embeddingSize", "encoderHiddenSize", "encoderLayers", "feedForwardSize", "preOutputSize", "sourceVocabularySize",
            "targetVocabularySize", "tieEmbeddings", "transformerHeads", "transformerLayers",
        ])
        XCTAssertEqual(object["attentionSize"] as? Int, 6)
        XCTAssertEqual(try JSONDecoder().decode(ModelConfiguration.self, from: Data(json.utf8)), model)
    }

    /// A checkpoint written before `tie_embeddings` said `tieTargetEmbeddings`: true reads as
    /// `target`, false as `none`.
    func testModelJSONWithTheOldTyingKey() throws {
        let old = #"{"attention":"additive","attentionSize":6,"bidirectional":true,"decoderHiddenSize":4,"dropout":0,"embeddingSize":3,"#
            + #""encoderHiddenSize":2,"encoderLayers":1,"preOutputSize":3,"sourceVocabularySize":9,"targetVocabularySize":8,"tieTargetEmbeddings":"#
        XCTAssertEqual(try JSONDecoder().decode(ModelConfiguration.self, from: Data((old + "true}").utf8)).tieEmbeddings, .target)
        XCTAssertEqual(try JSONDecoder().decode(ModelConfiguration.self, from: Data((old + "false}").utf8)).tieEmbeddings, .none)
    }

    /// A checkpoint written before the attention family existed has no architecture or heads
    /// keys: it reads as the recurrent model with one head, which is what it is.
    func testModelJSONWithoutArchitectureOrHeadsIsTheSingleHeadRecurrentModel() throws {
        let old = #"{"attention":"additive","attentionSize":6,"bidirectional":true,"decoderHiddenSize":4,"dropout":0,"embeddingSize":3,"#
            + #""encoderHiddenSize":2,"encoderLayers":1,"preOutputSize":3,"sourceVocabularySize":9,"targetVocabularySize":8,"tieTargetEmbeddings":false}"#
        let model = try JSONDecoder().decode(ModelConfiguration.self, from: Data(old.utf8))
        XCTAssertEqual(model.architecture, .rnn)
        XCTAssertEqual(model.attentionHeads, 1)
        XCTAssertEqual(model.attentionSize, 6)
    }

    /// Unknown kinds read as word segmentation before `kind` was an enum everywhere it is stored.
    func testUnknownSegmentationIsRefusedInTheFileAndInJSON() throws {
        let yaml = """
            data:
              train: data/train
              valid: data/valid
              source_language: en
              target_language: de
            segmentation:
              kind: wordpiece
            output:
              directory: runs/test
            """
        XCTAssertThrowsError(try TrainingConfiguration.parse(yaml, name: "test.yaml")) { error in
            XCTAssertEqual("\(error)", "test.yaml:7: segmentation.kind: expected one of bpe, word, char, sentencepiece, found 'wordpiece'")
        }
        let configuration = TrainingConfiguration(
            data: .init(train: "/d/train", valid: "/d/valid", sourceLanguage: .english, targetLanguage: .german),
            output: .init(directory: "/runs/x"))
        let json = try configuration.jsonString().replacingOccurrences(of: #""kind":"bpe""#, with: #""kind":"wordpiece""#)
        XCTAssertThrowsError(try TrainingConfiguration(jsonString: json)) { error in
            XCTAssertTrue("\(error)".contains("unknown value 'wordpiece'; expected one of bpe, word, char, sentencepiece"), "\(error)")
        }
    }

    func testWeightDecayIsReadAndChecked() throws {
        let base = """
            data:
              train: data/train
              valid: data/valid
              source_language: en
              target_language: de
            output:
              directory: runs/test
            training:

            """
        XCTAssertEqual(try TrainingConfiguration.parse(base, name: "test.yaml").0.training.weightDecay, 0)
        XCTAssertEqual(try TrainingConfiguration.parse(base + "  weight_decay: 1e-4\n", name: "test.yaml").0.training.weightDecay, 1e-4)
        XCTAssertThrowsError(try TrainingConfiguration.parse(base + "  weight_decay: -0.1\n", name: "test.yaml")) { error in
            XCTAssertEqual("\(error)", "test.yaml:9: training.weight_decay: must be 0 or more, found -0.1")
        }
    }
}
