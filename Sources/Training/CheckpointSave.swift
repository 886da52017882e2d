import Files
import Foundation
import Translation

/// The checkpoints one validation leaves in the run directory, written in an order that no crash
/// can turn into a lost or mislabelled best model:
///
/// 1. `latest.ckpt`, replaced atomically: the commit point. It holds the new weights, and its state
///    names every file that is to hold them too (`copies(of:)`): best.ckpt when this update is
///    the best so far, update-N.ckpt and best-N.ckpt when keep_last and keep_best keep them;
/// 2. those copies of it, each replaced atomically;
/// 3. the numbered checkpoints the state no longer keeps, removed (`removals(after:)`).
///
/// Until step 1 is done the directory is the previous save's, whole. From then on every model
/// the state names is on disk, in its file or in `latest.ckpt` itself: a crash between 1 and 3
/// leaves copies missing or stale, or files not yet removed, and the next run in the directory
/// finishes that save before it trains (`completeInterrupted`), saying so in its log. The
/// state that resumes is never changed.
///
/// Writing best.ckpt before latest.ckpt would not do: a crash between the two leaves a best.ckpt
/// from after the resume point and the model it replaced gone, and the record could be made to
/// agree only by giving the resumed run another best score than the uninterrupted run had at the
/// same update (another patience count, another plateau schedule, other weights).
struct CheckpointSave {
    let directory: RunDirectory
    /// output.keep_last and output.keep_best.
    let keepLast: Int
    let keepBest: Int

    init(directory: RunDirectory, output: TrainingConfiguration.OutputSection) {
        self.directory = directory
        keepLast = output.keepLast
        keepBest = output.keepBest
    }

    func updatePath(_ update: Int) -> String { "\(directory.path)/update-\(update).ckpt" }
    func bestPath(_ update: Int) -> String { "\(directory.path)/best-\(update).ckpt" }

    /// The files besides latest.ckpt that are to hold the checkpoint saved with `state`. The
    /// state's lists hold paths; a file is known by its name, so that a run directory copied
    /// elsewhere and resumed there keeps to itself.
    func copies(of state: TrainingState) -> [String] {
        let update = state.update
        var paths: [String] = []
        if state.bestScore != nil && state.bestUpdate == update { paths.append(directory.bestPath) }
        if keepLast > 1 && state.recentCheckpoints.contains(where: { Self.name($0) == "update-\(update).ckpt" }) {
            paths.append(updatePath(update))
        }
        if keepBest > 1 && state.bestCheckpoints.contains(where: { Self.name($0.path) == "best-\(update).ckpt" }) {
            paths.append(bestPath(update))
        }
        return paths
    }

    /// Numbered checkpoints up to the state's update that it no longer keeps: update-N.ckpt older
    /// than the newest keep_last, best-N.ckpt not among its best. update-N.ckpt files are counted
    /// on disk (a killed run may have written one its state does not list); newer ones, left by a
    /// run this one was resumed behind, stay until this run writes over them.
    func removals(after state: TrainingState) -> [String] {
        var paths: [String] = []
        if keepLast > 1 {
            paths += directory.updateCheckpoints().filter { $0.update <= state.update }.dropLast(keepLast).map(\.path)
        }
        if keepBest > 1 {
            let kept = Set(state.bestCheckpoints.map { Self.name($0.path) })
            paths += directory.bestCheckpoints().filter { $0.update <= state.update && !kept.contains(Self.name($0.path)) }.map(\.path)
        }
        return paths
    }

    /// Steps 1–3: `writeLatest` writes latest.ckpt with `state`; `afterStep` hears of each step
    /// (a test hook).
    func write(_ state: TrainingState, writeLatest: () throws -> Void, afterStep: ((String) -> Void)? = nil) throws {
        try writeLatest()
        afterStep?("wrote latest.ckpt at update \(state.update)")
        for path in copies(of: state) {
            try FileReplacement.copy(directory.latestPath, to: path)
            afterStep?("copied latest.ckpt to \(Self.name(path))")
        }
        for path in removals(after: state) {
            try? FileManager.default.removeItem(atPath: path)
            afterStep?("removed \(Self.name(path))")
        }
    }

    /// Finishes the save recorded in latest.ckpt if a crash cut it short: a copy missing or not
    /// of latest.ckpt's update is copied again from it, a numbered checkpoint its state no longer
    /// keeps is removed. Returns a line for the log per file changed, and one if best.ckpt does
    /// not hold the best model the state names and latest.ckpt cannot supply it (a file removed
    /// by hand); empty when the directory already agrees, or holds no latest.ckpt.
    func completeInterrupted() throws -> [String] {
        let latest = directory.latestPath
        guard FileManager.default.fileExists(atPath: latest) else { return [] }
        let state: TrainingState
        do {
            guard let saved = try ModelCheckpoint.trainingState(at: latest) else { return [] }
            state = saved
        } catch {
            return ["\(latest) cannot be read (\(error)); the other checkpoints are left as they are"]
        }
        var notes: [String] = []
        for path in copies(of: state) where !Self.holds(path, state) {
            do {
                try FileReplacement.copy(latest, to: path)
            } catch {
                throw TrainingError.io("cannot finish the interrupted save at update \(state.update): \(error)")
            }
            notes.append("\(Self.name(path)): copied from latest.ckpt (update \(state.update)), whose save a crash cut short")
        }
        for path in removals(after: state) where FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.removeItem(atPath: path)
            notes.append("\(Self.name(path)): removed, as the interrupted save at update \(state.update) would have")
        }
        if let best = state.bestScore, state.bestUpdate != state.update,
           (try? ModelCheckpoint.trainingState(at: directory.bestPath))?.update != state.bestUpdate {
            notes.append("warning: best.ckpt does not hold the best model latest.ckpt records (update \(state.bestUpdate), "
                + "score \(best)); it was changed or removed outside training")
        }
        return notes
    }

    /// Whether `path` holds a checkpoint written with `state`'s update and best score.
    private static func holds(_ path: String, _ state: TrainingState) -> Bool {
        guard let saved = try? ModelCheckpoint.trainingState(at: path) else { return false }
        return saved.update == state.update && saved.bestScore == state.bestScore && saved.bestUpdate == state.bestUpdate
    }

    private static func name(_ path: String) -> String {
        URL(fileURLWithPath: path).lastPathComponent
    }
}
