import COpenMPI
import Dispatch
import Foundation
import Synchronization
import Training

/// Ends the job when a rank makes no progress for the group's timeout, naming it. A blocking MPI
/// call cannot time out, so `MPIGroup`'s waits are:
/// - for a broadcast or a barrier, the nonblocking call tested until it completes or the deadline
///   passes (`wait(for:…)`);
/// - for the all-reduce of every update, which is much slower nonblocking (Open MPI's
///   nonblocking all-reduce takes another, slower path), an arrival check first (`arrive(…)`):
///   two nonblocking barriers on a communicator of the watchdog's own, each waited for with the
///   deadline. A rank that waits in the first has posted its part of it, so the others can pass
///   the first while it is stopped; they are then held at the second, which it never posts. The
///   second passes within moments once the first has, so a stop can escape both only in the
///   moments between the second and the end of the blocking all-reduce that follows. That call
///   runs under a backstop (`blocking(…)`): a thread that ends the process if it has not
///   returned within the timeout.
///
/// Naming the late rank: while a rank waits it answers pings (one-byte synchronous sends on the
/// watchdog's communicator). At the deadline the waiting rank pings every other rank and gives
/// them `answerSeconds`: a rank that waits too answers at once; one that is stopped (SIGSTOP),
/// hung, or still computing long after the others does not, and is named. A deadline passed ends
/// the job whatever the answers say (`TrainingError.rankTimeout`, thrown; the process exits and
/// mpirun ends the others). The backstop thread cannot call MPI (the group is FUNNELED): it says
/// that every rank had arrived, and exits.
final class RankWatchdog: @unchecked Sendable {
    private let rank: Int
    private let size: Int
    /// A duplicate of MPI_COMM_WORLD: the arrival barriers and pings never meet the training's
    /// own collectives.
    private let communicator: MPI_Comm?
    private static let pingTag: Int32 = 7
    /// Seconds the pinged ranks have to answer.
    static let answerSeconds = 2.0
    /// The byte each ping sends; it must outlive the sends, which may never complete.
    private let pingByte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    /// While a blocking call runs: when it started (uptime nanoseconds) and its deadline; 0 = none.
    private let blockingSince = Atomic<UInt64>(0)
    private let blockingDeadline = Atomic<UInt64>(0)
    private let blockingWhat = Mutex("")

    init(world: MPI_Comm, rank: Int, size: Int) throws {
        self.rank = rank
        self.size = size
        var duplicate: MPI_Comm?
        try MPIError.check(MPI_Comm_dup(world, &duplicate), "MPI_Comm_dup")
        try MPIError.check(MPI_Comm_set_errhandler(duplicate, nmt_mpi_errors_return()), "MPI_Comm_set_errhandler")
        communicator = duplicate
        pingByte.initialize(to: 1)
        Thread.detachNewThread { [self] in backstop() }
    }

    /// Tests `request` until it completes, answering pings meanwhile, `pause` microseconds
    /// between tests. Throws `TrainingError.rankTimeout` when `timeoutSeconds` (> 0) pass first.
    func wait(for request: inout MPI_Request?, _ what: String, timeoutSeconds: Int, pause: UInt32) throws {
        let deadline = timeoutSeconds > 0 ? Self.now() + Double(timeoutSeconds) : .infinity
        var done: Int32 = 0
        var tests = 0
        while true {
            try MPIError.check(MPI_Test(&request, &done, nmt_mpi_status_ignore()), "MPI_Test (\(what))")
            if done != 0 { return }
            tests += 1
            // A probe costs more than a test: when spinning, one in 64.
            if pause > 0 || tests % 64 == 0 {
                try answerPings()
                if Self.now() >= deadline { throw timedOut(what, seconds: timeoutSeconds) }
            }
            if pause > 0 { usleep(pause) }
        }
    }

    /// Returns once every rank has called it for `what` and is still there (two barriers, see
    /// above), or throws naming the ranks that did not within `timeoutSeconds`. Spins for a
    /// while, then tests every 100 µs.
    func arrive(_ what: String, timeoutSeconds: Int) throws {
        guard timeoutSeconds > 0 else { return }
        for _ in 0..<2 {
            var request = nmt_mpi_request_null()
            try MPIError.check(MPI_Ibarrier(communicator, &request), "MPI_Ibarrier (arrival at \(what))")
            var done: Int32 = 0
            for _ in 0..<200 where done == 0 {
                try MPIError.check(MPI_Test(&request, &done, nmt_mpi_status_ignore()), "MPI_Test (arrival at \(what))")
            }
            if done == 0 { try wait(for: &request, what, timeoutSeconds: timeoutSeconds, pause: 100) }
        }
    }

