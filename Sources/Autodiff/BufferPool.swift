import Foundation

/// Recycles Float buffers by element count, so that the tensors of one training step reuse the
/// memory of the previous step instead of going back to malloc. Shapes repeat across time steps
/// and across length-bucketed batches, so nearly every request after the first batch is a hit.
///
/// Thread-safe behind a lock (decoding runs one batch per core; an uncontended lock costs tens
/// of nanoseconds against the microseconds of the op that asks). Kernels that split one op
/// across cores never allocate.
public enum BufferPool {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
    nonisolated(unsafe) fileprivate(set) static var pooledFloats = 0
    /// Above this many pooled floats (1 GiB) returned buffers are released instead of kept.
    private static let capacity = 1 << 28

    /// Buffers are handed out in size classes: 2^k·(1 + j/8), so a [T·B, V] logits buffer of one
    /// batch serves the next batch with a slightly different T (at most 12.5% slack). Without
    /// this, large buffers went back to the kernel and came back as fresh zeroed pages each batch.
    @inline(__always)
    static func sizeClass(_ count: Int) -> Int {
        guard count > 64 else { return max(count, 1) }
        let k = Int.bitWidth - 1 - count.leadingZeroBitCount  // 2^k ≤ count < 2^(k+1)
        let step = 1 << (k - 3)
        return (count + step - 1) / step * step
    }

    static func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        let size = sizeClass(count)
        lock.lock()
        defer { lock.unlock() }
        // In place: copying the list out and back would copy it on every reuse.
        if let buffer = free[size]?.popLast() {
            pooledFloats -= size
            return buffer
        }
        return UnsafeMutablePointer<Float>.allocate(capacity: size)
    }

    static func give(_ buffer: UnsafeMutablePointer<Float>, count: Int) {
        let size = sizeClass(count)
        lock.lock()
        defer { lock.unlock() }
        if pooledFloats + size > capacity {
            buffer.deallocate()
            return
        }
        free[size, default: []].append(buffer)
        pooledFloats += size
    }

    /// Frees every pooled buffer (between phases with different shapes, or in tests).
    public static func drain() {
        lock.lock()
        defer { lock.unlock() }
        for (_, list) in free { for buffer in list { buffer.deallocate() } }
        free.removeAll()
        pooledFloats = 0
    }
}

extension BufferPool {
    /// Frees the pool when it holds more than `limit` floats: decoding batches of varying shape
    /// would otherwise keep one buffer per shape ever seen.
    public static func drainIfLarge(limit: Int = 1 << 26) {
        lock.lock()
        let large = pooledFloats > limit
        lock.unlock()
        if large { drain() }
    }
}
