#ifndef NMT_INT8_TILES_H
#define NMT_INT8_TILES_H

#include <stddef.h>
#include <stdint.h>

// One tile of a product: up to NMT_TILE_ROWS activation rows × up to NMT_TILE_BLOCKS blocks of
// 16 units (a panel of the packed weights).
#define NMT_TILE_ROWS 4
#define NMT_TILE_BLOCKS 4
#define NMT_BLOCK_UNITS 16

/// acc[r][c] = Σ_p a[r · lda + p] · w[unit c of the panel][p], r < rows, c < 16 · blocks.
/// `panel` is the first block's packed bytes, blocks `block_stride` bytes apart; `sums` the
/// panel's first unit sum.
typedef void (*nmt_int8_tile)(const int8_t *a, ptrdiff_t lda, int rows, int kp, const int8_t *panel,
                              ptrdiff_t block_stride, int blocks, const int32_t *sums,
                              int32_t acc[NMT_TILE_ROWS][NMT_TILE_BLOCKS * NMT_BLOCK_UNITS]);

void nmt_int8_tile_scalar(const int8_t *a, ptrdiff_t lda, int rows, int kp, const int8_t *panel,
                          ptrdiff_t block_stride, int blocks, const int32_t *sums,
                          int32_t acc[NMT_TILE_ROWS][NMT_TILE_BLOCKS * NMT_BLOCK_UNITS]);
void nmt_int8_tile_avx2(const int8_t *a, ptrdiff_t lda, int rows, int kp, const int8_t *panel,
                        ptrdiff_t block_stride, int blocks, const int32_t *sums,
                        int32_t acc[NMT_TILE_ROWS][NMT_TILE_BLOCKS * NMT_BLOCK_UNITS]);
void nmt_int8_tile_avx512_vnni(const int8_t *a, ptrdiff_t lda, int rows, int kp, const int8_t *panel,
                               ptrdiff_t block_stride, int blocks, const int32_t *sums,
                               int32_t acc[NMT_TILE_ROWS][NMT_TILE_BLOCKS * NMT_BLOCK_UNITS]);

#endif
