import Foundation
import TestSupport
import XCTest

/// Any well-formed BCP 47 tag names a language: the corpus files carry it as their suffix, the
/// checkpoint records it, and translation needs nothing else. A malformed tag is refused naming
/// the key and saying what is wrong.
final class LanguageTagTests: XCTestCase {
    func testPairWithRegionAndScriptSubtagsTrainsAndTranslates() throws {
        var indices = LinearCongruentialIndices(seed: 7)
        let languages = (source: "pt-BR", target: "sr-Latn-RS")
        let fixture = try TrainingFixture(splits: [("train", ToyLanguage.small.pairs(300, using: &indices)),
                                                   ("valid", ToyLanguage.small.pairs(20, using: &indices))],
                                          languages: languages)
        defer { fixture.remove() }
        var configuration = ToyConfiguration(updates: 400, validateEvery: 400)
        configuration.languages = languages
        let checkpoint = try fixture.train(configuration)

        let metadata = String(decoding: try Data(contentsOf: URL(fileURLWithPath: checkpoint)).prefix(64 * 1024), as: UTF8.self)
        XCTAssertTrue(metadata.contains("pt-BR") && metadata.contains("sr-Latn-RS"), "the checkpoint records the tags")

        let input = fixture.path + "/input.txt"
        try "the cat sees a dog .\nthe big house .\n".write(toFile: input, atomically: true, encoding: .utf8)
        let translated = try BuiltExecutable.nmt.run(["translate", "--checkpoint", checkpoint, "--input", input])
        XCTAssertEqual(translated.status, 0, translated.error)
        XCTAssertEqual(translated.output.split(separator: "\n"), ["hund eine sieht katze die.", "haus gross die."])
    }

    func testMalformedTagIsRefusedNamingTheKey() throws {
        let fixture = try TrainingFixture()
        defer { fixture.remove() }
        var configuration = ToyConfiguration(updates: 1, validateEvery: 1)
        configuration.languages = (source: "en", target: "pt_BR")
        let config = try fixture.writeConfiguration(configuration.yaml(directory: fixture.path))
        let trained = try BuiltExecutable.nmt.run(["train", "--config", config])
        XCTAssertEqual(trained.status, 2, trained.error)
        XCTAssertTrue(trained.error.contains("data.target_language"), trained.error)
        XCTAssertTrue(trained.error.contains("'pt_BR' is not a language tag: subtags are separated by '-', not '_' (pt-BR)"),
                      trained.error)
    }

    func testTokenizeTakesAnyTagAndRefusesAMalformedOne() throws {
        let tokenized = try BuiltExecutable.nmt.run(["tokenize", "--language", "xx"], input: "Ahoj, světe! To je d'Artagnan.\n")
        XCTAssertEqual(tokenized.status, 0, tokenized.error)
        XCTAssertEqual(tokenized.output, "Ahoj , světe ! To je d ' Artagnan .\n")
        let refused = try BuiltExecutable.nmt.run(["tokenize", "--language", "cs_CZ"], input: "ahoj\n")
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.error.contains("'cs_CZ' is not a language tag"), refused.error)
    }
}
