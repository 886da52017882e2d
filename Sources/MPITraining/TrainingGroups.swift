import Training
import Translation

/// The training group of this process: MPI's when mpirun started it, else the process alone.
public enum TrainingGroups {
    public static func forThisProcess() throws -> TrainingGroup {
        MPILaunch.isLaunched() ? try MPIGroup() : SingleProcessGroup()
    }
}
