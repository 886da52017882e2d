import Synchronization

/// Recycles Float buffers by element count, so that the tensors of one training step reuse the
/// memory of the previous step instead of going back to malloc. Shapes repeat across time steps
/// and across length-bucketed batches, so nearly every request after the first batch is a hit.
///
/// The one cache the whole process shares (`shared`): every tensor's storage comes from it and
/// returns to it when the tensor dies, on whichever thread that happens, so it cannot belong to
/// one model or one thread. Its lists sit behind a mutex held in a `let`: an uncontended lock
/// costs tens of nanoseconds against the microseconds of the op that asks. Kernels that split
/// one op across cores never allocate.
public final class BufferPool: Sendable {
    public static let shared = BufferPool()

    private struct Lists {
        var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
        var pooledFloats = 0
        /// The size class of each large buffer lent out, which may exceed its request's class.
        var lentLarge: [UnsafeMutablePointer<Float>: Int] = [:]
    }

    /// From this many floats (256 KiB) a request that misses its class takes a free buffer of
    /// one of the next `largerClasses` classes (up to about twice the size) before allocating:
    /// batches differ in length, and each new [T·B, V] class used to come from malloc as fresh
    /// pages that the kernel zeroes on first touch (5% of training samples on a 60-batch run).
    static let largeBuffer = 1 << 16
    static let largerClasses = 8

    private let lists = Mutex(Lists())
    /// Above this many pooled floats (1 GiB) returned buffers are released instead of kept.
    private let capacity: Int

    public init(capacity: Int = 1 << 28) { self.capacity = capacity }

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

    /// Floats held for reuse.
    public var pooledFloats: Int { lists.withLock { $0.pooledFloats } }

    public func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        let size = Self.sizeClass(count)
        guard size >= Self.largeBuffer else {
            // In place: copying the list out and back would copy it on every reuse.
            let reused = lists.withLock { lists -> UnsafeMutablePointer<Float>? in
                guard let buffer = lists.free[size]?.popLast() else { return nil }
                lists.pooledFloats -= size
                return buffer
            }
            return reused ?? UnsafeMutablePointer<Float>.allocate(capacity: size)
        }
        return lists.withLock { lists -> UnsafeMutablePointer<Float> in
            var candidate = size
            for _ in 0...Self.largerClasses {
                if let buffer = lists.free[candidate]?.popLast() {
                    lists.pooledFloats -= candidate
                    lists.lentLarge[buffer] = candidate
                    return buffer
                }
                candidate = Self.sizeClass(candidate + 1)
            }
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: size)
            lists.lentLarge[buffer] = size
            return buffer
        }
    }

    public func give(_ buffer: UnsafeMutablePointer<Float>, count: Int) {
        let requested = Self.sizeClass(count)
        let kept = lists.withLock { lists -> Bool in
            let size = requested >= Self.largeBuffer ? lists.lentLarge.removeValue(forKey: buffer) ?? requested : requested
            guard lists.pooledFloats + size <= capacity else { return false }
            lists.free[size, default: []].append(buffer)
            lists.pooledFloats += size
            return true
        }
        if !kept { buffer.deallocate() }
    }

    /// Frees every pooled buffer (between phases with different shapes, or in tests).
    public func drain() {
        let released = lists.withLock { lists -> [Int: [UnsafeMutablePointer<Float>]] in
            defer { lists.free = [:]; lists.pooledFloats = 0 }
            return lists.free
        }
        for (_, list) in released { for buffer in list { buffer.deallocate() } }
    }

    /// Frees the pool when it holds more than `limit` floats: decoding batches of varying shape
    /// would otherwise keep one buffer per shape ever seen.
    public func drainIfLarge(limit: Int = 1 << 26) {
        if pooledFloats > limit { drain() }
    }
}

extension BufferPool {
    public static func take(_ count: Int) -> UnsafeMutablePointer<Float> { shared.take(count) }
    public static func give(_ buffer: UnsafeMutablePointer<Float>, count: Int) { shared.give(buffer, count: count) }
    public static func drain() { shared.drain() }
    public static func drainIfLarge(limit: Int = 1 << 26) { shared.drainIfLarge(limit: limit) }
}
