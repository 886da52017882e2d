import Foundation

/// SIGINT and SIGTERM during training set a flag; the loop sees it after the current update,
/// writes a checkpoint and returns. A second signal exits at once.
enum Interruption {
    nonisolated(unsafe) static var signalled: Int32 = 0

    static func install() {
        signalled = 0
        let handler: @convention(c) (Int32) -> Void = { number in
            if Interruption.signalled != 0 { _exit(128 + number) }
            Interruption.signalled = number
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
    }

    static func uninstall() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
