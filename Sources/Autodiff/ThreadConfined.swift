#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `Value` per thread, created on the thread's first use and released when the thread ends.
///
/// The tape and the core budget are per thread: each thread that trains or decodes (a
/// data-parallel worker, a decoding worker) records its own operations and splits its own
/// kernels, and no thread can change what another one sees.
final class ThreadConfined<Value: AnyObject> {
    private var key = pthread_key_t()
    private let make: () -> Value

    init(_ make: @escaping () -> Value) {
        self.make = make
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<AnyObject>.fromOpaque(pointer).release()
        }
    }

    /// This thread's value.
    var value: Value {
        @inline(__always) get {
            if let pointer = pthread_getspecific(key) {
                return Unmanaged<Value>.fromOpaque(pointer).takeUnretainedValue()
            }
            let created = make()
            pthread_setspecific(key, Unmanaged.passRetained(created as AnyObject).toOpaque())
            return created
        }
    }
}
