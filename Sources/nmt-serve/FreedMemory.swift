#if canImport(Glibc)
/// glibc's `malloc_trim` (malloc.h, which the Glibc module does not export).
@_silgen_name("malloc_trim")
private func mallocTrim(_ pad: Int) -> Int32
#endif

/// Returns memory freed while loading the checkpoints to the system. The file tensors each
/// checkpoint drops were freed, but glibc keeps freed heap memory for reuse: once its mmap
/// threshold has grown past a tensor's size, the next checkpoint's tensors come from the heap and
/// would stay resident for as long as the server runs.
func releaseFreedMemory() {
    #if canImport(Glibc)
    _ = mallocTrim(0)
    #endif
}
