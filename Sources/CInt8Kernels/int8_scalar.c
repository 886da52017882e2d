#include "int8_tiles.h"

// The portable path, and the reference the vector paths are tested against.
static void tile_scalar(const int8_t *a, ptrdiff_t lda, int rows, int kp, const int8_t *panel,
                          ptrdiff_t block_stride, int blocks, const int32_t *sums,
                          int32_t acc[NMT_TILE_ROWS][NMT_TILE_BLOCKS * NMT_BLOCK_UNITS]) {
    (void)sums;
    for (int r = 0; r < rows; r++) {
        const int8_t *x = a + r * lda;
        for (int b = 0; b < blocks; b++) {
            const int8_t *block = panel + b * block_stride;
            int32_t total[NMT_BLOCK_UNITS] = {0};
            for (int g = 0; g < kp / 4; g++) {
                const int8_t *group = block + g * 64, *xs = x + 4 * g;
                for (int u = 0; u < NMT_BLOCK_UNITS; u++) {
                    const int8_t *w = group + 4 * u;
                    total[u] += (int32_t)xs[0] * w[0] + (int32_t)xs[1] * w[1] + (int32_t)xs[2] * w[2] + (int32_t)xs[3] * w[3];
                }
            }
            for (int u = 0; u < NMT_BLOCK_UNITS; u++) acc[r][b * NMT_BLOCK_UNITS + u] = total[u];
        }
    }
}

#define NMT_DRIVER_TARGET 
#define NMT_DRIVER_TILE tile_scalar
#define NMT_DRIVER_S32 nmt_int8_gemm_s32_scalar
#define NMT_DRIVER_F32 nmt_int8_gemm_f32_scalar
#define NMT_DRIVER_QUANTIZE nmt_int8_quantize_rows_scalar
#include "int8_driver.h"
