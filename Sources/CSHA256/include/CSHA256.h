#ifndef NMT_SHA256_H
#define NMT_SHA256_H

// The SHA-256 compression function (FIPS 180-4) for the checkpoint checksums: a checkpoint of a
// hundred megabytes is hashed when it is loaded. On the x86 SHA extensions (sha256rnds2,
// sha256msg1/2) where the CPU has them, about five times the speed of the portable rounds,
// which every CPU runs; both give the same state.

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA extensions and SSE4.1 (which the state shuffles use).
int nmt_sha256_hardware_supported(void);

/// Runs the compression function over `blocks` 64-byte blocks at `data`, in order, updating
/// state[0..7] (the working variables a…h, as FIPS 180-4 numbers them). The hardware form only
/// where nmt_sha256_hardware_supported() says so.
void nmt_sha256_compress_hardware(uint32_t state[8], const uint8_t *data, size_t blocks);
void nmt_sha256_compress_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
