import TestSupport
@testable import Text
import XCTest

/// Vocabularies a user already has: nmt's own files, and lists of units with or without counts.
final class VocabularyImportTests: XCTestCase {
    func testNMTsOwnFileReadsAsItIs() throws {
        let directory = try TemporaryDirectory()
        let vocabulary = try Vocabulary(words: ["die", "katze", "@@"])
        let path = directory.path("vocab.de")
        try vocabulary.write(to: path)
        XCTAssertEqual(try Vocabulary(importing: path), vocabulary)
    }

    /// subword-nmt's get_vocab output: ids in file order after the specials, counts unused.
    func testUnitsWithCountsKeepTheFilesOrder() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("vocab.txt", "die 120\nkat@@ 7\nze 7\n<unk> 3\nhund 1\n")
        let vocabulary = try Vocabulary(importing: path)
        XCTAssertEqual(vocabulary.tokens, Vocabulary.specialTokens + ["die", "kat@@", "ze", "hund"])
        XCTAssertEqual(vocabulary.id(of: "kat@@"), 5)
    }

    func testAPlainListOfUnits() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("vocab.txt", "猫\n狗\n")
        XCTAssertEqual(try Vocabulary(importing: path).tokens, Vocabulary.specialTokens + ["猫", "狗"])
    }

    func testMalformedLinesAreNamedByFileAndLine() throws {
        let directory = try TemporaryDirectory()
        let cases: [(String, Int, String)] = [
            ("die 3\n\nhund 1\n", 2, "expected a unit"),
            ("die 3\nkatze 2 1\n", 2, "3 fields"),
            ("die 3\nkatze many\n", 2, "'many' is not a whole number"),
            ("die 3\nhund 2\ndie 1\n", 3, "'die' already on line 1"),
            ("die  3\n", 1, "expected a unit"),
        ]
        for (index, (text, line, reason)) in cases.enumerated() {
            let path = try directory.file("bad\(index).txt", text)
            XCTAssertThrowsError(try Vocabulary(importing: path)) { error in
                guard case TextError.invalidVocabulary(let file, let found, let message) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(file, path)
                XCTAssertEqual(found, line, text)
                XCTAssertTrue(message.contains(reason), "\(message) for \(text.debugDescription)")
            }
        }
    }
}
