#include "float_paths.h"
#include <math.h>

// The portable path, and the reference the vector paths are held to: one fmaf chain per output.
static void tile_scalar(const float *x, ptrdiff_t ldx, int rows, int k, const float *panel, int blocks, int width,
                        const float *bias, float *y, ptrdiff_t ldy, int accumulate, const float *prefetch, int prefetch_blocks) {
    (void)blocks;
    (void)prefetch;
    (void)prefetch_blocks;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < width; c++) {
            const float *w = panel + (ptrdiff_t)(c / 16) * k * 16 + c % 16;
            float sum = accumulate ? y[r * ldy + c] : bias ? bias[c] : 0;
            for (int p = 0; p < k; p++) sum = fmaf(x[r * ldx + p], w[p * 16], sum);
            y[r * ldy + c] = sum;
        }
    }
}

#define NMT_DRIVER_TARGET
#define NMT_DRIVER_ROWS 1
#define NMT_DRIVER_BLOCKS 1
#define NMT_DRIVER_TILE tile_scalar
#define NMT_DRIVER_GEMM nmt_float_gemm_scalar
#include "float_driver.h"
