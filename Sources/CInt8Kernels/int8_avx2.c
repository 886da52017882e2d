#include "int8_tiles.h"
#include <immintrin.h>
#include <string.h>

#define AVX2 __attribute__((target("avx2")))
#define INLINE static inline __attribute__((always_inline))

// Per group of 4 inputs and per row: the row's 4 bytes broadcast to every unit; each 32-byte
// half of the group (8 units × 4 inputs) is multiplied as |a| · (w with a's sign) by vpmaddubsw
// (pairs of products into int16: at most 2 · 128 · 127 in size, so no saturation), and
// vpmaddwd with ones adds the pairs into one int32 per unit. 16 accumulators would not fit the
// 16 ymm registers beside the operands, so the blocks of a tile run one after another.
INLINE AVX2 void block_rows(const int8_t *a, ptrdiff_t lda, const int rows, int kp, const int8_t *block,
                            int32_t acc[NMT_TILE_ROWS][NMT_TILE_BLOCKS * NMT_BLOCK_UNITS], int column) {
    __m256i sum[NMT_TILE_ROWS][2];
    for (int r = 0; r < rows; r++) sum[r][0] = sum[r][1] = _mm256_setzero_si256();
    const __m256i ones = _mm256_set1_epi16(1);
    for (int g = 0; g < kp / 4; g++) {
        const __m256i w0 = _mm256_loadu_si256((const __m256i *)(block + g * 64));
        const __m256i w1 = _mm256_loadu_si256((const __m256i *)(block + g * 64 + 32));
        for (int r = 0; r < rows; r++) {
            int32_t bytes;
            memcpy(&bytes, a + r * lda + 4 * g, 4);
            const __m256i x = _mm256_set1_epi32(bytes);
            const __m256i magnitude = _mm256_abs_epi8(x);
            const __m256i p0 = _mm256_madd_epi16(_mm256_maddubs_epi16(magnitude, _mm256_sign_epi8(w0, x)), ones);
            const __m256i p1 = _mm256_madd_epi16(_mm256_maddubs_epi16(magnitude, _mm256_sign_epi8(w1, x)), ones);
            sum[r][0] = _mm256_add_epi32(sum[r][0], p0);
            sum[r][1] = _mm256_add_epi32(sum[r][1], p1);
        }
    }
    for (int r = 0; r < rows; r++) {
        _mm256_storeu_si256((__m256i *)(acc[r] + column), sum[r][0]);
        _mm256_storeu_si256((__m256i *)(acc[r] + column + 8), sum[r][1]);
    }
}

AVX2 static void tile_avx2(const int8_t *a, ptrdiff_t lda, int rows, int kp, const int8_t *panel,
                             ptrdiff_t block_stride, int blocks, const int32_t *sums,
                             int32_t acc[NMT_TILE_ROWS][NMT_TILE_BLOCKS * NMT_BLOCK_UNITS]) {
    (void)sums;
    for (int b = 0; b < blocks; b++) {
        const int8_t *block = panel + b * block_stride;
        int column = b * NMT_BLOCK_UNITS;
        // A constant row count per call, so that the loops over rows unroll into registers.
        switch (rows) {
        case 1: block_rows(a, lda, 1, kp, block, acc, column); break;
        case 2: block_rows(a, lda, 2, kp, block, acc, column); break;
        case 3: block_rows(a, lda, 3, kp, block, acc, column); break;
        default: block_rows(a, lda, 4, kp, block, acc, column); break;
        }
    }
}

#define NMT_DRIVER_TARGET AVX2
#define NMT_DRIVER_TILE tile_avx2
#define NMT_DRIVER_S32 nmt_int8_gemm_s32_avx2
#define NMT_DRIVER_F32 nmt_int8_gemm_f32_avx2
#define NMT_DRIVER_QUANTIZE nmt_int8_quantize_rows_avx2
#include "int8_driver.h"
