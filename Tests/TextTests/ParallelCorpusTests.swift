import Files
import TestSupport
import Text
import XCTest

final class ParallelCorpusTests: XCTestCase {
    func testAlignedFilesByPrefix() throws {
        let directory = try TemporaryDirectory()
        try directory.file("train.en", "A dog.\nTwo cats.\n")
        try directory.file("train.de", "Ein Hund.\nZwei Katzen.\n")
        let corpus = ParallelCorpus(prefix: directory.path + "/train", sourceSuffix: "en", targetSuffix: "de")
        XCTAssertEqual(try corpus.readAll(), [
            SentencePair(source: "A dog.", target: "Ein Hund."),
            SentencePair(source: "Two cats.", target: "Zwei Katzen."),
        ])
    }

    func testLineCountMismatchNamesBothFilesAndCounts() throws {
        let directory = try TemporaryDirectory()
        let source = try directory.file("train.en", "a\nb\nc\n")
        let target = try directory.file("train.de", "a\n")
        XCTAssertThrowsError(try ParallelCorpus(sourcePath: source, targetPath: target).readAll()) { error in
            XCTAssertEqual(error as? TextError, .lineCountMismatch(sourcePath: source, sourceLines: 3, targetPath: target, targetLines: 1))
            XCTAssertEqual("\(error)", "line counts differ: \(source) has 3 lines, \(target) has 1")
        }
        XCTAssertThrowsError(try ParallelCorpus(sourcePath: target, targetPath: source).readAll()) { error in
            XCTAssertEqual(error as? TextError, .lineCountMismatch(sourcePath: target, sourceLines: 1, targetPath: source, targetLines: 3))
        }
    }

    func testTabSeparated() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("train.tsv", "A dog.\tEin Hund.\n\nx\t\n")
        XCTAssertEqual(try ParallelCorpus(tabSeparatedPath: path).readAll(), [
            SentencePair(source: "A dog.", target: "Ein Hund."),
            SentencePair(source: "", target: ""),
            SentencePair(source: "x", target: ""),
        ])
        let bad = try directory.file("bad.tsv", "a\tb\na b c\n")
        XCTAssertThrowsError(try ParallelCorpus(tabSeparatedPath: bad).readAll()) { error in
            XCTAssertEqual(error as? TextError, .malformedTabSeparatedLine(path: bad, line: 2, tabs: 0))
        }
    }

    func testInvalidUTF8AndMissingFile() throws {
        let directory = try TemporaryDirectory()
        let source = try directory.file("s", "a\nb\n")
        let target = try directory.file("t", bytes: [0x61, 0x0A, 0xFF, 0x0A])
        XCTAssertThrowsError(try ParallelCorpus(sourcePath: source, targetPath: target).readAll()) { error in
            XCTAssertEqual(error as? LineError, .invalidUTF8(path: target, line: 2))
        }
        XCTAssertThrowsError(try ParallelCorpus(sourcePath: source, targetPath: directory.path + "/none").readAll()) { error in
            XCTAssertEqual(error as? LineError, .fileNotFound(path: directory.path + "/none"))
        }
    }

    func testStreamsPairByPair() throws {
        let directory = try TemporaryDirectory()
        try directory.file("x.en", "1\n2\n3\n")
        try directory.file("x.fr", "un\ndeux\ntrois\n")
        let reader = try ParallelCorpus(prefix: directory.path + "/x", sourceSuffix: "en", targetSuffix: "fr").makeReader()
        XCTAssertEqual(try reader.next()?.target, "un")
        XCTAssertEqual(reader.pairCount, 1)
        XCTAssertEqual(try reader.next()?.source, "2")
    }
}
