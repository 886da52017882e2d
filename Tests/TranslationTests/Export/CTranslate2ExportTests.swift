import Foundation
@testable import Model
@testable import Search
import TestSupport
import Text
@testable import Translation
import XCTest

/// `CTranslate2Export` end to end: a tiny random Transformer saved as a checkpoint, exported,
/// and decoded by CTranslate2 through the exported translate.py, against nmt's own decoding.
/// The parts that need CTranslate2 are skipped, with a message, when python3 cannot import it.
final class CTranslate2ExportTests: XCTestCase {
    private var temporary: TemporaryDirectory!
    private var scripts: String { Repository.root + "/scripts/export" }

    override func setUpWithError() throws {
        temporary = try TemporaryDirectory()
    }

    override func tearDownWithError() throws {
        temporary = nil
    }

    private static let sourceWords = ["the", "cat", "sees", "a", "dog", "runs", "."]
    private static let targetWords = ["die", "katze", "sieht", "einen", "hund", "."]
    private static let lines = ["the cat sees a dog .", "a dog runs .", "the dog", "cat", "a cat sees the dog runs .", "dog dog dog"]

    private static func codec() throws -> TextCodec {
        try TextCodec(settings: .init(sourceLanguage: "en", targetLanguage: "de", lowercase: true, tokenized: true, segmentation: .word),
                      sourceMerges: nil, targetMerges: nil,
                      sourceVocabulary: try Vocabulary(words: sourceWords), targetVocabulary: try Vocabulary(words: targetWords))
    }

    /// A random Transformer (or LSTM) saved as a checkpoint; its model and path.
    private func checkpoint(tied: Bool, recurrent: Bool = false, seed: UInt64 = 4) throws -> (path: String, model: Seq2Seq) {
        var config = ModelConfiguration(sourceVocabularySize: 4 + Self.sourceWords.count, targetVocabularySize: 4 + Self.targetWords.count)
        config.embeddingSize = 8
        config.dropout = 0
        if recurrent {
            (config.encoderHiddenSize, config.decoderHiddenSize, config.attentionSize, config.preOutputSize) = (4, 8, 6, 8)
        } else {
            config.architecture = .transformer
            config.attention = .scaledDot
            config.transformerLayers = 2
            config.transformerHeads = 2
            config.feedForwardSize = 12
            config.tieEmbeddings = tied ? .target : .none
        }
        let model = Seq2Seq(config, seed: seed)
        ModelFixtures.randomize(model, seed: seed + 100)
        var configuration = TrainingConfiguration(
            data: .init(train: "data/train", valid: "data/valid", sourceLanguage: .english, targetLanguage: .german),
            output: .init(directory: "/tmp/nmt-unused"))
        configuration.model = config.settings
        let path = temporary.path("model-\(tied)-\(recurrent)-\(seed).ckpt")
        try ModelCheckpoint.save(to: path, model: model, optimizer: nil, codec: try Self.codec(), configuration: configuration, state: nil)
        return (path, model)
    }

