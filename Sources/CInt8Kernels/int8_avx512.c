#include "int8_tiles.h"
#include <immintrin.h>
#include <string.h>

#define VNNI __attribute__((target("avx512f,avx512bw,avx512vnni")))
#define INLINE static inline __attribute__((always_inline))

// Per group of 4 inputs: one 64-byte load per block (16 units × 4 inputs), and per row the
// row's 4 bytes broadcast, XOR 0x80 (a + 128 as unsigned bytes), then one vpdpbusd per block
// and row: 16 units × 4 products added into 16 int32. At the end 128 · Σ_p w[u][p] is taken
// off each unit. Up to 4 rows × 4 blocks: 16 accumulators, 4 weight registers, 1 broadcast.
INLINE VNNI void tile_sums(const int8_t *a, ptrdiff_t lda, const int rows, int kp, const int8_t *panel,
                           ptrdiff_t block_stride, const int blocks, const int32_t *sums,
                           __m512i sum[NMT_TILE_ROWS][NMT_TILE_BLOCKS]) {
    for (int r = 0; r < rows; r++)
        for (int b = 0; b < blocks; b++) sum[r][b] = _mm512_setzero_si512();
    const __m512i flip = _mm512_set1_epi8((char)0x80);
    for (int g = 0; g < kp / 4; g++) {
        __m512i w[NMT_TILE_BLOCKS];
        for (int b = 0; b < blocks; b++) w[b] = _mm512_loadu_si512((const void *)(panel + b * block_stride + g * 64));
        for (int r = 0; r < rows; r++) {
            int32_t bytes;
            memcpy(&bytes, a + r * lda + 4 * g, 4);
            const __m512i x = _mm512_xor_si512(_mm512_set1_epi32(bytes), flip);
            for (int b = 0; b < blocks; b++) sum[r][b] = _mm512_dpbusd_epi32(sum[r][b], x, w[b]);
        }
    }
    for (int b = 0; b < blocks; b++) {
        const __m512i shift = _mm512_slli_epi32(_mm512_loadu_si512((const void *)(sums + b * NMT_BLOCK_UNITS)), 7);
        for (int r = 0; r < rows; r++) sum[r][b] = _mm512_sub_epi32(sum[r][b], shift);
    }
}

INLINE VNNI void tile(const int8_t *a, ptrdiff_t lda, const int rows, int kp, const int8_t *panel,
                      ptrdiff_t block_stride, const int blocks, const int32_t *sums,
                      int32_t acc[NMT_TILE_ROWS][NMT_TILE_BLOCKS * NMT_BLOCK_UNITS]) {
    __m512i sum[NMT_TILE_ROWS][NMT_TILE_BLOCKS];
    tile_sums(a, lda, rows, kp, panel, block_stride, blocks, sums, sum);
    for (int b = 0; b < blocks; b++) {
        for (int r = 0; r < rows; r++) _mm512_storeu_si512((void *)(acc[r] + b * NMT_BLOCK_UNITS), sum[r][b]);
    }
}

// The float products dequantize in the tile, from the registers: y = C · (s_i · scale_j), added
// to y when accumulating or to the bias, the same operations in the same order as the shared
// driver's loop (so the same floats as the other paths), without the int32 sums going through
// memory. The last block of the last panel may be partial: its loads and stores are masked.
INLINE VNNI void tile_f32(const int8_t *a, ptrdiff_t lda, const int rows, int kp, const int8_t *panel,
                          ptrdiff_t block_stride, const int blocks, const int32_t *sums, const float *a_scales,
                          const float *w_scales, const float *bias, int width, float *y, ptrdiff_t ldy,
                          int accumulate) {
    __m512i sum[NMT_TILE_ROWS][NMT_TILE_BLOCKS];
    tile_sums(a, lda, rows, kp, panel, block_stride, blocks, sums, sum);
    for (int b = 0; b < blocks; b++) {
        const int left = width - NMT_BLOCK_UNITS * b;
        const __mmask16 mask = left >= 16 ? (__mmask16)0xffff : (__mmask16)((1u << left) - 1);
        const __m512 scale = _mm512_maskz_loadu_ps(mask, w_scales + b * NMT_BLOCK_UNITS);
        const __m512 start = bias && !accumulate ? _mm512_maskz_loadu_ps(mask, bias + b * NMT_BLOCK_UNITS) : _mm512_setzero_ps();
        for (int r = 0; r < rows; r++) {
            float *out = y + r * ldy + b * NMT_BLOCK_UNITS;
            __m512 value = _mm512_mul_ps(_mm512_cvtepi32_ps(sum[r][b]), _mm512_mul_ps(_mm512_set1_ps(a_scales[r]), scale));
            if (accumulate) value = _mm512_add_ps(_mm512_maskz_loadu_ps(mask, out), value);
            else if (bias) value = _mm512_add_ps(start, value);
            _mm512_mask_storeu_ps(out, mask, value);
        }
    }
}

