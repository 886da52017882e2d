import Autodiff
@testable import Layers
import XCTest

/// The cache's lineage: which row of each step every row's history passes through.
final class SelfAttentionCacheTests: XCTestCase {
    func step(_ rows: Int) -> Tensor { Tensor(zeros: [rows, 4]) }

    func testAppendsKeepEachRowOnItsOwnLine() {
        let cache = SelfAttentionCache()
        cache.continueRows([0, 0, 0])  // before any step: nothing to reorder
        cache.append(keys: step(3), values: step(3))
        cache.append(keys: step(3), values: step(3))
        XCTAssertEqual(cache.steps, 2)
        XCTAssertEqual(cache.lineage, [0, 0, 1, 1, 2, 2])
    }

    func testReorderAndDropRewriteTheLineageOnly() {
        let cache = SelfAttentionCache()
        cache.append(keys: step(3), values: step(3))
        let firstKeys = cache.keys[0]
        cache.continueRows([2, 0, 0])
        XCTAssertEqual(cache.lineage, [2, 0, 0])
        cache.append(keys: step(3), values: step(3))
        XCTAssertEqual(cache.lineage, [2, 0, 0, 1, 0, 2])
        cache.continueRows([2, 0])  // a sentence finished: two rows remain
        XCTAssertEqual(cache.lineage, [0, 2, 2, 0])
        XCTAssertEqual(cache.rows, 2)
        XCTAssertTrue(cache.keys[0] === firstKeys, "keys are never copied")
        cache.continueRows([0, 1])  // identity: unchanged
        XCTAssertEqual(cache.lineage, [0, 2, 2, 0])
        cache.append(keys: step(2), values: step(2))
        XCTAssertEqual(cache.lineage, [0, 2, 0, 2, 0, 1])
    }
}
