#ifndef NMT_SHA256_H
#define NMT_SHA256_H

// The SHA-256 compression function on the x86 SHA extensions (sha256rnds2, sha256msg1/2), for
// the checkpoint checksums: a checkpoint of a hundred megabytes is hashed when it is loaded.
// Checkpoint's SHA256 runs its portable Swift rounds on CPUs without the extensions.

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA extensions and SSE4.1 (which the state shuffles use).
int nmt_sha256_hardware_supported(void);

/// Runs the compression function over `blocks` 64-byte blocks at `data`, in order, updating
/// state[0..7] (the working variables a…h, as FIPS 180-4 numbers them).
void nmt_sha256_compress_hardware(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
