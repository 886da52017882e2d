// The loops around a path's tile, included once by each path's file so that they are compiled
// for that path's instruction set. The including file defines:
//   NMT_DRIVER_TARGET       the function attribute of its instruction set (or nothing)
//   NMT_DRIVER_ROWS         the most rows of a tile
//   NMT_DRIVER_BLOCKS       the most blocks of 16 units of a tile
//   NMT_DRIVER_TILE         its tile function:
//       void tile(const float *x, ptrdiff_t ldx, int rows, int k, const float *panel, int blocks,
//                 int width, const float *bias, float *y, ptrdiff_t ldy, int accumulate,
//                 const float *prefetch, int prefetch_blocks)
//     which writes y[r · ldy + c] = init + Σ_p x[r · ldx + p] · panel[(c / 16) · k · 16 + p · 16 + c % 16]
//     for r < rows, c < width ≤ 16 · blocks (init: y when accumulating, else the bias, else 0),
//     and on the way prefetches `prefetch_blocks` blocks (k · 16 floats each) from `prefetch`
//     into L2 (a path may ignore it)
//   NMT_DRIVER_GEMM         the name of the function it exports

#include <stddef.h>

/// Walks the columns in panels of NMT_DRIVER_BLOCKS blocks (each weight read from memory once
/// per call) and, inside a panel, the rows in tiles of NMT_DRIVER_ROWS (the panel stays in L2
/// while every row tile reads it). The next panel is prefetched into L2 meanwhile, spread over
/// the tiles so that no tile waits on many misses: tile t of T fetches its blocks
/// ⌊t·B/T⌋ ..< ⌊(t+1)·B/T⌋.
NMT_DRIVER_TARGET void NMT_DRIVER_GEMM(int m, int k, const float *x, ptrdiff_t ldx, const float *packed,
                                       const float *bias, int col_begin, int col_end, float *y, ptrdiff_t ldy,
                                       int accumulate) {
    const int panel_units = NMT_DRIVER_BLOCKS * 16;
    const ptrdiff_t block_stride = (ptrdiff_t)k * 16;
    const int tiles = (m + NMT_DRIVER_ROWS - 1) / NMT_DRIVER_ROWS;
    for (int panel = col_begin; panel < col_end; panel += panel_units) {
        const int width = col_end - panel < panel_units ? col_end - panel : panel_units;
        const int blocks = (width + 15) / 16;
        const float *weights = packed + (ptrdiff_t)(panel / 16) * block_stride;
        const float *panel_bias = bias && !accumulate ? bias + panel : NULL;
        const float *next = weights + NMT_DRIVER_BLOCKS * block_stride;
        const int next_blocks = panel + panel_units < col_end ? NMT_DRIVER_BLOCKS : 0;
        for (int t = 0, i = 0; i < m; t++, i += NMT_DRIVER_ROWS) {
            const int rows = m - i < NMT_DRIVER_ROWS ? m - i : NMT_DRIVER_ROWS;
            const int first = t * next_blocks / tiles, last = (t + 1) * next_blocks / tiles;
            NMT_DRIVER_TILE(x + i * ldx, ldx, rows, k, weights, blocks, width, panel_bias, y + i * ldy + panel, ldy,
                            accumulate, next + first * block_stride, last - first);
        }
    }
}
