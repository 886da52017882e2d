import Foundation

/// SIGINT and SIGTERM during training set a flag; the loop sees it after the current update,
/// writes a checkpoint and returns. A second signal exits at once.
///
/// In a group (under mpirun) the flag is voted with the update's gradients, so every rank stops
/// after the same update; mpirun forwards its own SIGINT and SIGTERM to every rank. When a rank
/// dies, mpirun sends the others SIGTERM and, a second later, SIGKILL: a rank then waiting for
/// the dead one in a collective never returns to the loop, so its handler says what is
/// happening itself (with `write`, which a signal handler may call).
package enum Interruption {
    nonisolated(unsafe) static var signalled: Int32 = 0

    static func install(inGroup: Bool = false) {
        signalled = 0
        let alone: @convention(c) (Int32) -> Void = { number in
            if Interruption.signalled != 0 { _exit(128 + number) }
            Interruption.signalled = number
        }
        let rankOfGroup: @convention(c) (Int32) -> Void = { number in
            if Interruption.signalled != 0 { _exit(128 + number) }
            Interruption.signalled = number
            let notice: StaticString = """
                nmt: signal received: the ranks stop together after this update and rank 0 writes latest.ckpt; \
                if a rank has died, mpirun ends every rank now (its message names the rank) and latest.ckpt stays \
                the last one written completely

                """
            _ = write(STDERR_FILENO, notice.utf8Start, notice.utf8CodeUnitCount)
        }
        signal(SIGINT, inGroup ? rankOfGroup : alone)
        signal(SIGTERM, inGroup ? rankOfGroup : alone)
    }

    static func uninstall() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
