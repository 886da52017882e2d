import Files
import Foundation
import Text
import XCTest

/// Lowercased tokenization of Multi30k's raw val split against the data set's own tok/ files
/// (Moses normalize-punctuation + tokenizer.perl + lowercasing, XML escapes undone).
/// scripts/checks/text-tools.sh does the same for the train split through the command line.
final class Multi30kAgreementTests: XCTestCase {
    func testAtLeast97PercentOfLinesMatchMoses() throws {
        let directory = try multi30kDirectory()
        for language in [Language.english, .german, .french, .czech] {
            let raw = try LineReader.lines(ofFile: "\(directory)/raw/val.\(language.code)")
            let reference = try LineReader.lines(ofFile: "\(directory)/tok/val.\(language.code)").map(Self.unescape)
            XCTAssertEqual(raw.count, reference.count)
            let pipeline = TextPipeline(language: language, lowercase: true)
            let equal = zip(raw, reference).filter { pipeline.tokens(of: $0).joined(separator: " ") == $1 }.count
            let share = Double(equal) / Double(raw.count)
            XCTAssertGreaterThanOrEqual(share, 0.97, "\(language.code): \(equal) of \(raw.count)")
        }
    }

    private static func unescape(_ line: String) -> String {
        var line = line
        for (escaped, plain) in [("&apos;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"),
                                 ("&#91;", "["), ("&#93;", "]"), ("&#124;", "|"), ("&amp;", "&")] {
            line = line.replacingOccurrences(of: escaped, with: plain)
        }
        return line
    }
}
