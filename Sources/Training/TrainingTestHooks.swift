import Autodiff
import Files
import Foundation

/// Faults and pauses that tests and the crash harness (scripts/crash-test.sh) make happen inside
/// a run, where nothing else can reach: a gradient made NaN on one rank, a batch left out, a
/// pause after each step of a checkpoint save. Nothing a user sets. In-process tests pass hooks to
/// `Trainer.init`; a process a test or script starts (under mpirun, every rank) takes them from
/// its environment (`fromEnvironment`), and without those variables there are none.
public struct TrainingTestHooks {
    /// A batch's place in the run: its epoch (from 1) and its index in the epoch's plan (from 1).
    public struct BatchPosition: Hashable, Sendable, CustomStringConvertible {
        public var epoch: Int
        public var batch: Int

        public init(epoch: Int, batch: Int) {
            self.epoch = epoch
            self.batch = batch
        }

        public var description: String { "batch \(batch) of epoch \(epoch)" }
    }

    /// Called on each rank once its own gradients of a batch are in the model's parameters,
    /// before the ranks' are summed: (position, rank, parameters).
    public var afterLocalGradients: ((BatchPosition, Int, [Tensor]) -> Void)?
    /// Batches trained as if they were not in the plan: nothing computed or drawn, no update.
    public var leavesOut: ((BatchPosition) -> Bool)?
    /// Called after each step of a checkpoint save, with the step ("wrote latest.ckpt").
    public var afterSaveStep: ((String) -> Void)?

    public init(afterLocalGradients: ((BatchPosition, Int, [Tensor]) -> Void)? = nil,
                leavesOut: ((BatchPosition) -> Bool)? = nil, afterSaveStep: ((String) -> Void)? = nil) {
        self.afterLocalGradients = afterLocalGradients
        self.leavesOut = leavesOut
        self.afterSaveStep = afterSaveStep
    }

    /// Makes the first gradient value of `parameters` NaN: the fault the non-finite guard's tests inject.
    public static func poisonGradient(_ parameters: [Tensor]) {
        guard let parameter = parameters.first(where: { $0.grad != nil }) else { return }
        parameter.grad![0] = .nan
    }

    /// The environment's hooks:
    /// - `NMT_TEST_NAN_GRADIENT=RANK:EPOCH:FIRST[-LAST]`: rank RANK's gradients of those batches
    ///   get a NaN (`poisonGradient`);
    /// - `NMT_TEST_LEAVE_OUT=EPOCH:FIRST[-LAST]`: those batches are left out;
    /// - `NMT_TEST_SAVE_STEP_PAUSE_MS=N`: each step of a save is said on standard error
    ///   ("nmt test: wrote latest.ckpt") and followed by a pause of N ms, so that a kill lands
    ///   inside saves often.
    /// A malformed value stops the process, naming the variable: a test that meant to inject a
    /// fault must not run without it.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> TrainingTestHooks {
        var hooks = TrainingTestHooks()
        if let text = environment["NMT_TEST_NAN_GRADIENT"] {
            let fields = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard fields.count == 2, let rank = Int(fields[0]), let batches = positions(fields[1]) else {
                malformed("NMT_TEST_NAN_GRADIENT", text, "RANK:EPOCH:FIRST[-LAST]")
            }
            hooks.afterLocalGradients = { position, thisRank, parameters in
                if thisRank == rank && batches.contains(position) { poisonGradient(parameters) }
            }
        }
        if let text = environment["NMT_TEST_LEAVE_OUT"] {
            guard let batches = positions(text) else { malformed("NMT_TEST_LEAVE_OUT", text, "EPOCH:FIRST[-LAST]") }
            hooks.leavesOut = { batches.contains($0) }
        }
        if let text = environment["NMT_TEST_SAVE_STEP_PAUSE_MS"] {
            guard let milliseconds = UInt32(text) else { malformed("NMT_TEST_SAVE_STEP_PAUSE_MS", text, "a number of milliseconds") }
            hooks.afterSaveStep = { step in
                StandardError.write("nmt test: \(step)")
                usleep(milliseconds * 1000)
            }
        }
        return hooks
    }

    /// "EPOCH:FIRST[-LAST]" → those positions.
    private static func positions(_ text: String) -> Set<BatchPosition>? {
        let fields = text.split(separator: ":").map(String.init)
        guard fields.count == 2, let epoch = Int(fields[0]), epoch >= 1 else { return nil }
        let bounds = fields[1].split(separator: "-").compactMap { Int($0) }
        guard (1...2).contains(bounds.count), bounds.count == fields[1].split(separator: "-").count,
              let first = bounds.first, let last = bounds.last, 1 <= first, first <= last else { return nil }
        return Set((first...last).map { BatchPosition(epoch: epoch, batch: $0) })
    }

    private static func malformed(_ name: String, _ value: String, _ form: String) -> Never {
        StandardError.write("nmt: \(name)=\(value): a test hook must be \(form)")
        exit(2)
    }
}
