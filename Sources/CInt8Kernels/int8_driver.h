// The loops around a path's tile, included once by each path's file, so that the stores (the
// int32 sums, or their dequantization) are compiled for that path's instruction set too.
// The including file defines:
//   NMT_DRIVER_TARGET  the function attribute of its instruction set (or nothing)
//   NMT_DRIVER_TILE    its tile function (int8_tiles.h's signature)
//   NMT_DRIVER_S32, NMT_DRIVER_F32, NMT_DRIVER_QUANTIZE   the names of the functions it exports
//   NMT_DRIVER_TILE_F32     (optional) a tile that dequantizes its own sums, in registers:
//       void tile_f32(const int8_t *a, ptrdiff_t lda, int rows, int kp, const int8_t *panel,
//                     ptrdiff_t block_stride, int blocks, const int32_t *sums, const float *a_scales,
//                     const float *w_scales, const float *bias, int width, float *y, ptrdiff_t ldy,
//                     int accumulate)
//     writing what NMT_DRIVER_F32's store loop below would; without it the float products go
//     through NMT_DRIVER_TILE's int32 sums
// Every path computes the Float32 results with the same operations in the same order, and the
// target is built with -ffp-contract=off, so equal int32 sums give equal floats on every path.

#include "int8_tiles.h"

/// Walks the columns in panels of up to 4 blocks (64 units × kp bytes, which stay in the L1
/// cache) and, inside a panel, the rows in tiles of up to 4, running the body for each tile: it
/// sees `panel` (the first unit), `width` and `blocks` (of the panel), `weights` (its packed
/// bytes), `block_stride`, `i` (the first row) and `rows`.
#define NMT_FOR_EACH_TILE_POSITION(...)                                                             \
    const ptrdiff_t block_stride = (ptrdiff_t)kp * NMT_BLOCK_UNITS;                                 \
    for (int panel = col_begin; panel < col_end; panel += NMT_TILE_BLOCKS * NMT_BLOCK_UNITS) {      \
        const int width = col_end - panel < NMT_TILE_BLOCKS * NMT_BLOCK_UNITS                       \
            ? col_end - panel : NMT_TILE_BLOCKS * NMT_BLOCK_UNITS;                                  \
        const int blocks = (width + NMT_BLOCK_UNITS - 1) / NMT_BLOCK_UNITS;                         \
        const int8_t *weights = packed + (ptrdiff_t)(panel / NMT_BLOCK_UNITS) * block_stride;       \
        for (int i = 0; i < m; i += NMT_TILE_ROWS) {                                                \
            const int rows = m - i < NMT_TILE_ROWS ? m - i : NMT_TILE_ROWS;                         \
            __VA_ARGS__                                                                             \
        }                                                                                           \
    }

/// The same with each tile's int32 sums in `acc`; `store` writes each of its rows r.
#define NMT_FOR_EACH_TILE(store)                                                                    \
    int32_t acc[NMT_TILE_ROWS][NMT_TILE_BLOCKS * NMT_BLOCK_UNITS];                                  \
    NMT_FOR_EACH_TILE_POSITION(                                                                     \
        NMT_DRIVER_TILE(a + i * lda, lda, rows, kp, weights, block_stride, blocks, sums + panel, acc); \
        for (int r = 0; r < rows; r++) {                                                            \
            store                                                                                   \
        })

NMT_DRIVER_TARGET void NMT_DRIVER_S32(int m, int kp, const int8_t *a, ptrdiff_t lda, const int8_t *packed,
                                      const int32_t *sums, int col_begin, int col_end, int32_t *c, ptrdiff_t ldc) {
    NMT_FOR_EACH_TILE({
        int32_t *out = c + (i + r) * ldc + panel;
        for (int j = 0; j < width; j++) out[j] = acc[r][j];
    })
}

NMT_DRIVER_TARGET void NMT_DRIVER_F32(int m, int kp, const int8_t *a, ptrdiff_t lda, const float *a_scales,
                                      const int8_t *packed, const int32_t *sums, const float *w_scales,
                                      const float *bias, int col_begin, int col_end, float *y, ptrdiff_t ldy,
                                      int accumulate) {
#ifdef NMT_DRIVER_TILE_F32
    NMT_FOR_EACH_TILE_POSITION(
        NMT_DRIVER_TILE_F32(a + i * lda, lda, rows, kp, weights, block_stride, blocks, sums + panel, a_scales + i,
                            w_scales + panel, bias ? bias + panel : NULL, width, y + i * ldy + panel, ldy, accumulate);)
#else
    NMT_FOR_EACH_TILE({
        float *out = y + (i + r) * ldy + panel;
        const float *scale = w_scales + panel;
        const float row_scale = a_scales[i + r];
        const int32_t *sum = acc[r];
        if (accumulate) {
            for (int j = 0; j < width; j++) out[j] += (float)sum[j] * (row_scale * scale[j]);
        } else if (bias) {
            const float *start = bias + panel;
            for (int j = 0; j < width; j++) out[j] = start[j] + (float)sum[j] * (row_scale * scale[j]);
        } else {
            for (int j = 0; j < width; j++) out[j] = (float)sum[j] * (row_scale * scale[j]);
        }
    })
#endif
}

/// Written so that it vectorizes, with the same operations on every path (so the same bytes):
/// max |x| as the largest bit pattern with the sign bit cleared (for finite floats the order of
/// the patterns is the order of the values, and an integer maximum vectorizes where fmaxf's NaN
/// rule keeps it scalar), x · (127 / max), clamped to ±127, ±0.5 added and truncated.
NMT_DRIVER_TARGET void NMT_DRIVER_QUANTIZE(const float *x, ptrdiff_t ldx, int m, int k, int8_t *q, int kp, float *scales) {
    for (int i = 0; i < m; i++) {
        const float *row = x + i * ldx;
        int8_t *out = q + (ptrdiff_t)i * kp;
        uint32_t largest_bits = 0;
        for (int p = 0; p < k; p++) {
            uint32_t bits;
            __builtin_memcpy(&bits, row + p, 4);
            bits &= 0x7fffffffu;
            largest_bits = bits > largest_bits ? bits : largest_bits;
        }
        float largest;
        __builtin_memcpy(&largest, &largest_bits, 4);
        const float inverse = largest > 0 ? 127 / largest : 0;
        for (int p = 0; p < k; p++) {
            float scaled = row[p] * inverse;
            scaled = __builtin_fminf(127.0f, __builtin_fmaxf(-127.0f, scaled));
            out[p] = (int8_t)(int32_t)(scaled + (scaled >= 0 ? 0.5f : -0.5f));
        }
        for (int p = k; p < kp; p++) out[p] = 0;
        scales[i] = largest / 127;
    }
}

#undef NMT_FOR_EACH_TILE
#undef NMT_FOR_EACH_TILE_POSITION
