// The loops around a path's tile, included once by each path's file so that they are compiled
// for that path's instruction set. The including file defines:
//   NMT_DRIVER_TARGET       the function attribute of its instruction set (or nothing)
//   NMT_DRIVER_ROWS         the most rows of a tile
//   NMT_DRIVER_BLOCKS       the most blocks of 16 units of a tile
//   NMT_DRIVER_TILE         its tile function:
//       void tile(const float *x, ptrdiff_t ldx, int rows, int k, const float *panel, int blocks, int width,
//                 const float *bias, float *y, ptrdiff_t ldy, int accumulate)
//     which writes y[r · ldy + c] for r < rows, c < width ≤ 16 · blocks, from the `blocks` blocks
//     starting at `panel` (k · 16 floats each), bias (if any) and y starting at the panel's first unit
//   NMT_DRIVER_GEMM         the name of the function it exports

#include <stddef.h>

/// Walks the columns in panels of NMT_DRIVER_BLOCKS blocks (read from memory once per call)
/// and, inside a panel, the rows in tiles of NMT_DRIVER_ROWS (the panel stays in the L2 cache
/// while every row tile reads it).
NMT_DRIVER_TARGET void NMT_DRIVER_GEMM(int m, int k, const float *x, ptrdiff_t ldx, const float *packed,
                                       const float *bias, int col_begin, int col_end, float *y, ptrdiff_t ldy,
                                       int accumulate) {
    const int panel_units = NMT_DRIVER_BLOCKS * 16;
    for (int panel = col_begin; panel < col_end; panel += panel_units) {
        const int width = col_end - panel < panel_units ? col_end - panel : panel_units;
        const int blocks = (width + 15) / 16;
        const float *weights = packed + (ptrdiff_t)(panel / 16) * k * 16;
        const float *panel_bias = bias && !accumulate ? bias + panel : NULL;
        for (int i = 0; i < m; i += NMT_DRIVER_ROWS) {
            const int rows = m - i < NMT_DRIVER_ROWS ? m - i : NMT_DRIVER_ROWS;
            NMT_DRIVER_TILE(x + i * ldx, ldx, rows, k, weights, blocks, width, panel_bias, y + i * ldy + panel, ldy,
                            accumulate);
        }
    }
}
