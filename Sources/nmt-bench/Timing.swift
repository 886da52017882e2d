import Dispatch

/// Wall-clock timing by the median of repeated runs.
///
/// The machine's cores are shared (teammates compile on them), so the bodies being compared are
/// interleaved call by call: a burst of outside load then slows all of them alike instead of
/// whichever happened to run at that moment, and the median drops the most disturbed rounds.
enum Timing {
    /// One call of a benchmarked operation; returns the seconds spent in its timed part (bodies
    /// that prepare something untimed, like a seed gradient, stop the clock around it).
    typealias Body = () -> Double

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func seconds(since start: UInt64) -> Double { Double(now() - start) * 1e-9 }

    /// A body timed from start to end.
    static func whole(_ operation: @escaping () -> Void) -> Body {
        {
            let start = now()
            operation()
            return seconds(since: start)
        }
    }

    /// Seconds per call of each body: `warmUp` untimed calls each (pool buffers, OpenBLAS
    /// threads and caches reach steady state), then `repetitions` rounds of `iterations` calls of
    /// every body in turn (a, b, c, a, b, c, …); the median over the rounds of the mean call time.
    static func medians(_ bodies: [Body], warmUp: Int, repetitions: Int, iterations: Int) -> [Double] {
        for body in bodies { for _ in 0..<warmUp { _ = body() } }
        var samples = [[Double]](repeating: [], count: bodies.count)
        for _ in 0..<repetitions {
            var totals = [Double](repeating: 0, count: bodies.count)
            for _ in 0..<iterations {
                for (index, body) in bodies.enumerated() { totals[index] += body() }
            }
            for index in bodies.indices { samples[index].append(totals[index] / Double(iterations)) }
        }
        return samples.map(median)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
