@testable import Autodiff
import Dispatch
import Layers
import TestSupport
import XCTest

final class BufferPoolTests: XCTestCase {
    override func setUp() { BufferPool.drain() }
    override func tearDown() { BufferPool.drain() }

    /// A dead tensor's buffer is handed to the next tensor of the same element count (whatever its
    /// shape), and not to one of a different count.
    func testBuffersAreReusedByCount() {
        var first: Tensor? = Tensor(zeros: [3, 4])
        let address = first!.data
        first = nil
        let sameCount = Tensor(uninitialized: [2, 6])
        XCTAssertEqual(sameCount.data, address)
        let otherCount = Tensor(uninitialized: [5])
        XCTAssertNotEqual(otherCount.data, address)
    }

    /// Initializers and gradient buffers must not leak the previous owner's values.
    func testRecycledBuffersAreCleared() {
        var old: Tensor? = Tensor(shape: [4], repeating: 7, requiresGrad: true)
        _ = old!.gradBuffer()
        old!.gradBuffer().update(repeating: 9, count: 4)
        var older: Tensor? = Tensor(shape: [4], repeating: 5, requiresGrad: true)
        older!.gradBuffer().update(repeating: 3, count: 4)
        older = nil
        old = nil  // returns both the values and the gradient buffer
        let zeros = Tensor(zeros: [4])
        XCTAssertEqual(zeros.values, [0, 0, 0, 0])
        let other = Tensor(shape: [4], values: [1, 2, 3, 4])
        _ = other.gradBuffer()
        XCTAssertEqual(other.gradient!, [0, 0, 0, 0])
    }

    /// A large request that misses allocates twice its class; given back, that buffer serves
    /// smaller requests (down to a quarter of its size) and larger ones up to its size, whose
    /// whole length is writable.
    func testLargeRequestsTakeTheSmallestFreeBufferThatHoldsThem() {
        let pool = BufferPool(capacity: 1 << 28)
        defer { pool.drain() }
        let large = BufferPool.largeBuffer * 3
        let big = pool.take(large)
        let allocated = 2 * BufferPool.sizeClass(large)
        pool.give(big, count: large)
        XCTAssertEqual(pool.pooledFloats, allocated)
        let smaller = pool.take(large * 3 / 4)
        XCTAssertEqual(smaller, big)
        pool.give(smaller, count: large * 3 / 4)
        XCTAssertEqual(pool.pooledFloats, allocated, "given back under its real size, not the request's")
        let longer = pool.take(allocated)
        XCTAssertEqual(longer, big)
        longer.update(repeating: 2, count: allocated)
        pool.give(longer, count: allocated)
        // More than four times smaller than the free buffer: a buffer of its own.
        let far = pool.take(BufferPool.largeBuffer)
        XCTAssertNotEqual(far, big)
        // Two free buffers: a request takes the smaller one that holds it.
        pool.give(far, count: BufferPool.largeBuffer)
        let (first, second) = (pool.take(BufferPool.largeBuffer + 1), pool.take(3 * BufferPool.largeBuffer))
        XCTAssertEqual(first, far)
        XCTAssertEqual(second, big)
        pool.give(first, count: BufferPool.largeBuffer + 1)
        pool.give(second, count: 3 * BufferPool.largeBuffer)
    }

    /// Over capacity, the least recently returned large buffers are freed and the newest kept.
    func testOverCapacityTheOldestLargeBuffersGo() {
        let size = BufferPool.largeBuffer
        let pool = BufferPool(capacity: 4 * size)  // room for two buffers of 2 × size
        defer { pool.drain() }
        let (a, b, c) = (pool.take(size), pool.take(size), pool.take(size))
        pool.give(a, count: size)
        pool.give(b, count: size)
        pool.give(c, count: size)
        XCTAssertEqual(pool.pooledFloats, 4 * size)
        let kept: Set = [pool.take(size), pool.take(size)]
        XCTAssertEqual(kept, [b, c])
        XCTAssertEqual(pool.pooledFloats, 0)
    }

    func testTakeGiveDrain() {
        let a = BufferPool.take(16)
        BufferPool.give(a, count: 16)
        let b = BufferPool.take(16)
        XCTAssertEqual(a, b)
        BufferPool.give(b, count: 16)
        BufferPool.drain()
        // After a drain the pool is empty: a new take allocates (and must not crash on a freed buffer).
        let c = BufferPool.take(16)
        c.update(repeating: 1, count: 16)
        BufferPool.give(c, count: 16)
    }

