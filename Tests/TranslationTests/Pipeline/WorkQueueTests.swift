import Dispatch
import Synchronization
@testable import Translation
import XCTest

final class WorkQueueTests: XCTestCase {
    func testEveryItemGoesToExactlyOneTakerInOrder() {
        let queue = WorkQueue(Array(0..<10_000))
        let taken = Mutex([[Int]](repeating: [], count: 4))
        DispatchQueue.concurrentPerform(iterations: 4) { taker in
            var mine: [Int] = []
            while let item = queue.next() { mine.append(item) }
            taken.withLock { $0[taker] = mine }
        }
        let lists = taken.withLock { $0 }
        // Each taker sees its items in the queue's order; together they are every item once.
        for list in lists { XCTAssertEqual(list, list.sorted()) }
        XCTAssertEqual(lists.flatMap { $0 }.sorted(), Array(0..<10_000))
        XCTAssertNil(queue.next())
    }
}