// Constant rows and blocks per call, so that every loop above unrolls into registers.
#define ROWS_CASES(blocks)                                                                     \
    switch (rows) {                                                                            \
    case 1: tile(a, lda, 1, kp, panel, block_stride, blocks, sums, acc); break;                \
    case 2: tile(a, lda, 2, kp, panel, block_stride, blocks, sums, acc); break;                \
    case 3: tile(a, lda, 3, kp, panel, block_stride, blocks, sums, acc); break;                \
    default: tile(a, lda, 4, kp, panel, block_stride, blocks, sums, acc); break;               \
    }

VNNI static void tile_avx512_vnni(const int8_t *a, ptrdiff_t lda, int rows, int kp, const int8_t *panel,
                                    ptrdiff_t block_stride, int blocks, const int32_t *sums,
                                    int32_t acc[NMT_TILE_ROWS][NMT_TILE_BLOCKS * NMT_BLOCK_UNITS]) {
    switch (blocks) {
    case 1: ROWS_CASES(1) break;
    case 2: ROWS_CASES(2) break;
    case 3: ROWS_CASES(3) break;
    default: ROWS_CASES(4) break;
    }
}

// Constant rows and blocks per call here too.
#define F32_ROWS_CASES(blocks)                                                                           \
    switch (rows) {                                                                                      \
    case 1: tile_f32(a, lda, 1, kp, panel, block_stride, blocks, sums, a_scales, w_scales, bias, width, y, ldy, accumulate); break; \
    case 2: tile_f32(a, lda, 2, kp, panel, block_stride, blocks, sums, a_scales, w_scales, bias, width, y, ldy, accumulate); break; \
    case 3: tile_f32(a, lda, 3, kp, panel, block_stride, blocks, sums, a_scales, w_scales, bias, width, y, ldy, accumulate); break; \
    default: tile_f32(a, lda, 4, kp, panel, block_stride, blocks, sums, a_scales, w_scales, bias, width, y, ldy, accumulate); break; \
    }

VNNI static void tile_f32_avx512_vnni(const int8_t *a, ptrdiff_t lda, int rows, int kp, const int8_t *panel,
                                      ptrdiff_t block_stride, int blocks, const int32_t *sums, const float *a_scales,
                                      const float *w_scales, const float *bias, int width, float *y, ptrdiff_t ldy,
                                      int accumulate) {
    switch (blocks) {
    case 1: F32_ROWS_CASES(1) break;
    case 2: F32_ROWS_CASES(2) break;
    case 3: F32_ROWS_CASES(3) break;
    default: F32_ROWS_CASES(4) break;
    }
}

#define NMT_DRIVER_TILE_F32 tile_f32_avx512_vnni
#define NMT_DRIVER_TARGET VNNI
#define NMT_DRIVER_TILE tile_avx512_vnni
#define NMT_DRIVER_S32 nmt_int8_gemm_s32_avx512_vnni
#define NMT_DRIVER_F32 nmt_int8_gemm_f32_avx512_vnni
#define NMT_DRIVER_QUANTIZE nmt_int8_quantize_rows_avx512_vnni
#include "int8_driver.h"
