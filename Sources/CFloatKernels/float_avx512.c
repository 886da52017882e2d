#include "float_paths.h"
#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f")))
#define INLINE static inline __attribute__((always_inline))
#define ROWS 6
#define BLOCKS 4

// Up to 6 rows × 4 blocks of 16 units: 24 accumulators; per input, 4 weight loads and one
// broadcast per row (folded into the multiply-add), 24 multiply-adds. The last block of the
// last panel may be partial: its loads of y and bias and its stores are masked.
INLINE AVX512 void tile(const float *x, ptrdiff_t ldx, const int rows, int k, const float *panel, const int blocks,
                        int width, const float *bias, float *y, ptrdiff_t ldy, int accumulate, const float *prefetch, int prefetch_blocks) {
    __m512 sum[ROWS][BLOCKS];
    __mmask16 mask[BLOCKS];
    for (int b = 0; b < blocks; b++) {
        const int left = width - 16 * b;
        mask[b] = left >= 16 ? (__mmask16)0xffff : (__mmask16)((1u << left) - 1);
    }
    for (int r = 0; r < rows; r++) {
        for (int b = 0; b < blocks; b++) {
            sum[r][b] = accumulate ? _mm512_maskz_loadu_ps(mask[b], y + r * ldy + 16 * b)
                      : bias ? _mm512_maskz_loadu_ps(mask[b], bias + 16 * b)
                             : _mm512_setzero_ps();
        }
    }
    const ptrdiff_t block_stride = (ptrdiff_t)k * 16;
    for (int p = 0; p < k; p++) {
        __m512 w[BLOCKS];
        for (int b = 0; b < blocks; b++) w[b] = _mm512_loadu_ps(panel + b * block_stride + p * 16);
        for (int b = 0; b < prefetch_blocks; b++) _mm_prefetch((const char *)(prefetch + b * block_stride + p * 16), _MM_HINT_T1);
        for (int r = 0; r < rows; r++) {
            const __m512 v = _mm512_set1_ps(x[r * ldx + p]);
            for (int b = 0; b < blocks; b++) sum[r][b] = _mm512_fmadd_ps(v, w[b], sum[r][b]);
        }
    }
    for (int r = 0; r < rows; r++)
        for (int b = 0; b < blocks; b++) _mm512_mask_storeu_ps(y + r * ldy + 16 * b, mask[b], sum[r][b]);
}

// Constant rows and blocks per call, so that every loop above unrolls into registers.
#define ROWS_CASES(blocks)                                                                                 \
    switch (rows) {                                                                                        \
    case 1: tile(x, ldx, 1, k, panel, blocks, width, bias, y, ldy, accumulate, prefetch, prefetch_blocks); break;                     \
    case 2: tile(x, ldx, 2, k, panel, blocks, width, bias, y, ldy, accumulate, prefetch, prefetch_blocks); break;                     \
    case 3: tile(x, ldx, 3, k, panel, blocks, width, bias, y, ldy, accumulate, prefetch, prefetch_blocks); break;                     \
    case 4: tile(x, ldx, 4, k, panel, blocks, width, bias, y, ldy, accumulate, prefetch, prefetch_blocks); break;                     \
    case 5: tile(x, ldx, 5, k, panel, blocks, width, bias, y, ldy, accumulate, prefetch, prefetch_blocks); break;                     \
    default: tile(x, ldx, 6, k, panel, blocks, width, bias, y, ldy, accumulate, prefetch, prefetch_blocks); break;                    \
    }

AVX512 static void tile_avx512(const float *x, ptrdiff_t ldx, int rows, int k, const float *panel, int blocks,
                               int width, const float *bias, float *y, ptrdiff_t ldy, int accumulate,
                               const float *prefetch, int prefetch_blocks) {
    switch (blocks) {
    case 1: ROWS_CASES(1) break;
    case 2: ROWS_CASES(2) break;
    case 3: ROWS_CASES(3) break;
    default: ROWS_CASES(4) break;
    }
}

#define NMT_DRIVER_TARGET AVX512
#define NMT_DRIVER_ROWS ROWS
#define NMT_DRIVER_BLOCKS BLOCKS
#define NMT_DRIVER_TILE tile_avx512
#define NMT_DRIVER_GEMM nmt_float_gemm_avx512
#include "float_driver.h"
