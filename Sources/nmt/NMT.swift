import ArgumentParser
import Autodiff
import Files
import Foundation
import Text
import Training
import Translation
import YAMLConfiguration

/// `nmt`: parses, calls the library, prints. Exit status: 0 success, 1 runtime failure,
/// 2 usage or configuration error.
@main
struct NMT: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nmt",
        abstract: "Train, run and score translation models: LSTM encoder-decoders with attention, and Transformers.",
        version: NMTVersion.current,
        subcommands: [
            // Each subcommand lives in its own file: <Name>Command.swift.
            TrainCommand.self,
            TranslateCommand.self,
            EvaluateCommand.self,
            ShortlistCommand.self,
            QuantizeCommand.self,
            AverageCommand.self,
            ExportCommand.self,
            BleuCommand.self,
            TokenizeCommand.self,
            BPECommand.self,
            SentencePieceCommand.self,
            InfoCommand.self,
            ServeCommand.self,
        ]
    )

    static func main() {
        // Before any BLAS call: may restart the process with OPENBLAS_CORETYPE set.
        BLASKernel.ensureSupportedKernel()
        let command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            finish(parserError: error)
        }
        do {
            var runnable = command
            try runnable.run()
        } catch let error as UsageFailure {
            fail("nmt: \(error.message)", status: 2)
        } catch let error as ConfigurationError {
            fail("nmt: \(error)", status: 2)
        } catch let error as RunDirectoryError {
            fail("nmt: \(error)", status: 2)
        } catch let error as DecodingPrecisionError {
            fail("nmt: \(error)", status: 2)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            // `nmt help CMD` runs a help command whose run() throws the help request; a
            // ValidationError thrown by run() is a usage error like those found while parsing.
            let code = exitCode(for: error)
            if code == .success || code == .validationFailure { finish(parserError: error) }
            fail("nmt: \(error)", status: 1)
        }
    }

    /// The end of a run that argument-parser decided: help and --version (exit code 0) print on
    /// standard output, checked like every other write; anything else is a usage error (2).
    static func finish(parserError error: Error) -> Never {
        guard exitCode(for: error) == .success else { fail(fullMessage(for: error), status: 2) }
        do {
            let output = LineWriter.standardOutput()
            var text = fullMessage(for: error)
            while text.hasSuffix("\n") { text.removeLast() }
            try output.write(text)
            try output.flush()
        } catch {
            fail("nmt: \(error)", status: 1)
        }
        Foundation.exit(0)
    }

    static func fail(_ message: String, status: Int32) -> Never {
        StandardError.write(message)
        Foundation.exit(status)
    }
}

/// Thrown by a command for a usage or configuration problem (exit status 2).
struct UsageFailure: Error {
    var message: String
}
