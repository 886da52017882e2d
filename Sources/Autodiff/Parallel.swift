import Dispatch
import Foundation

/// Splits elementwise work across the cores when it is large enough to pay for the hand-off.
public enum Parallel {
    /// Below this many elements a kernel runs on the calling thread: waking a second thread costs
    /// about as much as a few tens of thousands of fused multiply-adds.
    public static var threshold = 1 << 16
    public static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body` on disjoint subranges covering 0..<count, in parallel when count ≥ threshold.
    /// `body` must not allocate tensors (the buffer pool is single-threaded).
    @inline(__always)
    public static func forEachChunk(_ count: Int, threshold: Int = Parallel.threshold,
                                    _ body: (Range<Int>) -> Void) {
        guard count >= threshold, cores > 1 else {
            body(0..<count)
            return
        }
        let chunks = cores
        let size = (count + chunks - 1) / chunks
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * size
            let end = min(count, start + size)
            if start < end { body(start..<end) }
        }
    }
}
