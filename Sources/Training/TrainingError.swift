/// A failure while training that is not the configuration's fault (exit status 1); the message
/// says what happened and what to do.
public enum TrainingError: Error, CustomStringConvertible {
    /// A file or directory of the run could not be read, written, created or removed.
    case io(String)
    /// The corpus gives nothing to train on: empty files, or every pair skipped.
    case unusableData(String)
    /// `--resume` was given a checkpoint that cannot continue this run.
    case cannotResume(String)
    /// Another process is training into the same output directory.
    case directoryInUse(String)
    /// The ranks of an `mpirun` job do not start from the same configuration and data.
    case ranksDisagree(String)
    /// The loss or the gradients stopped being finite numbers (training.max_skipped_updates
    /// updates in a row), or the weights did.
    case diverged(String)
    /// A rank of an mpirun job made no progress for training.rank_timeout_seconds.
    case rankTimeout(String)

    public var description: String {
        switch self {
        case .io(let message), .unusableData(let message), .cannotResume(let message), .directoryInUse(let message),
             .ranksDisagree(let message), .diverged(let message), .rankTimeout(let message):
            return message
        }
    }
}
