@testable import Layers
import XCTest

final class SequenceLayoutTests: XCTestCase {
    func testMaskAndReversalFollowTrueLengths() {
        // B = 2 sentences of lengths 3 and 1, T = 3; rows t·B + b.
        let layout = SequenceLayout(lengths: [3, 1])
        XCTAssertEqual(layout.mask, [1, 1, 1, 0, 1, 0])
        XCTAssertEqual(layout.active(at: 1), [1, 0])
        // Sentence 0 reverses (rows 0, 2, 4 ↔ 4, 2, 0); sentence 1 has one token and padding stays.
        XCTAssertEqual(layout.reversal, [4, 1, 2, 3, 0, 5])
        let twice = layout.reversal.map { layout.reversal[Int($0)] }
        XCTAssertEqual(twice, (0..<6).map(Int32.init), "the reversal is its own inverse")
    }
}
