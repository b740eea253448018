#if canImport(Glibc)
import CMalloc
#endif

/// Whether freed heap memory stays in the process for the next batch.
///
/// A training or tagging loop allocates and frees the same few megabytes of buffers every batch
/// (recurrent traces, gradients, tensors). By default glibc serves blocks of 128 KiB and more with
/// fresh `mmap`s and returns freed memory at the top of the heap to the OS, so every batch pays
/// again for zero-filled pages: measured here as 30–40 % of a BiLSTM batch (`bench-lstm`).
/// `keepFreedMemory()` raises glibc's mmap threshold to 32 MiB and its trim threshold to 256 MiB,
/// so those blocks come from the heap and are reused. It is a process-wide allocator setting, so the
/// library never calls it on its own: executables (the `tagkit` commands, benchmarks) call it once at
/// start-up. Elsewhere than glibc it does nothing.
public enum HeapRetention {
    /// Sets glibc's `M_MMAP_THRESHOLD` to 32 MiB and `M_TRIM_THRESHOLD` to 256 MiB; returns whether
    /// the allocator accepted both.
    @discardableResult
    public static func keepFreedMemory() -> Bool {
        #if canImport(Glibc)
        return mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 256 << 20) == 1
        #else
        return false
        #endif
    }

    /// Returns the heap's free memory to the OS (glibc's `malloc_trim(0)`), e.g. once a model is loaded
    /// and the buffers of its parsing are gone, so they do not count in the resident size for the rest
    /// of the run. Returns whether any memory was released; elsewhere than glibc it does nothing.
    @discardableResult
    public static func returnFreedMemory() -> Bool {
        #if canImport(Glibc)
        return malloc_trim(0) == 1
        #else
        return false
        #endif
    }
}
