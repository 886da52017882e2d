import COpenMPI
import Dispatch
import Foundation
import Training

/// Waits for nonblocking MPI requests with a deadline, and when it passes finds out which ranks
/// made no progress. A blocking MPI call cannot time out, so everything `MPIGroup` waits for is
/// nonblocking and completed here, by testing it: the broadcasts and barriers, and each step of
/// the all-reduce (`RingAllReduce`).
///
/// Naming the late rank: while a rank waits it answers pings (one-byte synchronous sends on a
/// communicator of the watchdog's own). At the deadline the waiting rank pings every other rank
/// and gives them `answerSeconds`: a rank that waits too answers at once; one that is stopped
/// (SIGSTOP), hung, or still computing long after the others does not, and is named. A deadline
/// passed ends the job whatever the answers say: `TrainingError.rankTimeout` is thrown, the
/// process exits, and mpirun ends the others.
final class RankWatchdog {
    private let rank: Int
    private let size: Int
    /// A duplicate of MPI_COMM_WORLD: pings never meet the training's messages.
    private let pings: MPI_Comm?
    private static let pingTag: Int32 = 7
    /// Seconds the pinged ranks have to answer.
    static let answerSeconds = 2.0
    /// The byte each ping sends; it must outlive the sends, which may never complete.
    private let pingByte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    init(world: MPI_Comm, rank: Int, size: Int) throws {
        self.rank = rank
        self.size = size
        var duplicate: MPI_Comm?
        try MPIError.check(MPI_Comm_dup(world, &duplicate), "MPI_Comm_dup")
        try MPIError.check(MPI_Comm_set_errhandler(duplicate, nmt_mpi_errors_return()), "MPI_Comm_set_errhandler")
        pings = duplicate
        pingByte.initialize(to: 1)
    }

    /// Tests `requests` until all have completed, answering pings meanwhile, `pause` microseconds
    /// between tests (0: spin, where a wait is short and its end matters). Throws
    /// `TrainingError.rankTimeout` when `timeoutSeconds` (> 0) pass first.
    ///
    /// Only time this rank spent waiting counts: a gap of more than a second between two looks at
    /// the clock means this rank itself was not running (stopped and continued, or starved by the
    /// machine), and it moves the deadline on rather than blame the others for it.
    func wait(for requests: inout [MPI_Request?], _ what: String, timeoutSeconds: Int, pause: UInt32) throws {
        var deadline = timeoutSeconds > 0 ? Self.now() + Double(timeoutSeconds) : .infinity
        var lastLook = Self.now()
        var done: Int32 = 0
        var tests = 0
        while true {
            try MPIError.check(MPI_Testall(Int32(requests.count), &requests, &done, nmt_mpi_statuses_ignore()), "MPI_Testall (\(what))")
            if done != 0 { return }
            tests += 1
            // A probe costs more than a test: when spinning, one in 64.
            if pause > 0 || tests % 64 == 0 {
                try answerPings()
                let now = Self.now()
                if now - lastLook > 1 { deadline += now - lastLook }
                lastLook = now
                if now >= deadline { throw timedOut(what, seconds: timeoutSeconds) }
            }
            if pause > 0 { usleep(pause) }
        }
    }

    /// Receives every ping waiting, which completes its sender's synchronous send.
    private func answerPings() throws {
        while true {
            var found: Int32 = 0
            var status = MPI_Status()
            try MPIError.check(MPI_Iprobe(nmt_mpi_any_source(), Self.pingTag, pings, &found, &status), "MPI_Iprobe")
            guard found != 0 else { return }
            var byte: UInt8 = 0
            try MPIError.check(MPI_Recv(&byte, 1, nmt_mpi_byte(), status.MPI_SOURCE, Self.pingTag, pings, nmt_mpi_status_ignore()),
                               "MPI_Recv (ping)")
        }
    }

    /// Pings every other rank, waits `answerSeconds` for the answers (answering pings itself,
    /// since the others time out too), and returns the error naming the ranks that did not answer.
    private func timedOut(_ what: String, seconds: Int) -> TrainingError {
        var requests = [MPI_Request?](repeating: nmt_mpi_request_null(), count: size)
        var answered = Set([rank])
        for other in 0..<size where other != rank {
            if MPI_Issend(pingByte, 1, nmt_mpi_byte(), Int32(other), Self.pingTag, pings, &requests[other]) != nmt_mpi_success() {
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
        let waited = "rank \(rank) of \(size) waited \(seconds) s (training.rank_timeout_seconds) in \(what)"
        guard !silent.isEmpty else {
            return .rankTimeout("\(waited), and every rank answers: the exchange itself made no progress "
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
