#ifndef NMT_INT8_TILES_H
#define NMT_INT8_TILES_H

#include <stddef.h>
#include <stdint.h>

// One tile of a product: up to NMT_TILE_ROWS activation rows × up to NMT_TILE_BLOCKS blocks of
// 16 units (a panel of the packed weights).
#define NMT_TILE_ROWS 4
#define NMT_TILE_BLOCKS 4
#define NMT_BLOCK_UNITS 16

// Each path's file defines a static tile function of this form, and includes int8_driver.h:
//   void tile(const int8_t *a, ptrdiff_t lda, int rows, int kp, const int8_t *panel,
//             ptrdiff_t block_stride, int blocks, const int32_t *sums,
//             int32_t acc[NMT_TILE_ROWS][NMT_TILE_BLOCKS * NMT_BLOCK_UNITS]);
// acc[r][c] = Σ_p a[r · lda + p] · w[unit c of the panel][p], r < rows, c < 16 · blocks.
// `panel` is the first block's packed bytes, blocks `block_stride` bytes apart; `sums` the
// panel's first unit sum.

/// Each path's drivers (int8_driver.h): nmt_int8_gemm_s32, nmt_int8_gemm_f32 and
/// nmt_int8_quantize_rows without the path argument.
#define NMT_DECLARE_DRIVERS(path)                                                                           \
    void nmt_int8_gemm_s32_##path(int m, int kp, const int8_t *a, ptrdiff_t lda, const int8_t *packed,       \
                                  const int32_t *sums, int col_begin, int col_end, int32_t *c, ptrdiff_t ldc); \
    void nmt_int8_gemm_f32_##path(int m, int kp, const int8_t *a, ptrdiff_t lda, const float *a_scales,      \
                                  const int8_t *packed, const int32_t *sums, const float *w_scales,         \
                                  const float *bias, int col_begin, int col_end, float *y, ptrdiff_t ldy,   \
                                  int accumulate);                                                          \
    void nmt_int8_quantize_rows_##path(const float *x, ptrdiff_t ldx, int m, int k, int8_t *q, int kp, float *scales);
NMT_DECLARE_DRIVERS(scalar)
NMT_DECLARE_DRIVERS(avx2)
NMT_DECLARE_DRIVERS(avx512_vnni)

#endif
