// swift-tools-version:6.0
import PackageDescription

// Release builds of the numeric core drop overflow and bounds traps in the hot kernels;
// debug builds keep every check.
let fastMath: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]

let package = Package(
    name: "nmt",
    products: [
        .executable(name: "nmt", targets: ["nmt"]),
        .library(name: "Translation", targets: ["Translation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
    ],
    targets: [
        // The only place C is seen: cblas.h and lapacke.h from libopenblas-dev / liblapacke-dev.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "Autodiff", dependencies: ["COpenBLAS"], swiftSettings: fastMath),
        .target(name: "Layers", dependencies: ["Autodiff", "COpenBLAS"], swiftSettings: fastMath),
        .target(name: "Text"),
        .target(name: "Metrics"),
        .target(name: "Files"),
        // Release builds hash tens of megabytes per checkpoint through SHA256 without traps, as
        // they did inside Translation.
        .target(name: "Checkpoint", dependencies: ["Files", "Autodiff"], swiftSettings: fastMath),
        .target(name: "Reporting", dependencies: ["Files"]),
        .target(
            name: "Translation",
            dependencies: [
                "Autodiff", "Layers", "Text", "Metrics", "Files", "Checkpoint",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: fastMath
        ),
        .executableTarget(
            name: "nmt",
            dependencies: ["Translation", "Reporting", "Autodiff", "Text", "Metrics", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "nmt-bench", dependencies: ["Translation", "Autodiff", "Layers", "Text", "COpenBLAS"], swiftSettings: fastMath),
        // Random tensors, projections, the gradient assertion and closeness, shared by the suites.
        .target(name: "GradientTesting", dependencies: ["Autodiff"], path: "Tests/GradientTesting"),
        // The engine's tests also drive it through the fused kernels of Layers (tape bookkeeping,
        // buffer recycling, split kernels), the heaviest users of what they check.
        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "Layers", "GradientTesting", "COpenBLAS"]),
        .testTarget(name: "LayersTests", dependencies: ["Layers", "Autodiff", "GradientTesting"]),
        .testTarget(name: "TextTests", dependencies: ["Text"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"]),
        .testTarget(name: "FilesTests", dependencies: ["Files"]),
        .testTarget(name: "CheckpointTests", dependencies: ["Checkpoint", "Autodiff"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting"]),
        .testTarget(name: "TranslationTests", dependencies: ["Translation", "Checkpoint", "Autodiff", "Layers", "Text", "GradientTesting"]),
        // Runs the built `nmt` executable as a user would: help, limits, standard streams.
        .testTarget(name: "nmtTests", dependencies: ["Translation"]),
    ],
    swiftLanguageModes: [.v5]
)
