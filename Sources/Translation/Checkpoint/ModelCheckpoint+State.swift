import Checkpoint
import Foundation

extension ModelCheckpoint {
    /// The training state a checkpoint holds, nil for one without (an average), once the file's
    /// structure and checksum are verified; no model is built. For a run directory's bookkeeping:
    /// which update a checkpoint file was written at.
    public static func trainingState(at path: String) throws -> TrainingState? {
        let file = try CheckpointFile.read(from: path)
        guard let text = file.metadata[Key.state] else { return nil }
        do {
            return try JSONDecoder().decode(TrainingState.self, from: Data(text.utf8))
        } catch {
            throw CheckpointError.invalidContents(path: path, reason: "metadata `\(Key.state)` cannot be read: \(error)")
        }
    }
}
