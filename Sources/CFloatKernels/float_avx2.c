#include "float_paths.h"
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma")))
#define INLINE static inline __attribute__((always_inline))
#define ROWS 6

// Up to 6 rows × one block of 16 units (two ymm halves): 12 accumulators, 2 weight registers and
// a broadcast fill the 16 ymm registers. A partial block (the last of the last panel) loads and
// stores through lane masks.
INLINE AVX2 void tile(const float *x, ptrdiff_t ldx, const int rows, int k, const float *panel, int width,
                      const float *bias, float *y, ptrdiff_t ldy, int accumulate) {
    __m256 sum[ROWS][2];
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i mask[2] = {_mm256_cmpgt_epi32(_mm256_set1_epi32(width), lanes),
                             _mm256_cmpgt_epi32(_mm256_set1_epi32(width - 8), lanes)};
    for (int r = 0; r < rows; r++) {
        for (int h = 0; h < 2; h++) {
            sum[r][h] = accumulate ? _mm256_maskload_ps(y + r * ldy + 8 * h, mask[h])
                      : bias ? _mm256_maskload_ps(bias + 8 * h, mask[h])
                             : _mm256_setzero_ps();
        }
    }
    for (int p = 0; p < k; p++) {
        const __m256 w0 = _mm256_loadu_ps(panel + p * 16), w1 = _mm256_loadu_ps(panel + p * 16 + 8);
        for (int r = 0; r < rows; r++) {
            const __m256 v = _mm256_broadcast_ss(x + r * ldx + p);
            sum[r][0] = _mm256_fmadd_ps(v, w0, sum[r][0]);
            sum[r][1] = _mm256_fmadd_ps(v, w1, sum[r][1]);
        }
    }
    for (int r = 0; r < rows; r++)
        for (int h = 0; h < 2; h++) _mm256_maskstore_ps(y + r * ldy + 8 * h, mask[h], sum[r][h]);
}

AVX2 static void tile_avx2(const float *x, ptrdiff_t ldx, int rows, int k, const float *panel, int blocks, int width,
                           const float *bias, float *y, ptrdiff_t ldy, int accumulate, const float *prefetch, int prefetch_blocks) {
    (void)blocks;
    (void)prefetch;
    (void)prefetch_blocks;
    switch (rows) {
    case 1: tile(x, ldx, 1, k, panel, width, bias, y, ldy, accumulate); break;
    case 2: tile(x, ldx, 2, k, panel, width, bias, y, ldy, accumulate); break;
    case 3: tile(x, ldx, 3, k, panel, width, bias, y, ldy, accumulate); break;
    case 4: tile(x, ldx, 4, k, panel, width, bias, y, ldy, accumulate); break;
    case 5: tile(x, ldx, 5, k, panel, width, bias, y, ldy, accumulate); break;
    default: tile(x, ldx, 6, k, panel, width, bias, y, ldy, accumulate); break;
    }
}

#define NMT_DRIVER_TARGET AVX2
#define NMT_DRIVER_ROWS ROWS
#define NMT_DRIVER_BLOCKS 1
#define NMT_DRIVER_TILE tile_avx2
#define NMT_DRIVER_GEMM nmt_float_gemm_avx2
#include "float_driver.h"
