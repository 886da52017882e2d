#include "bf16_blocking.h"
#include <immintrin.h>

#define INLINE static inline __attribute__((always_inline))

// Per pair of inputs: one 64-byte load per 16 columns, and per row its word broadcast (folded
// into the instruction) and one `vdpbf16ps` per 16 columns. Up to 8 rows × 2 × 16 columns: 16
// accumulators, 2 panel registers, 1 broadcast. The last panel may be narrower than 32
// columns: its stores, and its loads of c, are masked.
INLINE NMT_BF16_TARGET void tile(const uint32_t *rows_packed, const uint32_t *panel, int pairs, const int rows,
                                 const int blocks, int width, float alpha, float beta, int first, float *c,
                                 ptrdiff_t ldc) {
    __m512 sum[NMT_BF16_ROWS][NMT_BF16_PANEL_BLOCKS];
    for (int r = 0; r < rows; r++)
        for (int b = 0; b < blocks; b++) sum[r][b] = _mm512_setzero_ps();
    for (int q = 0; q < pairs; q++) {
        __m512bh w[NMT_BF16_PANEL_BLOCKS];
        for (int b = 0; b < blocks; b++) w[b] = (__m512bh)_mm512_loadu_si512((const void *)(panel + q * NMT_BF16_PANEL + 16 * b));
        for (int r = 0; r < rows; r++) {
            const __m512bh x = (__m512bh)_mm512_set1_epi32((int)rows_packed[q * NMT_BF16_ROWS + r]);
            for (int b = 0; b < blocks; b++) sum[r][b] = _mm512_dpbf16_ps(sum[r][b], x, w[b]);
        }
    }
    const __m512 scale = _mm512_set1_ps(alpha), keep = _mm512_set1_ps(first ? beta : 1);
    const int reads = !first || beta != 0;
    for (int b = 0; b < blocks; b++) {
        const int left = width - 16 * b;
        const __mmask16 mask = left >= 16 ? (__mmask16)0xffff : (__mmask16)((1u << left) - 1);
        for (int r = 0; r < rows; r++) {
            float *out = c + r * ldc + 16 * b;
            const __m512 scaled = _mm512_mul_ps(scale, sum[r][b]);
            const __m512 result = reads ? _mm512_add_ps(scaled, _mm512_mul_ps(keep, _mm512_maskz_loadu_ps(mask, out))) : scaled;
            _mm512_mask_storeu_ps(out, mask, result);
        }
    }
}

// Constant rows and blocks per call, so that every loop above unrolls into registers.
#define ROWS_CASES(blocks)                                                                                    \
    switch (rows) {                                                                                           \
    case 1: tile(rows_packed, panel, pairs, 1, blocks, width, alpha, beta, first, c, ldc); break;             \
    case 2: tile(rows_packed, panel, pairs, 2, blocks, width, alpha, beta, first, c, ldc); break;             \
    case 3: tile(rows_packed, panel, pairs, 3, blocks, width, alpha, beta, first, c, ldc); break;             \
    case 4: tile(rows_packed, panel, pairs, 4, blocks, width, alpha, beta, first, c, ldc); break;             \
    case 5: tile(rows_packed, panel, pairs, 5, blocks, width, alpha, beta, first, c, ldc); break;             \
    case 6: tile(rows_packed, panel, pairs, 6, blocks, width, alpha, beta, first, c, ldc); break;             \
    case 7: tile(rows_packed, panel, pairs, 7, blocks, width, alpha, beta, first, c, ldc); break;             \
    default: tile(rows_packed, panel, pairs, 8, blocks, width, alpha, beta, first, c, ldc); break;            \
    }

NMT_BF16_TARGET void nmt_bf16_tile(const uint32_t *rows_packed, const uint32_t *panel, int pairs, int rows, int width,
                                   float alpha, float beta, int first, float *c, ptrdiff_t ldc) {
    if (width > 16) {
        ROWS_CASES(2)
    } else {
        ROWS_CASES(1)
    }
}
