import ArgumentParser
import Autodiff
import Files
import Foundation
import Translation

// Before any BLAS call: may restart the process with OPENBLAS_CORETYPE set (`nmt serve` has
// already done so, and the variable is inherited).
BLASKernel.ensureSupportedKernel()

let command: ServeCommand
do {
    command = try ServeCommand.parse()
} catch {
    // --help exits 0 on standard output; anything else is a usage error (2), as in `nmt`.
    if ServeCommand.exitCode(for: error) == .success {
        print(ServeCommand.fullMessage(for: error))
        exit(0)
    }
    StandardError.write(ServeCommand.fullMessage(for: error))
    exit(2)
}
do {
    try await command.run()
} catch let error as DecodingPrecisionError {
    StandardError.write("nmt serve: \(error)")
    exit(2)
} catch {
    StandardError.write("nmt serve: \(error)")
    exit(1)
}
