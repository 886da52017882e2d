/// The record of one training pass's differentiable operations, in the order they ran: a value
/// owned by whoever trains (a trainer, a data-parallel worker, a gradient check), never shared.
///
/// Recording starts from the leaves: `watch(_:)` puts tensors (a model's parameters) on this
/// tape. Every op calls `Tape.record(_:inputs:backward:)` after computing its output; when one of
/// its inputs is on a tape, the op's backward rule is appended to that tape and the outputs join
/// it. Ops whose inputs are on no tape record nothing, so inference needs no tape at all and two
/// threads running two models touch nothing in common.
///
/// `backward(from:)` seeds dLoss/dLoss = 1 and runs the rules in reverse order, then forgets
/// them (which releases the intermediate tensors back to the buffer pool). The tape knows
/// nothing about the ops.
public final class Tape {
    private var rules: [() -> Void] = []

    public init() {}

    /// Number of rules recorded since the last backward or reset.
    public var count: Int { rules.count }

    /// Puts `leaves` on this tape: ops computed from them are recorded here and their gradients
    /// accumulate in the leaves' `grad`.
    public func watch(_ leaves: [Tensor]) {
        for leaf in leaves {
            leaf.tape = self
            leaf.requiresGrad = true
        }
    }

    /// Takes `leaves` off this tape; ops on them record nothing again.
    public func unwatch(_ leaves: [Tensor]) {
        for leaf in leaves where leaf.tape === self { leaf.tape = nil }
    }

    /// Runs `body` (a training forward pass) with `parameters` on this tape, and takes them off
    /// again afterwards, so that the same parameters used later for inference record nothing.
    /// The rules recorded stay on the tape for `backward(from:)`.
    public func recording<T>(_ parameters: [Tensor], _ body: () throws -> T) rethrows -> T {
        watch(parameters)
        defer { unwatch(parameters) }
        return try body()
    }

    /// Appends `backward` to the tape of the first input that is on one, and puts the outputs on
    /// that tape. `backward` reads the outputs' `grad` (nil when no gradient reached them) and
    /// adds into the inputs' `gradBuffer()`.
    @inline(__always)
    public static func record(_ outputs: Tensor..., inputs: [Tensor], backward: @escaping () -> Void) {
        for input in inputs {
            guard let tape = input.tape else { continue }
            for output in outputs {
                output.tape = tape
                output.requiresGrad = true
            }
            tape.rules.append(backward)
            return
        }
    }

    /// Back-propagates from a scalar recorded on this tape: accumulates dLoss/dp into every
    /// watched tensor p's `grad`.
    public func backward(from loss: Tensor) {
        precondition(loss.count == 1, "backward(from:) needs a scalar, got shape \(loss.shape)")
        loss.gradBuffer()[0] += 1
        let pending = rules
        rules.removeAll(keepingCapacity: true)
        for rule in pending.reversed() { rule() }
    }

    /// Drops the recorded rules without running them (e.g. after a forward pass kept for its
    /// values only).
    public func reset() { rules.removeAll(keepingCapacity: true) }
}

extension Tensor {
    /// Back-propagates from this scalar through the tape that recorded it. See
    /// `Tape.backward(from:)`.
    public func backward() {
        guard let tape else {
            preconditionFailure("backward() of a tensor that no tape recorded: watch its inputs on a Tape first")
        }
        tape.backward(from: self)
    }
}
