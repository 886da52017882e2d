// nmt-bench: release-build benchmarks, one subcommand each.
//
//   swift build -c release --scratch-path .build-autodiff --product nmt-bench
//   .build-autodiff/release/nmt-bench core [--quick] [--repetitions N] [--blas-threads N]
//   mpirun -np 2 .build/release/nmt-bench allreduce [--parameters P] [--repetitions R]
//
// A new benchmark (e.g. a full training step) is one more entry in `commands`.

import Autodiff
import Foundation
import Model
import Translation

// Before any BLAS call: may restart the process with OPENBLAS_CORETYPE set.
BLASKernel.ensureSupportedKernel()

struct Command {
    let summary: String
    let run: ([String]) throws -> Void
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
}

let commands: [(name: String, command: Command)] = [
    ("core", Command(summary: "Tensor.matmul vs cblas_sgemm; fused LSTM cell vs the GEMMs of one step") { arguments in
        var settings = CoreBenchmark.Settings()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--quick":
                settings.quick = true
                settings.warmUp = 1
                settings.repetitions = 1
            case "--repetitions":
                guard let value = rest.popFirst().flatMap(Int.init), value > 0 else {
                    throw UsageError(description: "--repetitions needs a positive integer")
                }
                settings.repetitions = value
            case "--blas-threads":  // e.g. 1: the matmul overhead without thread-scheduling noise
                guard let value = rest.popFirst().flatMap(Int.init), value > 0 else {
                    throw UsageError(description: "--blas-threads needs a positive integer")
                }
                settings.blasThreads = value
            default:
                throw UsageError(description: "core: unknown option \(argument)")
            }
        }
        CoreBenchmark.run(settings)
    }),
    ("train", Command(summary: "training throughput on the PyTorch peer's reference configuration (Multi30k)") { arguments in
        var data = "../shared/corpora/multi30k/tok", batches = 60, source = "en", target = "de", workers = Parallel.cores
        var architecture = ModelArchitecture.rnn, precision = ProductPrecision.float32
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard let value = rest.popFirst() else { throw UsageError(description: "train: \(argument) needs a value") }
            switch argument {
            case "--data": data = value
            case "--batches":
                guard let count = Int(value), count > 0 else { throw UsageError(description: "--batches needs a positive integer") }
                batches = count
            case "--workers":  // 1: the whole batch on one thread of control, GEMMs on all cores
                guard let count = Int(value), count > 0 else { throw UsageError(description: "--workers needs a positive integer") }
                workers = count
            case "--source": source = value
            case "--target": target = value
            case "--architecture":  // transformer: the model of scripts/bench/transformer_torch.py
                guard let value = ModelArchitecture(rawValue: value) else {
                    throw UsageError(description: "--architecture needs rnn or transformer")
                }
                architecture = value
            case "--precision":  // bf16: the products' inputs rounded to bfloat16 (training.precision)
                guard let value = TrainingConfiguration.TrainingSection.Precision(rawValue: value) else {
                    throw UsageError(description: "--precision needs fp32 or bf16 (training.precision's values)")
                }
                precision = value.products
            default: throw UsageError(description: "train: unknown option \(argument)")
            }
        }
        try runTrainingBenchmark(data: data, source: source, target: target, batches: batches, workers: workers,
                                 architecture: architecture, precision: precision)
    }),
    ("allreduce", Command(summary: "under mpirun: one all-reduce of a model's gradients (default 13M parameters, the Multi30k model)") { arguments in
        var parameters = 13_000_000, repetitions = 20
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard let value = rest.popFirst().flatMap(Int.init), value > 0 else {
                throw UsageError(description: "allreduce: \(argument) needs a positive integer")
            }
            switch argument {
            case "--parameters": parameters = value
            case "--repetitions": repetitions = value
            default: throw UsageError(description: "allreduce: unknown option \(argument)")
            }
        }
        try runAllReduceBenchmark(parameters: parameters, repetitions: repetitions)
    }),
]

func usage() -> String {
    let width = (commands.map(\.name.count).max() ?? 0) + 2
    let lines = commands.map { "  \($0.name.padding(toLength: width, withPad: " ", startingAt: 0))\($0.command.summary)" }
    return (["usage: nmt-bench <command> [options]", "commands:"] + lines).joined(separator: "\n")
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let entry = commands.first(where: { $0.name == name }) else {
    print(usage())
    exit(arguments.isEmpty || ["-h", "--help", "help"].contains(arguments[0]) ? 0 : 2)
}
do {
    try entry.command.run(Array(arguments.dropFirst()))
} catch {
    FileHandle.standardError.write("nmt-bench: \(error)\n\(usage())\n".data(using: .utf8)!)
    exit(2)
}
