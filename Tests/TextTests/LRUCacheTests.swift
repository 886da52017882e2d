@testable import Text
import XCTest

/// The bounded cache behind BPE: what it keeps, what it forgets first, and that BPE's cache stays
/// within its capacity however many distinct words it is sent.
final class LRUCacheTests: XCTestCase {
    func testTheLeastRecentlyUsedEntryIsForgotten() {
        var cache = LRUCache<String, Int>(capacity: 3)
        cache.insert(1, for: "a")
        cache.insert(2, for: "b")
        cache.insert(3, for: "c")
        XCTAssertEqual(cache.value(for: "a"), 1, "a is now the most recent; b the least")
        cache.insert(4, for: "d")
        XCTAssertNil(cache.value(for: "b"))
        XCTAssertEqual(cache.count, 3)
        cache.insert(30, for: "c")
        cache.insert(5, for: "e")
        XCTAssertNil(cache.value(for: "a"), "c was refreshed by its update, so a went next")
        XCTAssertEqual([cache.value(for: "c"), cache.value(for: "d"), cache.value(for: "e")], [30, 4, 5])
    }

    func testACapacityOfOneKeepsTheLastEntry() {
        var cache = LRUCache<Int, Int>(capacity: 1)
        for key in 0..<5 { cache.insert(key * 10, for: key) }
        XCTAssertEqual(cache.count, 1)
        XCTAssertEqual(cache.value(for: 4), 40)
        XCTAssertNil(cache.value(for: 3))
    }

    /// Against a plain model of LRU order, over a seeded random stream of hits and inserts.
    func testAgreesWithAnOrderedListModel() {
        var cache = LRUCache<Int, Int>(capacity: 7)
        var model: [(key: Int, value: Int)] = []  // most recent first
        var random = SplitMix64(seed: 7)
        for step in 0..<5000 {
            let key = Int(random.next() % 12)
            if random.next() % 2 == 0 {
                let expected = model.firstIndex { $0.key == key }.map { model.remove(at: $0) }
                if let expected { model.insert(expected, at: 0) }
                XCTAssertEqual(cache.value(for: key), expected?.value, "step \(step)")
            } else {
                model.removeAll { $0.key == key }
                model.insert((key, step), at: 0)
                if model.count > 7 { model.removeLast() }
                cache.insert(step, for: key)
            }
            XCTAssertEqual(cache.count, model.count)
        }
    }

    func testBPEKeepsAtMostItsCapacityAndSegmentsAsWithoutACache() {
        let merges = BPEMerges([.init("l", "o"), .init("lo", "w</w>"), .init("e", "r</w>")])
        let bounded = BPE(merges: merges, cacheCapacity: 100)
        let words = (0..<1000).map { "low\($0)er" } + (0..<1000).map { "low\($0)er" }
        for word in words {
            XCTAssertEqual(bounded.segment(word: word), BPE(merges: merges).segment(word: word))
            XCTAssertLessThanOrEqual(bounded.cachedWordCount, 100)
        }
        XCTAssertEqual(bounded.cachedWordCount, 100)
    }
}
