/// The processes that train one model together, one rank each: every rank holds the same
/// weights, computes the gradients of its share of each batch, and the group sums them so that
/// every rank takes the same optimizer step. The trainer sees only this protocol; one process
/// is a group of one (`SingleProcessGroup`), and the MPITraining target provides the MPI group
/// (`mpirun -np N nmt train …`).
///
/// Collectives must be called by every rank in the same order with buffers of the same size.
/// A failure of the group (a rank gone) is not reported here: the group ends the process, as MPI
/// does, rather than leave the other ranks waiting. A rank that waits in a collective longer
/// than `rankTimeoutSeconds` for another throws `TrainingError.rankTimeout`, naming the ranks
/// that made no progress; the process then exits, which ends the job.
public protocol TrainingGroup: AnyObject {
    /// 0 ..< size; rank 0 validates, logs and writes checkpoints.
    var rank: Int { get }
    var size: Int { get }
    /// Ranks of this group on this machine: they share its cores.
    var ranksOnThisMachine: Int { get }
    /// Cores this rank's kernels and worker threads may use: its share of the machine's, or
    /// fewer if it is bound to fewer.
    var cores: Int { get }
    /// How long a collective may wait for the other ranks, in seconds; 0 = for ever.
    var rankTimeoutSeconds: Int { get set }

    /// buffer ← Σ over the ranks of each rank's buffer, element by element, on every rank.
    func allReduceSum(_ buffer: UnsafeMutableBufferPointer<Float>) throws
    /// buffer ← root's buffer on every rank.
    func broadcast(_ buffer: UnsafeMutableRawBufferPointer, root: Int) throws
    /// Returns once every rank has called it.
    func barrier() throws
    /// Ends every rank of the group at once with `status` (after this rank failed on its own).
    func abort(status: Int32) -> Never
    /// Leaves the group after training (MPI_Finalize): every rank calls it once, at the end.
    func finish()
}

extension TrainingGroup {
    public var isLeader: Bool { rank == 0 }

    /// "rank 1 of 2", for messages.
    public var rankDescription: String { "rank \(rank) of \(size)" }
}
