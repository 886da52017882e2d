import Autodiff
import COpenMPI
import Foundation
import Training
import Translation

/// The ranks of `MPI_COMM_WORLD` as a training group (`mpirun -np N nmt train …`).
///
/// Errors are returned, not fatal, so that a failed call becomes a message naming the call;
/// a rank that dies is noticed by mpirun, which ends the others (see the README's MPI section).
/// A rank that stops making progress without dying is noticed by the others: every wait has a
/// deadline (`rankTimeoutSeconds`), kept by `RankWatchdog`, which names the ranks that did not
/// answer; the error ends this process, and mpirun the job.
/// Every MPI call is made from the thread that created the group (MPI_THREAD_FUNNELED): the
/// trainer's worker threads compute, only its own thread communicates.
public final class MPIGroup: TrainingGroup {
    public let rank: Int
    public let size: Int
    public let ranksOnThisMachine: Int
    public let cores: Int
    private let world: MPI_Comm
    private var finished = false
    public var rankTimeoutSeconds = 0
    private let watchdog: RankWatchdog
    private let ring: RingAllReduce

    /// Initialises MPI, which a process may do once.
    public init() throws {
        var initialized: Int32 = 0
        try MPIError.check(MPI_Initialized(&initialized), "MPI_Initialized")
        guard initialized == 0 else { throw MPIError(call: "MPI_Init_thread (MPI is already initialised in this process)", code: 0) }
        var provided: Int32 = 0
        try MPIError.check(MPI_Init_thread(nil, nil, nmt_mpi_thread_funneled(), &provided), "MPI_Init_thread")
        world = nmt_mpi_comm_world()
        try MPIError.check(MPI_Comm_set_errhandler(world, nmt_mpi_errors_return()), "MPI_Comm_set_errhandler")
        var value: Int32 = 0
        try MPIError.check(MPI_Comm_rank(world, &value), "MPI_Comm_rank")
        rank = Int(value)
        try MPIError.check(MPI_Comm_size(world, &value), "MPI_Comm_size")
        size = Int(value)
        // The ranks that share this machine's memory are those that share its cores.
        var local: MPI_Comm?
        try MPIError.check(MPI_Comm_split_type(world, nmt_mpi_comm_type_shared(), Int32(rank), nmt_mpi_info_null(), &local),
                           "MPI_Comm_split_type")
        try MPIError.check(MPI_Comm_size(local, &value), "MPI_Comm_size")
        ranksOnThisMachine = Int(value)
        MPI_Comm_free(&local)
        watchdog = try RankWatchdog(world: world, rank: rank, size: size)
        ring = try RingAllReduce(world: world, rank: rank, size: size, watchdog: watchdog)
        // mpirun binds each rank to one core when it starts at most two (its default), else to a
        // socket or to nothing (`--bind-to none`): a rank uses what it is bound to, and at most
        // its share of the machine.
        let share = max(1, Parallel.cores / ranksOnThisMachine)
        let bound = Int(nmt_affinity_cpu_count())
        cores = bound > 0 ? min(bound, share) : share
    }

    /// MPI counts are 32-bit: larger buffers go in pieces of at most this many elements.
    static let largestCount = 1 << 30

    /// By `RingAllReduce`, spinning while it waits: the other ranks arrive within moments, and
    /// the sooner the sum is done the sooner the update.
    public func allReduceSum(_ buffer: UnsafeMutableBufferPointer<Float>) throws {
        guard let base = buffer.baseAddress else { return }
        for start in stride(from: 0, to: buffer.count, by: Self.largestCount) {
            let piece = UnsafeMutableBufferPointer(start: base + start, count: min(Self.largestCount, buffer.count - start))
            try ring.sum(piece, timeoutSeconds: rankTimeoutSeconds)
        }
    }

    /// Waits without spinning a core: the other ranks wait here while the leader validates and
    /// writes checkpoints (seconds), and the leader's translation uses every core meanwhile. That
    /// wait counts against `rankTimeoutSeconds` too.
    public func broadcast(_ buffer: UnsafeMutableRawBufferPointer, root: Int) throws {
        guard let base = buffer.baseAddress else { return }
        for start in stride(from: 0, to: buffer.count, by: Self.largestCount) {
            let count = Int32(min(Self.largestCount, buffer.count - start))
            var requests = [nmt_mpi_request_null()]
            try MPIError.check(MPI_Ibcast(base + start, count, nmt_mpi_byte(), Int32(root), world, &requests[0]), "MPI_Ibcast")
            try watchdog.wait(for: &requests, "a broadcast from rank \(root)", timeoutSeconds: rankTimeoutSeconds, pause: 500)
        }
    }

    public func barrier() throws {
        var requests = [nmt_mpi_request_null()]
        try MPIError.check(MPI_Ibarrier(world, &requests[0]), "MPI_Ibarrier")
        try watchdog.wait(for: &requests, "a barrier", timeoutSeconds: rankTimeoutSeconds, pause: 500)
    }

    public func abort(status: Int32) -> Never {
        MPI_Abort(world, status)
        exit(status)
    }

    public func finish() {
        guard !finished else { return }
        finished = true
        MPI_Finalize()
    }
}
