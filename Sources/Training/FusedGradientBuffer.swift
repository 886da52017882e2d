import Autodiff
import Dispatch

/// Every parameter's gradient, and a few control values after them, in one contiguous Float
/// buffer, so that a group sums a whole update with one all-reduce instead of one per tensor:
///
///   [ g(p₀) … g(pₙ₋₁) | Σ token losses | stop votes (interrupt, time up) | non-finite votes ]
///     Σ parameterCount     1                 2                                1
///
/// A rank votes non-finite when its own loss or gradients hold a NaN or an infinity; after the
/// sum every rank holds the same votes, loss and gradients, so every rank decides alike whether
/// the update is skipped (`GroupGradients.Result.isFinite`).
///
/// Packing copies each gradient in (zeros for a parameter without one), unpacking copies the sums
/// back into every parameter's gradient buffer, so afterwards every rank holds the same
/// gradients, allocated alike.
package final class FusedGradientBuffer {
    private let parameters: [Tensor]
    /// Where each parameter's gradient starts.
    private let offsets: [Int]
    let parameterCount: Int
    let storage: UnsafeMutableBufferPointer<Float>

    /// The control values after the gradients.
    enum Slot: Int, CaseIterable {
        case lossSum = 0, interruptVotes, timeUpVotes, nonFiniteVotes
    }

    init(parameters: [Tensor]) {
        self.parameters = parameters
        var offsets: [Int] = [], total = 0
        for p in parameters {
            offsets.append(total)
            total += p.count
        }
        self.offsets = offsets
        parameterCount = total
        storage = .allocate(capacity: total + Slot.allCases.count)
        storage.initialize(repeating: 0)
    }

    deinit { storage.deallocate() }

    /// Bytes one all-reduce carries.
    var byteCount: Int { storage.count * MemoryLayout<Float>.stride }

    subscript(slot: Slot) -> Float {
        get { storage[parameterCount + slot.rawValue] }
        set { storage[parameterCount + slot.rawValue] = newValue }
    }

    /// The parameters' gradients into the buffer, which they then no longer need (zeroed, as an
    /// optimizer update would leave them). Returns whether every value was finite.
    func pack() -> Bool {
        let base = storage.baseAddress!
        var finite = true
        for (p, offset) in zip(parameters, offsets) {
            let target = base + offset
            if let g = p.grad {
                target.update(from: g, count: p.count)
                g.update(repeating: 0, count: p.count)
                if finite { finite = FiniteValues.allFinite(target, count: p.count) }
            } else {
                target.update(repeating: 0, count: p.count)
            }
        }
        return finite
    }

    /// The buffer's gradients into the parameters' gradient buffers.
    func unpack() {
        let base = storage.baseAddress!
        for (p, offset) in zip(parameters, offsets) {
            p.gradBufferForOverwrite().buffer.update(from: base + offset, count: p.count)
        }
    }

    /// ‖g‖₂ of the gradients in the buffer, summed in fixed blocks in a fixed order: the same
    /// value on every rank, whatever its number of cores (a norm that differed in its last bit
    /// would give the ranks different clipping and so different weights).
    func globalNorm() -> Float {
        let block = 1 << 16
        let blocks = (parameterCount + block - 1) / block
        let partials = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(blocks, 1))
        defer { partials.deallocate() }
        let g = storage.baseAddress!, count = parameterCount
        let workers = max(1, min(Parallel.coreBudget, blocks))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for b in stride(from: worker, to: blocks, by: workers) {
                var sum: Float = 0
                for i in (b * block)..<min(count, (b + 1) * block) { sum += g[i] * g[i] }
                partials[b] = Double(sum)
            }
        }
        return Float(partials.prefix(blocks).reduce(0, +).squareRoot())
    }
}
