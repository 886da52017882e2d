import Dispatch
import Foundation

/// Splits elementwise work across the cores when it is large enough to pay for the hand-off.
///
/// How many cores a thread's kernels may split across is the thread's own setting: a worker that
/// already has a core to itself (a data-parallel training share, a decoding batch) runs its
/// kernels with `onOneCore`, and nothing it does changes what other threads see.
public enum Parallel {
    /// Below this many elements a kernel runs on the calling thread: waking a second thread costs
    /// about as much as a few tens of thousands of fused multiply-adds.
    public static let defaultThreshold = 1 << 16
    public static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    final class Budget {
        var cores = Parallel.cores
        var threshold = Parallel.defaultThreshold
    }

    private static let budget = ThreadConfined { Budget() }

    /// This thread's splitting threshold, in elements.
    public static var threshold: Int { budget.value.threshold }

    /// How many cores this thread's kernels and matrix products may split across.
    public static var coreBudget: Int { budget.value.cores }

    /// Runs `body` with this thread's kernels kept on this thread.
    public static func onOneCore<T>(_ body: () throws -> T) rethrows -> T {
        try with(cores: 1, body)
    }

    /// Runs `body` with this thread's kernels split over `cores` above `threshold` elements.
    public static func with<T>(cores: Int = Parallel.cores, threshold: Int = Parallel.defaultThreshold,
                               _ body: () throws -> T) rethrows -> T {
        let current = budget.value
        let saved = (current.cores, current.threshold)
        current.cores = max(1, min(cores, Parallel.cores))
        current.threshold = threshold
        defer { (current.cores, current.threshold) = saved }
        return try body()
    }

    /// Calls `body` on disjoint subranges covering 0..<count, in parallel when count ≥ threshold.
    /// `threshold` defaults to this thread's. `body` must not allocate tensors.
    @inline(__always)
    public static func forEachChunk(_ count: Int, threshold: Int? = nil, _ body: (Range<Int>) -> Void) {
        let current = budget.value
        let chunks = current.cores
        guard chunks > 1, count >= (threshold ?? current.threshold) else {
            body(0..<count)
            return
        }
        let size = (count + chunks - 1) / chunks
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * size
            let end = min(count, start + size)
            if start < end { body(start..<end) }
        }
    }

    /// Σ over disjoint subranges covering 0..<count of `partial(range)`, the subranges computed
    /// in parallel when count ≥ this thread's threshold. The split depends only on count and the
    /// thread's core budget, so the sum is the same on every run.
    public static func sum(_ count: Int, _ partial: (Range<Int>) -> Double) -> Double {
        let current = budget.value
        let chunks = current.cores
        guard chunks > 1, count >= current.threshold else { return partial(0..<count) }
        let size = (count + chunks - 1) / chunks
        let results = UnsafeMutableBufferPointer<Double>.allocate(capacity: chunks)
        defer { results.deallocate() }
        results.initialize(repeating: 0)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * size
            let end = min(count, start + size)
            if start < end { results[chunk] = partial(start..<end) }
        }
        return results.reduce(0, +)
    }
}
