import Foundation

/// Whether this process was started by mpirun (or another launcher of Open MPI), read from the
/// environment the launcher sets. Only then does `nmt train` initialise MPI: started by hand it
/// trains alone and never touches the MPI library.
public enum MPILaunch {
    /// Variables Open MPI's launchers set in each process they start: mpirun's ORTE sets
    /// OMPI_COMM_WORLD_SIZE, PMIx-based launchers (srun, prterun) PMIX_RANK.
    static let markers = ["OMPI_COMM_WORLD_SIZE", "PMIX_RANK"]

    public static func isLaunched(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        markers.contains { environment[$0] != nil }
    }
}
