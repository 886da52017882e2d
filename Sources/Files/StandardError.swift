#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Messages for the user on standard error. Written with the C `write`: when standard error
/// itself fails (`2>/dev/full`, a closed descriptor) there is nobody left to tell, and the exit
/// status still says what happened, so the error is dropped rather than trapped on. Each line
/// goes out in one call as far as the system allows (the server's listening line is read by
/// tests and scripts to learn the port).
public enum StandardError {
    public static func write(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer { raw in
                systemWrite(STDERR_FILENO, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}

/// The C `write`, out of reach of `StandardError.write` name lookup.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