    /// Decoding creates tensors on several threads at once: take and give are locked. Each thread
    /// writes its own mark into every buffer it holds and checks it is still there when giving
    /// it back, so a buffer handed to two threads at once would show.
    func testConcurrentTakeAndGive() {
        let failures = UnsafeMutablePointer<Int>.allocate(capacity: 4)
        defer { failures.deallocate() }
        failures.update(repeating: 0, count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            var generator = SeededGenerator(seed: UInt64(170 + thread))
            var held: [(UnsafeMutablePointer<Float>, Int)] = []
            for _ in 0..<4000 {
                if held.count < 8 && (held.isEmpty || generator.next() % 2 == 0) {
                    let count = 1 + Int(generator.next() % 300)
                    let buffer = BufferPool.take(count)
                    buffer.update(repeating: Float(thread), count: count)
                    held.append((buffer, count))
                } else {
                    let (buffer, count) = held.removeLast()
                    if (0..<count).contains(where: { buffer[$0] != Float(thread) }) { failures[thread] += 1 }
                    BufferPool.give(buffer, count: count)
                }
            }
            for (buffer, count) in held { BufferPool.give(buffer, count: count) }
        }
        XCTAssertEqual((0..<4).map { failures[$0] }, [0, 0, 0, 0])
    }

    /// Zero-element tensors still get a valid (one-float) allocation.
    func testEmptyTensor() {
        let empty = Tensor(zeros: [0, 3])
        XCTAssertEqual(empty.count, 0)
        XCTAssertEqual(empty.values, [])
    }

    /// Two ways recycled memory could leak into gradients, checked against an undisturbed run:
    /// - a backward rule that reads a saved buffer through a raw pointer must keep its tensor
    ///   alive; otherwise the buffer goes back to the pool after forward and the next tensor of
    ///   that size overwrites it (here: NaN-filled tensors held across backward);
    /// - a gradient buffer handed out uninitialized (`gradBufferForOverwrite`) must have every
    ///   element written (here: the pool is filled with NaN buffers just before backward).
    func testRecycledMemoryNeverReachesGradients() {
        var generator = SeededGenerator(seed: 150)
        let (b, s, h, v) = (3, 2, 4, 5)
        let gates = uniformTensor([b, 4 * h], in: -2...2, &generator), cell = uniformTensor([b, h], &generator)
        let query = uniformTensor([b, h], &generator), keys = uniformTensor([s * b, h], &generator)
        let energy = uniformTensor([h], &generator), values = uniformTensor([s * b, v], &generator)
        let w = uniformTensor([v + h, v + h], &generator)
        let originals = [gates, cell, query, keys, energy, values, w]
        let mask: [Float] = [1, 1, 1, 1, 0, 1]
        // Every element count in play, and their neighbours.
        let sizes = Set([b, h, v, 4 * h, b * h, b * v, b * 4 * h, s * b, s * b * h, s * b * v,
                         b * (v + h), (v + h) * (v + h), 1].flatMap { [$0, $0 + 1] })
        func poison() -> [Tensor] {
            sizes.flatMap { size in (0..<3).map { _ in Tensor(shape: [size], repeating: .nan) } }
        }
        /// Gradients of fresh copies of the inputs (no gradient buffers yet, so every backward
        /// rule takes the "fresh" path where it has one).
        func gradients(holdGarbage: Bool, poisonPool: Bool) -> [[Float]] {
            let tape = Tape()
            let inputs = originals.map { $0.copy() }
            tape.watch(inputs)
            let (gates, cell, query, keys) = (inputs[0], inputs[1], inputs[2], inputs[3])
            let (energy, values, w) = (inputs[4], inputs[5], inputs[6])
            var dropout = SeededGenerator(seed: 151)
            let (hidden, newCell) = Tensor.lstmCell(gates: gates, previousCell: cell)
            let (context, _) = Tensor.additiveAttention(query: query + hidden, keys: keys, energy: energy,
                                                        values: values, mask: mask)
            let features = Tensor.concatColumns([context, newCell.softmax()]).dropout(0.2, using: &dropout)
            let logits = features.matmul(w)
            let loss = logits.crossEntropy(targets: [1, 0, 8], smoothing: 0.1, ignoreIndex: 0).loss
            if poisonPool { _ = poison() }  // released at once: the pool now hands out NaN buffers
            let held = holdGarbage ? poison() : []
            tape.backward(from: loss)
            withExtendedLifetime(held) {}
            return inputs.map { $0.gradient! }
        }
        let clean = gradients(holdGarbage: false, poisonPool: false)
        XCTAssert(clean.joined().allSatisfy { $0.isFinite })
        let held = gradients(holdGarbage: true, poisonPool: false)
        let poisoned = gradients(holdGarbage: false, poisonPool: true)
        for index in originals.indices {
            XCTAssertEqual(held[index], clean[index], "held garbage, input \(index) \(originals[index].shape)")
            XCTAssertEqual(poisoned[index], clean[index], "poisoned pool, input \(index) \(originals[index].shape)")
        }
    }
}
