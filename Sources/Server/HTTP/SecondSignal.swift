import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The second SIGTERM or SIGINT ends the process at once (status 128 + the signal), with the
/// requests in flight unanswered: the first asks for a graceful stop, which waits for them, and
/// an operator who signals again does not want to wait. Keep the value alive while serving.
final class SecondSignal {
    private let sources: [DispatchSourceSignal]

    init(_ signals: [Int32] = [SIGTERM, SIGINT]) {
        let queue = DispatchQueue(label: "nmt serve signals")
        var received = 0
        sources = signals.map { number in
            // Dispatch receives an ignored signal; the default action would end the process.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                received += Int(source.data)
                guard received >= 2 else { return }
                let message = "nmt serve: a second stop signal: exiting at once, with requests in flight unanswered\n"
                _ = message.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
                _exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    deinit { for source in sources { source.cancel() } }
}