    /// Runs the blocking call `body`; should it not return within `timeoutSeconds` (> 0), the
    /// backstop thread ends the process.
    func blocking<T>(_ what: String, timeoutSeconds: Int, _ body: () throws -> T) rethrows -> T {
        guard timeoutSeconds > 0 else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        blockingWhat.withLock { $0 = what }
        blockingDeadline.store(start + UInt64(timeoutSeconds) * 1_000_000_000, ordering: .relaxed)
        blockingSince.store(start, ordering: .releasing)
        defer { blockingSince.store(0, ordering: .releasing) }
        return try body()
    }

    /// The backstop thread: twice a second, whether a blocking call has outlived its deadline.
    private func backstop() {
        while true {
            usleep(500_000)
            let since = blockingSince.load(ordering: .acquiring)
            guard since != 0, DispatchTime.now().uptimeNanoseconds >= blockingDeadline.load(ordering: .relaxed),
                  blockingSince.load(ordering: .acquiring) == since else { continue }
            let seconds = (DispatchTime.now().uptimeNanoseconds - since) / 1_000_000_000
            let what = blockingWhat.withLock { $0 }
            let culprit = size == 2 ? "rank \(1 - rank), the other rank," : "a rank"
            // stderr is unbuffered: the line is out before _exit.
            fputs("nmt: rank \(rank) of \(size): every rank reached \(what), but it has not completed in \(seconds) s "
                + "(training.rank_timeout_seconds): \(culprit) stopped or hung inside it, or the network failed; ending the job\n", stderr)
            _exit(1)
        }
    }

    /// Receives every ping waiting, which completes its sender's synchronous send.
    private func answerPings() throws {
        while true {
            var found: Int32 = 0
            var status = MPI_Status()
            try MPIError.check(MPI_Iprobe(nmt_mpi_any_source(), Self.pingTag, communicator, &found, &status), "MPI_Iprobe")
            guard found != 0 else { return }
            var byte: UInt8 = 0
            try MPIError.check(MPI_Recv(&byte, 1, nmt_mpi_byte(), status.MPI_SOURCE, Self.pingTag, communicator,
                                        nmt_mpi_status_ignore()), "MPI_Recv (ping)")
        }
    }

    /// Pings every other rank, waits `answerSeconds` for the answers (answering pings itself,
    /// since the others time out too), and returns the error naming the ranks that did not answer.
    private func timedOut(_ what: String, seconds: Int) -> TrainingError {
        var requests = [MPI_Request?](repeating: nmt_mpi_request_null(), count: size)
        var answered = Set([rank])
        for other in 0..<size where other != rank {
            if MPI_Issend(pingByte, 1, nmt_mpi_byte(), Int32(other), Self.pingTag, communicator, &requests[other]) != nmt_mpi_success() {
                requests[other] = nmt_mpi_request_null()
            }
        }
        let until = Self.now() + Self.answerSeconds
        while answered.count < size && Self.now() < until {
            for other in 0..<size where !answered.contains(other) {
                var done: Int32 = 0
                if MPI_Test(&requests[other], &done, nmt_mpi_status_ignore()) == nmt_mpi_success(), done != 0 { answered.insert(other) }
            }
            try? answerPings()
            usleep(1_000)
        }
        let silent = (0..<size).filter { !answered.contains($0) }
        let waited = "rank \(rank) of \(size) waited \(seconds) s (training.rank_timeout_seconds) at \(what)"
        guard !silent.isEmpty else {
            return .rankTimeout("\(waited), and every rank answers: the collective itself made no progress "
                + "(a network fault?); ending the job")
        }
        let names = silent.map(String.init).joined(separator: ", ")
        let ranks = silent.count == 1 ? "rank \(names) made" : "ranks \(names) made"
        return .rankTimeout("\(ranks) no progress: \(waited) for \(silent.count == 1 ? "it" : "them"), and "
            + "\(silent.count == 1 ? "it does" : "they do") not answer within \(Int(Self.answerSeconds)) s "
            + "(stopped, hung, or far behind); ending the job")
    }

    private static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}
