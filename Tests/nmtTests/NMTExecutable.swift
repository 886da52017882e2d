import Foundation
import XCTest

/// The `nmt` executable built beside this test bundle, run as a user would run it.
enum NMTExecutable {
    static var url: URL {
        // On Linux the bundle is the build folder itself; on macOS it is a .xctest inside it.
        var folder = Bundle(for: BundleLocator.self).bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("nmt")
    }

    struct Result {
        var status: Int32
        var output: String
        var error: String
        /// True when the process ended by a signal (a crash), not by exit().
        var signalled: Bool
    }

    /// Runs `nmt arguments`; stdin is `input` (or a file, or nothing), stdout goes to a pipe unless
    /// `standardOutput` names a file such as /dev/full.
    static func run(_ arguments: [String], input: String? = nil, standardInputPath: String? = nil,
                    standardOutputPath: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        if let standardOutputPath {
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: standardOutputPath))
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        if let standardInputPath {
            let descriptor = open(standardInputPath, O_RDONLY)
            guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile) }
            process.standardInput = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        } else {
            process.standardInput = inPipe
        }
        try process.run()
        if standardInputPath == nil {
            if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
            try inPipe.fileHandleForWriting.close()
        }
        let output = standardOutputPath == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                      error: String(decoding: error, as: UTF8.self),
                      signalled: process.terminationReason == .uncaughtSignal)
    }
}

/// A tiny corpus, configuration and trained checkpoint in a temporary directory: enough for
/// `translate` and `evaluate` to run end to end in a second.
final class TinyRun {
    let directory: String
    var checkpoint: String { directory + "/run/latest.ckpt" }
    var source: String { directory + "/test.en" }
    var reference: String { directory + "/test.de" }

    init() throws {
        directory = NSTemporaryDirectory() + "nmt-cli-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let english = ["the cat sees a dog .", "a dog runs .", "the big house .", "a small tree .", "the cat runs ."]
        let german = ["die katze sieht einen hund .", "ein hund läuft .", "das grosse haus .", "ein kleiner baum .", "die katze läuft ."]
        for split in ["train", "valid", "test"] {
            try (english.joined(separator: "\n") + "\n").write(toFile: "\(directory)/\(split).en", atomically: true, encoding: .utf8)
            try (german.joined(separator: "\n") + "\n").write(toFile: "\(directory)/\(split).de", atomically: true, encoding: .utf8)
        }
        let config = """
            data:
              train: \(directory)/train
              valid: \(directory)/valid
              source_language: en
              target_language: de
            segmentation:
              kind: word
            model:
              embedding_size: 8
              encoder_hidden_size: 8
              decoder_hidden_size: 8
              attention_size: 8
              pre_output_size: 8
            training:
              batch_size: 5
              max_updates: 3
            validation:
              every_updates: 3
              samples: 0
            output:
              directory: \(directory)/run
            """
        try config.write(toFile: "\(directory)/config.yaml", atomically: true, encoding: .utf8)
        let trained = try NMTExecutable.run(["train", "--config", "\(directory)/config.yaml"])
        guard trained.status == 0 else { throw TinyRunError(message: "training the tiny run failed: \(trained.error)") }
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}

struct TinyRunError: Error { var message: String }

private final class BundleLocator {}
