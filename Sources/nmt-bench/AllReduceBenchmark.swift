import MPITraining
import Foundation
import Translation

/// One all-reduce of a model's gradients, as the trainer runs it once per update under mpirun:
/// `mpirun -np N nmt-bench allreduce [--parameters P] [--repetitions R]`. The ranks meet at a
/// barrier before each timed call, so the time is the exchange's, not the wait for a slower
/// rank. Prints one JSON line (rank 0): the median and fastest time, and the bus bandwidth of a
/// ring all-reduce, which moves 2·(N−1)/N × the buffer's bytes through each rank's link.
func runAllReduceBenchmark(parameters: Int, repetitions: Int) throws {
    guard MPILaunch.isLaunched() else {
        throw UsageError(description: "allreduce: run it under mpirun, e.g. mpirun -np 2 nmt-bench allreduce")
    }
    let group = try MPIGroup()
    defer { group.finish() }
    // The gradients and the trainer's three control values, as in FusedGradientBuffer.
    let count = parameters + 3
    let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
    defer { buffer.deallocate() }
    buffer.initialize(repeating: 1)
    var seconds: [Double] = []
    for round in 0..<(repetitions + 2) {
        try group.barrier()
        let start = Timing.now()
        try group.allReduceSum(buffer)
        // The first two calls set up connections and buffers.
        if round >= 2 { seconds.append(Timing.seconds(since: start)) }
        if round == 0 {
            // Every rank gave ones: each element is now the rank count. Zeros from here on.
            guard buffer[0] == Float(group.size), buffer[count - 1] == Float(group.size) else {
                throw UsageError(description: "allreduce: the sum of \(group.size) ones came out as \(buffer[0])")
            }
            buffer.update(repeating: 0)
        }
    }
    guard group.isLeader else { return }
    let bytes = Double(count * MemoryLayout<Float>.stride)
    let median = Timing.median(seconds)
    let ringBytes = 2 * Double(group.size - 1) / Double(group.size) * bytes
    let line: [String: Any] = [
        "benchmark": "allreduce", "ranks": group.size, "ranks_on_this_machine": group.ranksOnThisMachine,
        "floats": count, "megabytes": (bytes / 1e4).rounded() / 100, "repetitions": repetitions,
        "median_ms": (median * 1e5).rounded() / 100, "min_ms": ((seconds.min() ?? 0) * 1e5).rounded() / 100,
        "bus_gbit_per_s": (ringBytes * 8 / median / 1e7).rounded() / 100,
    ]
    let json = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
}
