// swift-tools-version:6.1
import PackageDescription

// Release builds of the numeric core drop overflow and bounds traps in the hot kernels and are
// compiled for the CPU of the machine that builds them (`-target-cpu native`: the elementwise
// kernels in AVX2 or AVX-512 registers instead of baseline x86-64's SSE2; no contraction into
// FMA, so every result keeps its bits). NMT_PORTABLE=1 builds for any CPU of the architecture
// instead, for a binary copied to other machines. Debug builds keep every check.
let forThisCPU = Context.environment["NMT_PORTABLE"] == "1" ? [] : ["-target-cpu", "native"]
let fastMath: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"] + forThisCPU, .when(configuration: .release))]

let package = Package(
    name: "nmt",
    products: [
        .executable(name: "nmt", targets: ["nmt"]),
        .executable(name: "nmt-serve", targets: ["nmt-serve"]),
        .library(name: "Translation", targets: ["Translation"]),
        .library(name: "Training", targets: ["Training"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        // Only `nmt-serve` and the Server tests build it (SwiftNIO and friends: minutes on 2 cores);
        // `swift build --product nmt` never does. No traits: swift-configuration is not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        // The server's connection guard is a SwiftNIO channel handler (Hummingbird's own dependencies).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
    ],
    targets: [
        // The only place C is seen: cblas.h and lapacke.h from libopenblas-dev / liblapacke-dev.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // Open MPI's mpi.h (libopenmpi-dev), seen only by MPITraining.
        .systemLibrary(
            name: "COpenMPI",
            pkgConfig: "ompi-c",
            providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]
        ),
        // SentencePiece (libsentencepiece-dev, a C++ library) behind a C header: train to bytes,
        // load from bytes, encode and decode. Seen only by Text.
        .target(
            name: "CSentencePiece",
            linkerSettings: [.linkedLibrary("sentencepiece"), .linkedLibrary("sentencepiece_train")]
        ),
        // int8 products with int32 sums (int8 decoding): AVX-512 VNNI, AVX2 and scalar kernels in
        // C, each function compiled for its own instruction set, the path chosen from cpuid at
        // run time. -O2 in debug builds too (a tile's loops unroll into registers only when
        // optimized); no contraction into FMA, so that every path's floats are equal.
        .target(name: "CInt8Kernels", cSettings: [.unsafeFlags(["-O2", "-ffp-contract=off"])]),
        // Float32 products on weights packed once (decoding): AVX-512, AVX2 and scalar kernels in
        // C, chosen from cpuid at run time; explicit fused multiply-adds and no other contraction,
        // so that every path's floats are equal.
        .target(name: "CFloatKernels", cSettings: [.unsafeFlags(["-O2", "-ffp-contract=off"])],
                linkerSettings: [.linkedLibrary("m")]),
        // Float32 products on bf16-rounded inputs with fp32 sums (training in reduced precision,
        // and decoding with weights packed once in bf16): AVX-512 BF16 only, each function
        // compiled for that instruction set, used when cpuid says the CPU has it; portable
        // references for the tests. -O2 in debug builds too.
        .target(name: "CBFloat16Kernels", cSettings: [.unsafeFlags(["-O2", "-ffp-contract=off"])]),
        .target(name: "Autodiff", dependencies: ["COpenBLAS", "CInt8Kernels", "CFloatKernels", "CBFloat16Kernels"], swiftSettings: fastMath),
        .target(name: "Layers", dependencies: ["Autodiff", "COpenBLAS"], swiftSettings: fastMath),
        // Every file the project reads or writes goes through Files: POSIX calls, atomic
        // replacement, lines in and out.
        .target(name: "Files"),
        .target(name: "Text", dependencies: ["Files", "CSentencePiece"]),
        // Padded time-major batches of id sequences and the length-bucketed, seeded batcher.
        .target(name: "Batching", dependencies: ["Text"]),
        .target(name: "Evaluation"),
        // Release builds check and convert tens of megabytes per checkpoint without traps.
        .target(name: "Checkpoint", dependencies: ["Files", "Autodiff", "CSHA256"], swiftSettings: fastMath),
        // SHA-256's compression function for the checkpoint checksums, in C: on the CPU's SHA
        // extensions where it has them, portable rounds elsewhere. -O2 in debug builds too (tests
        // hash checkpoints).
        .target(name: "CSHA256", cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "Reporting", dependencies: ["Files"]),
        // The typed-YAML engine: a section is a table of keys (name, field, rule, doc line) that
        // reading, checking, documenting and JSON coding loop over. The only Yams user.
        .target(name: "YAMLConfiguration", dependencies: ["Files", .product(name: "Yams", package: "Yams")]),
        // The LSTM and Transformer encoder–decoders and their `model:` settings.
        .target(name: "Model", dependencies: ["YAMLConfiguration", "Layers", "Autodiff", "Text", "Batching"], swiftSettings: fastMath),
        // Greedy and beam search, ensembles, shortlists, and the one SearchSettings type.
        .target(name: "Search", dependencies: ["Model", "YAMLConfiguration", "Layers", "Autodiff", "Text", "Batching"], swiftSettings: fastMath),
        // Checkpoint → text in, text out: the run configuration a checkpoint carries, the text
        // codec, the model checkpoint and the Translator.
        .target(
            name: "Translation",
            dependencies: ["Search", "Model", "YAMLConfiguration", "Layers", "Autodiff", "Text", "Batching", "Checkpoint", "Files"],
            swiftSettings: fastMath
        ),
        // The trainer, its data, data-parallel gradients, the run directory and validation.
        .target(
            name: "Training",
            dependencies: ["Translation", "Search", "Model", "YAMLConfiguration", "Layers", "Autodiff", "Text", "Batching", "Evaluation", "Checkpoint", "Files"],
            swiftSettings: fastMath
        ),
        // Data parallelism over MPI: the MPI training group behind Training's TrainingGroup.
        .target(name: "MPITraining", dependencies: ["Training", "Translation", "Autodiff", "COpenMPI"]),
        .executableTarget(
            name: "nmt",
            dependencies: ["Training", "Translation", "Search", "YAMLConfiguration", "MPITraining", "Reporting", "Autodiff", "Text", "Evaluation", "Files", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // `nmt serve` runs `nmt-serve`: the HTTP API and the page, on Hummingbird, in their own
        // library and executable so that the core build and `nmt` itself never link SwiftNIO.
        .target(
            name: "Server",
            dependencies: [
                "Translation", "Search", "Model", "Layers", "Autodiff", "Text",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.embedInCode("Page/index.html"), .embedInCode("Page/page.css"), .embedInCode("Page/page.js")]
        ),
        .executableTarget(
            name: "nmt-serve",
            dependencies: ["Server", "Translation", "Search", "Checkpoint", "Autodiff", "Files", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "nmt-bench", dependencies: ["Training", "Translation", "Model", "MPITraining", "Autodiff", "Layers", "Text", "Batching", "Files", "COpenBLAS"], swiftSettings: fastMath),
        // What the suites share: random tensors and the gradient assertion, the built executables
        // run to their end, the toy model pairs and the tiny training corpus and configuration,
        // a temporary directory.
        .target(
            name: "TestSupport",
            dependencies: ["Training", "Translation", "Model", "Autodiff", "Layers", "Text", "Batching"],
            path: "Tests/TestSupport"
        ),
        // The engine's tests also drive it through the fused kernels of Layers (tape bookkeeping,
        // buffer recycling, split kernels), the heaviest users of what they check.
        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "Layers", "TestSupport", "COpenBLAS"]),
        .testTarget(name: "LayersTests", dependencies: ["Layers", "Autodiff", "COpenBLAS", "TestSupport"]),
        .testTarget(name: "TextTests", dependencies: ["Text", "Files", "TestSupport"]),
        .testTarget(name: "BatchingTests", dependencies: ["Batching", "Text"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation"]),
        .testTarget(name: "FilesTests", dependencies: ["Files", "TestSupport"]),
        .testTarget(name: "CheckpointTests", dependencies: ["Checkpoint", "Autodiff", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "TestSupport"]),
        .testTarget(name: "YAMLConfigurationTests", dependencies: ["YAMLConfiguration"]),
        .testTarget(name: "ModelTests", dependencies: ["Model", "Search", "YAMLConfiguration", "Layers", "Autodiff", "Text", "TestSupport"]),
        .testTarget(name: "SearchTests", dependencies: ["Search", "Model", "Layers", "Autodiff", "Text", "Batching", "TestSupport"]),
        .testTarget(
            name: "TranslationTests",
            dependencies: ["Translation", "Search", "Model", "YAMLConfiguration", "Checkpoint", "Autodiff", "Layers", "Text", "TestSupport"]
        ),
        .testTarget(
            name: "TrainingTests",
            dependencies: ["Training", "Translation", "Search", "Model", "YAMLConfiguration", "Checkpoint", "Autodiff", "Layers", "Text", "Batching", "TestSupport"]
        ),
        // Runs the built `nmt` executable as a user would: help, limits, standard streams.
        .testTarget(name: "nmtTests", dependencies: ["Translation", "Search", "TestSupport"]),
        // Starts `nmt serve` on a loopback port: the API, its errors, batching, shutdown, the page
        // in headless Chromium; the batcher itself in-process.
        .testTarget(name: "ServerTests", dependencies: ["Server", "Translation", "Search", "TestSupport"], exclude: ["Page/page-check.py"]),
        // Runs `mpirun -np 2 nmt train` against one process: equal losses, accumulation, a killed
        // rank, resuming with 1 and 2 ranks; skipped only when mpirun is not installed.
        .testTarget(name: "MPITrainingTests", dependencies: ["MPITraining", "Training", "Translation", "TestSupport"]),
        // The import rule: each target imports only what docs/architecture.md allows it.
        .testTarget(name: "ArchitectureTests"),
    ],
    swiftLanguageModes: [.v5]
)
