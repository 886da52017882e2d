import Foundation
import TestSupport
@testable import Translation
import XCTest
@testable import YAMLConfiguration

/// `data.train` as a list of corpora (path, format, weight), `data.filters`,
/// `data.prepared_directory` and `segmentation.sample_pairs`: read, checked, written back.
final class TrainingCorporaTests: XCTestCase {
    private var temporary: TemporaryDirectory!
    private var base: String { temporary.path }

    override func setUpWithError() throws {
        temporary = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: base + "/data", withIntermediateDirectories: true)
        for name in ["general.en", "general.de", "valid.en", "valid.de", "medical.tsv"] {
            try "hello\tworld\n".write(toFile: "\(base)/data/\(name)", atomically: true, encoding: .utf8)
        }
    }

    override func tearDownWithError() throws { temporary = nil }

    private func parse(train: String, extra: String = "") throws -> TrainingConfiguration {
        let yaml = "data:\n  train:\(train)\n  valid: data/valid\n  source_language: en\n  target_language: de\n\(extra)output:\n  directory: runs/x\n"
        return try TrainingConfiguration(yaml: yaml, name: "test.yaml", baseDirectory: base)
    }

    func testAListOfCorporaReadsWithFormatsAndWeights() throws {
        let configuration = try parse(train: "\n    - data/general\n    - path: data/medical.tsv\n      format: tsv\n      weight: 2.5\n",
                                      extra: "  filters: {duplicates: true, length_ratio: 3}\n  prepared_directory: prep\nsegmentation:\n  sample_pairs: 0\n")
        let corpora = configuration.data.train.corpora
        XCTAssertEqual(corpora, [.init(path: base + "/data/general"), .init(path: base + "/data/medical.tsv", format: .tsv, weight: 2.5)])
        XCTAssertTrue(configuration.data.filters.duplicates)
        XCTAssertEqual(configuration.data.filters.lengthRatio, 3)
        XCTAssertFalse(configuration.data.filters.copies)
        XCTAssertEqual(configuration.data.filters.active, ["length_ratio", "duplicates"])
        XCTAssertEqual(configuration.data.preparedDirectory, base + "/prep")
        XCTAssertEqual(configuration.segmentation.samplePairs, 0)
        // Written back, as YAML and as a checkpoint's JSON, it reads the same.
        XCTAssertEqual(try TrainingConfiguration(jsonString: configuration.jsonString()), configuration)
        XCTAssertEqual(try TrainingConfiguration(yaml: configuration.yamlString(), name: "again.yaml", baseDirectory: base), configuration)
        XCTAssertTrue(configuration.yamlString().contains("train: [{path: \(base)/data/general, format: files, weight: 1.0}, {path: \(base)/data/medical.tsv, format: tsv, weight: 2.5}]"),
                      configuration.yamlString())
    }

    func testAPlainPrefixIsOneCorpusAndKeepsItsJSONString() throws {
        let configuration = try parse(train: " data/general")
        XCTAssertEqual(configuration.data.train, .init(prefix: base + "/data/general"))
        XCTAssertTrue(try configuration.jsonString().contains("\"train\":\"\(base)/data/general\""))
    }

    func testBadEntriesAreRefusedNamingTheirKeyPath() {
        func refusal(_ train: String) -> String {
            do { _ = try parse(train: train); return "accepted" } catch { return "\(error)" }
        }
        XCTAssertTrue(refusal("\n    - data/general\n    - {path: data/general, weight: 0}\n").contains("data.train[1].weight: must be greater than 0"))
        XCTAssertTrue(refusal("\n    - {path: data/general, wieght: 2}\n").contains("data.train[0].wieght: unknown key; did you mean 'weight'?"))
        XCTAssertTrue(refusal("\n    - {path: data/medical.tsv, format: csv}\n").contains("data.train[0].format"))
        XCTAssertTrue(refusal("\n    - {format: tsv}\n").contains("data.train[0].path: missing required key"))
        XCTAssertTrue(refusal(" []").contains("data.train: must name at least one corpus"), refusal(" []"))
        XCTAssertTrue(refusal("\n    - {path: data/missing.tsv, format: tsv}\n").contains("no such file: \(base)/data/missing.tsv (file 'data/missing.tsv'"))
        XCTAssertTrue(refusal("\n    - [data/general]\n").contains("data.train[0]: expected a mapping of path, format, weight, found a list"))
    }
}
