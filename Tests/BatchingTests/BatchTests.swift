@testable import Batching
import Text
import XCTest

final class BatchTests: XCTestCase {
    func testTimeMajorLayoutWithMasks() {
        // Two pairs: source [5 6 7] / target [8], and source [9] / target [10 11 12].
        let batch = Batch(sources: [[5, 6, 7], [9]], targets: [[8], [10, 11, 12]], indices: [4, 2])
        XCTAssertEqual(batch.size, 2)
        XCTAssertEqual(batch.indices, [4, 2])
        XCTAssertEqual(batch.sourceLength, 4)
        XCTAssertEqual(batch.sourceLengths, [4, 2])
        // Row t holds time step t of both sentences: [x_t(0), x_t(1)].
        XCTAssertEqual(batch.sourceIDs, [5, 9, 6, 2, 7, 0, 2, 0])
        XCTAssertEqual(batch.sourceMask, [1, 1, 1, 1, 1, 0, 1, 0])
        XCTAssertEqual(batch.targetLength, 4)
        XCTAssertEqual(batch.targetLengths, [2, 4])
        XCTAssertEqual(batch.targetInput, [1, 1, 8, 10, 0, 11, 0, 12])
        XCTAssertEqual(batch.targetOutput, [8, 10, 2, 11, 0, 12, 0, 2])
        XCTAssertEqual(batch.targetMask, [1, 1, 1, 1, 0, 1, 0, 1])
        XCTAssertEqual(batch.targetTokenCount, 6)
        XCTAssertEqual(batch.sourceTokenCount, 6)
    }

    func testSourceOnlyBatch() {
        let batch = Batch(sources: [[], [7]], targets: nil, indices: [0, 1])
        XCTAssertEqual(batch.sourceIDs, [2, 7, 0, 2])
        XCTAssertEqual(batch.sourceMask, [1, 1, 0, 1])
        XCTAssertEqual(batch.targetLength, 0)
        XCTAssertTrue(batch.targetInput.isEmpty && batch.targetOutput.isEmpty && batch.targetMask.isEmpty)
    }
}
