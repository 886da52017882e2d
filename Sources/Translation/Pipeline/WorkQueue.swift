import Synchronization

/// Items handed out in order, each to exactly one of the threads that ask: the translator's
/// batches, taken by whichever decoding worker is free.
package final class WorkQueue<Item: Sendable>: Sendable {
    private let items: [Item]
    private let taken = Mutex(0)

    init(_ items: [Item]) { self.items = items }

    /// The next item not yet handed out, or nil when none is left.
    func next() -> Item? {
        let position = taken.withLock { count -> Int in
            defer { count += 1 }
            return count
        }
        return position < items.count ? items[position] : nil
    }
}
