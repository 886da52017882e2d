#ifndef NMT_BF16_PACKED_H
#define NMT_BF16_PACKED_H

// The blocking of nmt_bf16_packed_gemm (CBFloat16Kernels.h gives the packed layout and formula).
//   register tile: up to NMT_BF16_PACKED_ROWS rows × NMT_BF16_PACKED_BLOCKS blocks of 16 units,
//     24 zmm sums; per pair of inputs, one 64-byte load per block and one broadcast word per row;
//   panel: NMT_BF16_PACKED_BLOCKS blocks (64 units × k inputs, k · 128 bytes), read from memory
//     once per call and kept in L2 while every row tile reads it.

#include <stddef.h>
#include <stdint.h>

#define NMT_BF16_PACKED_ROWS 6
#define NMT_BF16_PACKED_BLOCKS 4

#define NMT_BF16_PACKED_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512bf16")))

/// Rounds x's m rows of k inputs to bf16 pairs: words[i · pairs + q] as in CBFloat16Kernels.h,
/// pairs = ⌈k / 2⌉, a zero in the high half of the last word when k is odd.
void nmt_bf16_round_rows(int m, int k, const float *x, ptrdiff_t ldx, uint32_t *words);

#endif
