/// The record of differentiable operations, in the order they ran.
///
/// Every op calls `Tape.record(_:inputs:backward:)` after computing its output; when recording is
/// on and an input requires a gradient, the op's backward rule is appended. `backward(from:)`
/// seeds dLoss/dLoss = 1 and runs the rules in reverse order, then forgets them (which releases
/// the intermediate tensors back to the buffer pool). The tape knows nothing about the ops.
///
/// Each thread has its own tape: the ops a thread runs go on that thread's tape, so that two
/// threads can each run a forward and backward pass (data-parallel training) or decode with
/// recording off (translation workers) without seeing each other.
public enum Tape {
    final class Recording {
        var rules: [() -> Void] = []
        var isRecording = true
    }

    private static let current = ThreadConfined { Recording() }

    /// Whether this thread's ops are recorded (off in inference).
    public static var isRecording: Bool { current.value.isRecording }

    /// Appends `backward` if recording and any input requires a gradient; marks the outputs.
    /// `backward` reads the outputs' `grad` (nil when no gradient reached them) and adds into the
    /// inputs' `gradBuffer()`.
    @inline(__always)
    public static func record(_ outputs: Tensor..., inputs: [Tensor], backward: @escaping () -> Void) {
        let recording = current.value
        guard recording.isRecording, inputs.contains(where: { $0.requiresGrad }) else { return }
        for output in outputs { output.requiresGrad = true }
        recording.rules.append(backward)
    }

    /// Number of rules recorded since the last backward (tests use it).
    public static var count: Int { current.value.rules.count }

    /// Back-propagates from a scalar: accumulates dLoss/dp into every parameter p's `grad`.
    public static func backward(from loss: Tensor) {
        precondition(loss.count == 1, "backward(from:) needs a scalar, got shape \(loss.shape)")
        loss.gradBuffer()[0] += 1
        let recording = current.value
        let pending = recording.rules
        recording.rules.removeAll(keepingCapacity: true)
        for rule in pending.reversed() { rule() }
    }

    /// Drops the recorded rules without running them (e.g. after a validation forward pass).
    public static func reset() { current.value.rules.removeAll(keepingCapacity: true) }

    /// Runs `body` with recording off: inference mode. Nothing is recorded and no output requires
    /// a gradient.
    public static func withoutRecording<T>(_ body: () throws -> T) rethrows -> T {
        let recording = current.value
        let previous = recording.isRecording
        recording.isRecording = false
        defer { recording.isRecording = previous }
        return try body()
    }
}

extension Tensor {
    /// Back-propagates from this scalar. See `Tape.backward(from:)`.
    public func backward() { Tape.backward(from: self) }
}
