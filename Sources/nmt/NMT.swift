import ArgumentParser
import Foundation

/// `nmt`: parses, calls the library, prints. Exit status: 0 success, 1 runtime failure,
/// 2 usage or configuration error.
@main
struct NMT: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nmt",
        abstract: "Train, run and score LSTM encoder-decoder translation models.",
        subcommands: [
            // Each subcommand lives in its own file: <Name>Command.swift.
        ]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withFailure: error)
        }
    }

    /// Maps an error to our exit codes: parse and configuration errors are 2, the rest 1.
    static func exit(withFailure error: Error) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            // --help and --version print through the parser.
            Self.exit(withError: error)
        }
        if let usage = error as? UsageFailure {
            FileHandle.standardError.write(Data("nmt: \(usage.message)\n".utf8))
            Foundation.exit(2)
        }
        let isUsage = code == .validationFailure || !(error is LocalizedError || error is CustomStringConvertible)
        let message = fullMessage(for: error)
        if isUsage {
            FileHandle.standardError.write(Data("\(message)\n".utf8))
            Foundation.exit(2)
        }
        FileHandle.standardError.write(Data("nmt: \(message)\n".utf8))
        Foundation.exit(1)
    }
}

/// Thrown by a command for a usage or configuration problem (exit status 2).
struct UsageFailure: Error {
    var message: String
}
