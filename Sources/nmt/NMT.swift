import ArgumentParser
import Autodiff
import Foundation
import Translation

/// `nmt`: parses, calls the library, prints. Exit status: 0 success, 1 runtime failure,
/// 2 usage or configuration error.
@main
struct NMT: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nmt",
        abstract: "Train, run and score LSTM encoder-decoder translation models.",
        subcommands: [
            // Each subcommand lives in its own file: <Name>Command.swift.
            TrainCommand.self,
            TranslateCommand.self,
            EvaluateCommand.self,
            AverageCommand.self,
            BleuCommand.self,
            TokenizeCommand.self,
            BPECommand.self,
            InfoCommand.self,
        ]
    )

    static func main() {
        // Before any BLAS call: may restart the process with OPENBLAS_CORETYPE set.
        BLASKernel.ensureSupportedKernel()
        let command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            // --help and --version are "errors" with exit code 0: the parser prints them.
            if exitCode(for: error) == .success { Self.exit(withError: error) }
            fail(fullMessage(for: error), status: 2)
        }
        do {
            var runnable = command
            try runnable.run()
        } catch let error as UsageFailure {
            fail("nmt: \(error.message)", status: 2)
        } catch let error as ConfigurationError {
            fail("nmt: \(error)", status: 2)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            fail("nmt: \(error)", status: 1)
        }
    }

    static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(status)
    }
}

/// Thrown by a command for a usage or configuration problem (exit status 2).
struct UsageFailure: Error {
    var message: String
}
