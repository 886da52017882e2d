/// Recycles Float buffers by element count, so that the tensors of one training step reuse the
/// memory of the previous step instead of going back to malloc. Shapes repeat across time steps
/// and across length-bucketed batches, so nearly every request after the first batch is a hit.
///
/// Not thread-safe: tensors are created and freed on one thread; kernels that split work across
/// cores never allocate.
public enum BufferPool {
    nonisolated(unsafe) private static var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
    nonisolated(unsafe) fileprivate(set) static var pooledFloats = 0
    /// Above this many pooled floats (1 GiB) returned buffers are released instead of kept.
    private static let capacity = 1 << 28

    static func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        if var list = free[count], let buffer = list.popLast() {
            free[count] = list
            pooledFloats -= count
            return buffer
        }
        return UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
    }

    static func give(_ buffer: UnsafeMutablePointer<Float>, count: Int) {
        if pooledFloats + count > capacity {
            buffer.deallocate()
            return
        }
        free[count, default: []].append(buffer)
        pooledFloats += count
    }

    /// Frees every pooled buffer (between phases with different shapes, or in tests).
    public static func drain() {
        for (_, list) in free { for buffer in list { buffer.deallocate() } }
        free.removeAll()
        pooledFloats = 0
    }
}

extension BufferPool {
    /// Frees the pool when it holds more than `limit` floats: decoding batches of varying shape
    /// would otherwise keep one buffer per shape ever seen.
    public static func drainIfLarge(limit: Int = 1 << 26) {
        if pooledFloats > limit { drain() }
    }
}
