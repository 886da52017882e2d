import Foundation

/// Open MPI settings nmt chooses for its one large all-reduce per update, unless the user chose
/// them (`mpirun --mca NAME VALUE` reaches each rank as the variable OMPI_MCA_NAME, read by
/// MPI_Init, so setting the variable before MPI_Init is choosing the value).
///
/// The ring all-reduce (coll_tuned algorithm 4: a reduce-scatter, then an all-gather, each rank
/// sending 2·(N−1)/N of the buffer) is the bandwidth-optimal one for buffers of tens of
/// megabytes, and the one docs/scaling.md models; Open MPI's fixed rules take another for 2
/// ranks. Measured here, 44 MB on 2 ranks of one machine: 32 ms against 55 ms (nmt-bench
/// allreduce, README).
enum MPITuning {
    static let ringAllReduce = [
        "OMPI_MCA_coll_tuned_use_dynamic_rules": "1",
        "OMPI_MCA_coll_tuned_allreduce_algorithm": "4",
    ]

    /// Sets the ring all-reduce unless any of its variables is set already.
    static func chooseRingAllReduce(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard ringAllReduce.keys.allSatisfy({ environment[$0] == nil }) else { return }
        for (name, value) in ringAllReduce { setenv(name, value, 0) }
    }
}
