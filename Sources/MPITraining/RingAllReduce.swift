import Autodiff
import COpenMPI
import Training

/// Σ over the ranks of a Float buffer, on every rank, as a ring of nonblocking point-to-point
/// messages, so that every wait goes through the watchdog and can end, naming a rank that makes
/// no progress (Open MPI's blocking `MPI_Allreduce` cannot time out; its nonblocking one takes a
/// slower path for buffers of tens of megabytes).
///
/// The buffer is cut into N segments. Reduce-scatter: in step s = 0 … N−2, rank r sends segment
/// r − s to rank r + 1 and adds segment r − s − 1, received from rank r − 1, into its own; after
/// it rank r holds the whole sum of segment r + 1, added in ring order. All-gather: in step s, rank
/// r sends segment r + 1 − s on and receives segment r − s in its place. Each rank sends
/// 2·(N−1)/N of the buffer, the bandwidth-optimal amount (docs/scaling.md), and every segment's sum
/// is computed once and copied, so all ranks hold the same bits.
final class RingAllReduce {
    private let rank: Int
    private let size: Int
    /// A duplicate of MPI_COMM_WORLD for the ring's messages alone.
    private let communicator: MPI_Comm?
    private let watchdog: RankWatchdog
    /// Where a received segment lands before it is added; grown to the largest segment.
    private var scratch = UnsafeMutableBufferPointer<Float>.allocate(capacity: 0)
    private static let (reduceTag, gatherTag): (Int32, Int32) = (1, 2)
    /// Names the wait in a timeout's message.
    static let description = "the all-reduce of an update"

    init(world: MPI_Comm, rank: Int, size: Int, watchdog: RankWatchdog) throws {
        self.rank = rank
        self.size = size
        self.watchdog = watchdog
        var duplicate: MPI_Comm?
        try MPIError.check(MPI_Comm_dup(world, &duplicate), "MPI_Comm_dup")
        try MPIError.check(MPI_Comm_set_errhandler(duplicate, nmt_mpi_errors_return()), "MPI_Comm_set_errhandler")
        communicator = duplicate
    }

    deinit { scratch.deallocate() }

    /// At most 2³¹ − 1 elements per segment (MPI counts are 32-bit): callers cut larger buffers.
    func sum(_ buffer: UnsafeMutableBufferPointer<Float>, timeoutSeconds: Int) throws {
        guard size > 1, let base = buffer.baseAddress, buffer.count > 0 else { return }
        let count = buffer.count
        let segment = (count + size - 1) / size
        if scratch.count < segment {
            scratch.deallocate()
            scratch = .allocate(capacity: segment)
        }
        func range(_ index: Int) -> Range<Int> {
            let start = min(((index % size + size) % size) * segment, count)
            return start..<min(start + segment, count)
        }
        for step in 0..<(size - 1) {
            let sent = range(rank - step), received = range(rank - step - 1)
            try exchange(send: base + sent.lowerBound, sent.count, receive: scratch.baseAddress!, received.count,
                         tag: Self.reduceTag, timeoutSeconds: timeoutSeconds)
            let (target, source) = (base + received.lowerBound, scratch.baseAddress!)
            Parallel.forEachChunk(received.count) { chunk in
                for i in chunk { target[i] += source[i] }
            }
        }
        for step in 0..<(size - 1) {
            let sent = range(rank + 1 - step), received = range(rank - step)
            try exchange(send: base + sent.lowerBound, sent.count, receive: base + received.lowerBound, received.count,
                         tag: Self.gatherTag, timeoutSeconds: timeoutSeconds)
        }
    }

    /// Sends to the next rank and receives from the previous one at once.
    private func exchange(send: UnsafeMutablePointer<Float>, _ sendCount: Int, receive: UnsafeMutablePointer<Float>,
                          _ receiveCount: Int, tag: Int32, timeoutSeconds: Int) throws {
        let (next, previous) = (Int32((rank + 1) % size), Int32((rank - 1 + size) % size))
        var requests: [MPI_Request?] = [nmt_mpi_request_null(), nmt_mpi_request_null()]
        try MPIError.check(MPI_Irecv(receive, Int32(receiveCount), nmt_mpi_float(), previous, tag, communicator, &requests[0]), "MPI_Irecv")
        try MPIError.check(MPI_Isend(send, Int32(sendCount), nmt_mpi_float(), next, tag, communicator, &requests[1]), "MPI_Isend")
        try watchdog.wait(for: &requests, Self.description, timeoutSeconds: timeoutSeconds, pause: 0)
    }
}
