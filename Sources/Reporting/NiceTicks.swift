import Foundation

/// Axis tick values that people read easily: the multiples of a step of 1, 2 or 5 × 10^k that
/// fall on the axis, about `count` of them.
struct NiceTicks {
    let values: [Double]
    let step: Double
    /// The values the axis spans, all ticks included.
    let domain: ClosedRange<Double>

    /// Ticks from the last multiple of the step at or below `low` to the first at or above
    /// `high`, spanning the axis: every value in [low, high] lies between two ticks, as suits a
    /// y axis. (0, 7.3) gives 0, 2, 4, 6, 8.
    init(covering low: Double, _ high: Double, count: Int = 5) {
        self.init(low, high, count: count, covering: true)
    }

    /// Ticks at the multiples of the step in [low, high], which the axis spans exactly, as suits
    /// an x axis that should end where the data ends. (-238, 12238) gives 0, 2000, …, 12000.
    init(inside low: Double, _ high: Double, count: Int = 5) {
        self.init(low, high, count: count, covering: false)
    }

    private init(_ low: Double, _ high: Double, count: Int, covering: Bool) {
        precondition(low.isFinite && high.isFinite, "ticks need a finite range, not \(low) ... \(high)")
        precondition(count >= 2, "an axis needs at least two ticks")
        var (low, high) = (min(low, high), max(low, high))
        if low == high {
            // One value: widen by 10% of it (or by 1 around 0) so it sits mid-axis.
            let pad = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - pad, high + pad)
        }
        let decade = Foundation.pow(10, log10((high - low) / Double(count - 1)).rounded(.down))
        // Ranked by how far the tick count misses `count`, then by how much axis the ticks span
        // (tighter shows the data larger), then more ticks before fewer.
        var best: (rank: (Double, Double, Double), step: Double, first: Double, last: Double)?
        for scale in [0.1, 1, 10] {
            for mantissa in [1.0, 2, 5] {
                let step = mantissa * decade * scale
                // The tolerance keeps floating-point noise (0.3 / 0.1 = 2.9999…) from adding a tick.
                let first = covering ? (low / step + 1e-9).rounded(.down) : (low / step - 1e-9).rounded(.up)
                let last = covering ? (high / step - 1e-9).rounded(.up) : (high / step + 1e-9).rounded(.down)
                guard last >= first else { continue }
                let rank = (abs(last - first + 1 - Double(count)), covering ? (last - first) * step : 0, step)
                if best == nil || rank < best!.rank {
                    best = (rank, step, first, last)
                }
            }
        }
        let chosen = best!
        step = chosen.step
        values = stride(from: chosen.first, through: chosen.last, by: 1).map { $0 * chosen.step }
        domain = covering ? values[0]...values[values.count - 1] : low...high
    }

    /// `value` with as many decimals as the step needs: step 0.5 gives "2.5", step 20 gives "40".
    func label(_ value: Double) -> String {
        let decimals = max(0, -Int((log10(step) + 1e-9).rounded(.down)))  // log10(0.1) may come out as -1.0000…1
        let shown = abs(value) < step * 1e-6 ? 0 : value  // no "-0" for a tick computed as -1e-17
        return String(format: "%.\(decimals)f", shown)
    }
}