    /// Runs python3 with `arguments`; its status and output.
    private func python(_ arguments: [String], input: String = "") throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe(), error = Pipe(), stdin = Pipe()
        (process.standardOutput, process.standardError, process.standardInput) = (output, error, stdin)
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let errorText = error.fileHandleForReading.readDataToEndOfFile()
        let outputText = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputText, as: UTF8.self), String(decoding: errorText, as: UTF8.self))
    }

    private func requireCTranslate2() throws {
        let check = try python([scripts + "/" + CTranslate2Export.converterScript, "--check"])
        if check.status != 0 {
            throw XCTSkip("CTranslate2 export not checked: \(check.error.isEmpty ? check.output : check.error)")
        }
    }

    // MARK: Refusals (no CTranslate2 needed)

    func testAnLSTMIsRefusedNamingWhy() throws {
        let lstm = try checkpoint(tied: false, recurrent: true)
        let output = temporary.path("lstm-export")
        XCTAssertThrowsError(try CTranslate2Export.export(checkpoint: lstm.path, to: output, quantization: .float32, scripts: scripts)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("LSTM") && message.contains("no recurrent"), message)
            XCTAssertTrue((error as? ExportError)?.isUsageError == true)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter { $0.hasPrefix(".") }, [],
                       "no work directory left behind")
    }

    func testAnInt8CheckpointIsRefusedNamingTheFloatRoute() throws {
        let model = try checkpoint(tied: true)
        let int8 = temporary.path("int8.ckpt")
        _ = try ModelCheckpoint.writeInt8(from: model.path, to: int8)
        let output = temporary.path("int8-export")
        XCTAssertThrowsError(try CTranslate2Export.export(checkpoint: int8, to: output, quantization: .int8, scripts: scripts)) { error in
            XCTAssertEqual(error as? ExportError, .quantizedCheckpoint(path: int8))
            XCTAssertTrue("\(error)".contains("export the float32 checkpoint"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    func testAnExistingFileOrNonEmptyDirectoryIsNeverOverwritten() throws {
        let model = try checkpoint(tied: true)
        let file = try temporary.file("taken", "keep me\n")
        let full = temporary.path("full")
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: false)
        try temporary.file("full/mine.txt", "mine\n")
        for destination in [file, full] {
            XCTAssertThrowsError(try CTranslate2Export.export(checkpoint: model.path, to: destination, quantization: .float32,
                                                              scripts: scripts)) { error in
                XCTAssertTrue("\(error)".contains("give a new or empty directory"), "\(error)")
            }
        }
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "keep me\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: full), ["mine.txt"])
        XCTAssertThrowsError(try CTranslate2Export.export(checkpoint: model.path, to: temporary.path("no/such/dir"),
                                                          quantization: .float32, scripts: scripts)) { error in
            XCTAssertTrue("\(error)".contains("does not exist"), "\(error)")
        }
    }

    /// The kinds the export reproduces are segmentation kinds (a typo would refuse one silently);
    /// any other kind is refused by name.
    func testTheExportedSegmentationsAreKinds() {
        let kinds = Set(TrainingConfiguration.SegmentationSection.Kind.allCases.map(\.rawValue))
        XCTAssertTrue(CTranslate2Export.exportedSegmentations.isSubset(of: kinds))
        XCTAssertEqual(CTranslate2Export.exportedSegmentations, ["bpe", "word", "char"])
        let refusal = ExportError.unsupportedSegmentation(path: "m.ckpt", segmentation: "sentencepiece")
        XCTAssertTrue(refusal.isUsageError)
        XCTAssertTrue("\(refusal)".contains("m.ckpt segments with sentencepiece"), "\(refusal)")
    }

    func testMissingScriptsAreNamed() {
        XCTAssertThrowsError(try CTranslate2Export.scriptsDirectory(executablePath: "/nonexistent/bin/nmt", environment: [:])) { error in
            XCTAssertTrue("\(error)".contains("NMT_EXPORT_SCRIPTS"), "\(error)")
        }
        XCTAssertEqual(try CTranslate2Export.scriptsDirectory(executablePath: nil, environment: ["NMT_EXPORT_SCRIPTS": scripts]), scripts)
        XCTAssertEqual(try CTranslate2Export.scriptsDirectory(executablePath: Repository.root + "/.build/release/nmt", environment: [:]),
                       scripts)
    }

    func testAMissingPythonIsNamed() throws {
        let model = try checkpoint(tied: true)
        XCTAssertThrowsError(try CTranslate2Export.export(checkpoint: model.path, to: temporary.path("out"), quantization: .float32,
                                                          scripts: scripts, python: "no-such-python3")) { error in
            XCTAssertEqual(error as? ExportError, .pythonNotFound(python: "no-such-python3"))
            XCTAssertTrue("\(error)".contains("pip install ctranslate2"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary.path("out")))
    }

    // MARK: CTranslate2 decodes what nmt decodes

    /// Greedy search: CTranslate2's output equals nmt's on every line, untied and tied, into a
    /// new directory and into an empty one. The random models rarely say </s>, so most lines
    /// run to nmt's length limit: the limits agree too.
    func testCTranslate2GreedyOutputEqualsNmts() throws {
        try requireCTranslate2()
        for (tied, seed) in [(false, UInt64(4)), (true, UInt64(5))] {
            let (path, model) = try checkpoint(tied: tied, seed: seed)
            let directory = temporary.path("export-\(tied)")
            if tied { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false) }
            let summary = try CTranslate2Export.export(checkpoint: path, to: directory, quantization: .float32, scripts: scripts)
            XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: directory)), Set(summary.files))

            var settings = SearchSettings()
            settings.beam = 1
            let ours = Translator(model: model, codec: try Self.codec(), settings: settings).translate(Self.lines).map(\.text)
            let atLimit = zip(Self.lines, ours).filter { line, output in
                output.split(separator: " ").count == 2 * line.split(separator: " ").count + 10
            }
            XCTAssertFalse(atLimit.isEmpty, "some lines run to the length limit (tied: \(tied))")
            let theirs = try python([directory + "/translate.py", "--beam", "1"], input: Self.lines.joined(separator: "\n") + "\n")
            XCTAssertEqual(theirs.status, 0, theirs.error)
            XCTAssertEqual(theirs.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init), ours,
                           "tied: \(tied)")
        }
    }

    /// An int8 export loads and translates every line (its outputs may differ from float32's).
    func testAnInt8ExportTranslates() throws {
        try requireCTranslate2()
        let (path, _) = try checkpoint(tied: true)
        let directory = temporary.path("int8")
        let summary = try CTranslate2Export.export(checkpoint: path, to: directory, quantization: .int8, scripts: scripts)
        XCTAssertEqual(summary.quantization, .int8)
        let manifest = try String(contentsOfFile: directory + "/nmt-export.json", encoding: .utf8)
        XCTAssertTrue(manifest.contains("\"quantization\" : \"int8\""), manifest)
        let theirs = try python([directory + "/translate.py", "--beam", "2"], input: Self.lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(theirs.status, 0, theirs.error)
        XCTAssertEqual(theirs.output.split(separator: "\n", omittingEmptySubsequences: false).count, Self.lines.count + 1)
    }
}
