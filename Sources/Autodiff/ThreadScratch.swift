/// Scratch memory that belongs to one thread: where a kernel call rounds or quantizes its inputs
/// before the product (the bf16 GEMM packs both operands, a bf16 packed weight rounds x's rows,
/// an int8 weight quantizes them). Allocated on the thread's first call and grown only when a
/// larger product needs more, so no call allocates once the thread is warm.
///
/// One kernel call at a time uses a thread's scratch: none of those calls nests inside another.
/// A product split over cores (`GEMM.forEachColumnRange`) either fills the caller's scratch
/// before the split, which the other cores then only read (int8), or fills each core's own
/// scratch inside its column range (bf16).
final class ThreadScratch {
    private(set) var bytes = 0
    private(set) var pointer: UnsafeMutableRawPointer?

    /// At least `count` bytes, 64-byte aligned, kept for the thread's later calls. Its contents
    /// are not kept when it grows.
    func reserve(_ count: Int) -> UnsafeMutableRawPointer {
        if let pointer, bytes >= count { return pointer }
        pointer?.deallocate()
        let grown = max(count, 2 * bytes)
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 64)
        (pointer, bytes) = (fresh, grown)
        return fresh
    }

    deinit { pointer?.deallocate() }

    private static let perThread = ThreadConfined { ThreadScratch() }

    /// The calling thread's scratch.
    static var current: ThreadScratch { perThread.value }
}
