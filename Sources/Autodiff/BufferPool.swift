import Foundation
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

    /// A free large buffer: its real size in floats and when it came back (a counter).
    private struct FreeLarge {
        var size: Int
        var buffer: UnsafeMutablePointer<Float>
        var returned: Int
    }

    private struct Lists {
        /// Free buffers below `largeBuffer`, by size class.
        var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
        /// Free large buffers, sorted by size.
        var freeLarge: [FreeLarge] = []
        var pooledFloats = 0
        /// Large buffers given back so far: orders `freeLarge` by age.
        var returns = 0
        /// The real size of each large buffer lent out, which may exceed its request's class.
        var lentLarge: [UnsafeMutablePointer<Float>: Int] = [:]

        /// The first index of `freeLarge` whose size is at least `size` (binary search).
        func firstLarge(atLeast size: Int) -> Int {
            var (low, high) = (0, freeLarge.count)
            while low < high {
                let middle = (low + high) / 2
                if freeLarge[middle].size < size { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// Frees the least recently returned large buffers until the pool holds at most `capacity`.
        mutating func evict(downTo capacity: Int) -> [UnsafeMutablePointer<Float>] {
            var released: [UnsafeMutablePointer<Float>] = []
            while pooledFloats > capacity, !freeLarge.isEmpty {
                var oldest = 0
                for index in freeLarge.indices where freeLarge[index].returned < freeLarge[oldest].returned { oldest = index }
                let entry = freeLarge.remove(at: oldest)
                pooledFloats -= entry.size
                released.append(entry.buffer)
            }
            return released
        }
    }

    /// From this many floats (256 KiB) a request takes the smallest free buffer that holds it,
    /// up to `largestSlack` times its size, before allocating: batches differ in length (and
    /// attention buffers in two lengths), so exact size classes missed, and each miss came from
    /// malloc as fresh pages that the kernel zeroes on first touch.
    static let largeBuffer = 1 << 16
    static let largestSlack = 4

    private let lists = Mutex(Lists())
    /// Above this many pooled floats the least recently returned large buffers are released:
    /// the buffers kept are those of the batches just trained, whose sizes come back.
    private let capacity: Int

    /// An eighth of the machine's memory, at most 4 GiB: a Transformer step on two workers
    /// holds about a gigabyte of large buffers, and a smaller pool evicted the sizes that the
    /// next batches asked for again.
    public static let defaultCapacity = min(1 << 30, Int(ProcessInfo.processInfo.physicalMemory / 32))

    public init(capacity: Int = BufferPool.defaultCapacity) { self.capacity = capacity }

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
            let index = lists.firstLarge(atLeast: size)
            if index < lists.freeLarge.count, lists.freeLarge[index].size <= size * Self.largestSlack {
                let entry = lists.freeLarge.remove(at: index)
                lists.pooledFloats -= entry.size
                lists.lentLarge[entry.buffer] = entry.size
                return entry.buffer
            }
            // Twice the class: a later, longer batch's request fits it too. The second half costs
            // address space only until a request touches it (large blocks are mapped on demand).
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: 2 * size)
            lists.lentLarge[buffer] = 2 * size
            return buffer
        }
    }

    public func give(_ buffer: UnsafeMutablePointer<Float>, count: Int) {
        let requested = Self.sizeClass(count)
        let released = lists.withLock { lists -> [UnsafeMutablePointer<Float>] in
            guard requested >= Self.largeBuffer else {
                guard lists.pooledFloats + requested <= capacity else { return [buffer] }
                lists.free[requested, default: []].append(buffer)
                lists.pooledFloats += requested
                return []
            }
            let size = lists.lentLarge.removeValue(forKey: buffer) ?? requested
            lists.returns += 1
            lists.freeLarge.insert(FreeLarge(size: size, buffer: buffer, returned: lists.returns),
                                   at: lists.firstLarge(atLeast: size))
            lists.pooledFloats += size
            return lists.evict(downTo: capacity)
        }
        for stale in released { stale.deallocate() }
    }

    /// Frees every pooled buffer (between phases with different shapes, or in tests).
    public func drain() {
        let released = lists.withLock { lists -> [UnsafeMutablePointer<Float>] in
            defer { lists.free = [:]; lists.freeLarge = []; lists.pooledFloats = 0 }
            return lists.free.values.flatMap { $0 } + lists.freeLarge.map(\.buffer)
        }
        for buffer in released { buffer.deallocate() }
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
