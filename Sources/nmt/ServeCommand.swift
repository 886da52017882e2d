import ArgumentParser
import Foundation

/// `nmt serve …` runs `nmt-serve …`, the executable beside this one, in this process's place:
/// the server links Hummingbird and SwiftNIO, which `nmt` itself stays without (a build of `nmt`
/// alone does not compile them). `nmt serve --help` shows the server's options.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve translations over HTTP: a JSON API and a page that shows the attention.",
        discussion: "Runs nmt-serve, built beside nmt (swift build -c release --product nmt-serve).")

    @Argument(parsing: .captureForPassthrough,
              help: "--checkpoint FILE [--host 127.0.0.1] [--port 8080] and the limits; `nmt serve --help` lists them.")
    var options: [String] = []

    func run() throws {
        let executable = try Self.serverExecutable()
        let arguments = [executable] + options
        let argv = arguments.map { strdup($0) } + [nil]
        execv(executable, argv)
        throw RuntimeFailure(message: "cannot run \(executable): \(String(cString: strerror(errno)))")
    }

    /// nmt-serve in the directory of this executable.
    static func serverExecutable() throws -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let directory = URL(fileURLWithPath: me).deletingLastPathComponent()
        let server = directory.appendingPathComponent("nmt-serve").path
        guard FileManager.default.isExecutableFile(atPath: server) else {
            throw RuntimeFailure(message: "nmt serve runs nmt-serve, which is not in \(directory.path); "
                + "build it with `swift build -c release --product nmt-serve`")
        }
        return server
    }
}

/// A runtime failure (exit status 1) whose message is the whole story.
struct RuntimeFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
