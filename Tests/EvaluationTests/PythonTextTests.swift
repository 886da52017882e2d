@testable import Evaluation
import XCTest

/// Expected values from CPython 3.11 (`str.lower()`, `str.split()`), which sacrebleu uses.
final class PythonTextTests: XCTestCase {
    private func lower(_ s: String) -> String {
        String(String.UnicodeScalarView(PythonText.lowercased(Array(s.unicodeScalars))))
    }

    private func hex(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    /// 'ΟΔΟΣ ΣΟΦΟΣ.'.lower() == 'οδος σοφος.' with final ς (U+03C2) at word ends only.
    func testCapitalSigmaBecomesFinalAtTheEndOfAWord() {
        XCTAssertEqual(hex(lower("\u{39F}\u{394}\u{39F}\u{3A3} \u{3A3}\u{39F}\u{3A6}\u{39F}\u{3A3}.")),
                       [0x3BF, 0x3B4, 0x3BF, 0x3C2, 0x20, 0x3C3, 0x3BF, 0x3C6, 0x3BF, 0x3C2, 0x2E])
        // 'AΣ\u0301b Σ xΣ\u00ad'.lower(): case-ignorable marks are skipped on both sides.
        XCTAssertEqual(hex(lower("A\u{3A3}\u{301}b \u{3A3} x\u{3A3}\u{AD}")),
                       [0x61, 0x3C3, 0x301, 0x62, 0x20, 0x3C3, 0x20, 0x78, 0x3C2, 0xAD])
    }

    /// 'İẞ'.lower() == 'i̇ß': full (multi-scalar) mappings.
    func testFullLowercaseMappings() {
        XCTAssertEqual(hex(lower("\u{130}\u{1E9E}")), [0x69, 0x307, 0xDF])
        XCTAssertEqual(lower("Straße ÄÖÜ"), "straße äöü")
    }

    /// Python splits on U+001C…U+001F, NEL and the Unicode spaces, but not on ZERO WIDTH SPACE.
    func testWordsSplitOnPythonWhitespace() {
        let line = " a\u{1C}b\u{85}c\u{A0}d\u{2009}e\u{3000}f\r\ng\u{200B}h "
        let words = PythonText.words(Array(line.unicodeScalars)).map { String(String.UnicodeScalarView($0)) }
        XCTAssertEqual(words, ["a", "b", "c", "d", "e", "f", "g\u{200B}h"])
    }
}
