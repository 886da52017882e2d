#include "CInt8Kernels.h"
#include "int8_tiles.h"
#include <math.h>
#include <string.h>

int nmt_int8_path_supported(nmt_int8_path path) {
    __builtin_cpu_init();
    switch (path) {
    case NMT_INT8_SCALAR: return 1;
    case NMT_INT8_AVX2: return __builtin_cpu_supports("avx2") ? 1 : 0;
    case NMT_INT8_AVX512_VNNI:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
            && __builtin_cpu_supports("avx512vnni") ? 1 : 0;
    }
    return 0;
}

nmt_int8_path nmt_int8_best_path(void) {
    if (nmt_int8_path_supported(NMT_INT8_AVX512_VNNI)) return NMT_INT8_AVX512_VNNI;
    if (nmt_int8_path_supported(NMT_INT8_AVX2)) return NMT_INT8_AVX2;
    return NMT_INT8_SCALAR;
}

int nmt_int8_padded_inputs(int k) { return (k + 3) / 4 * 4; }
int nmt_int8_padded_units(int n) { return (n + NMT_BLOCK_UNITS - 1) / NMT_BLOCK_UNITS * NMT_BLOCK_UNITS; }
size_t nmt_int8_packed_bytes(int n, int k) { return (size_t)nmt_int8_padded_units(n) * (size_t)nmt_int8_padded_inputs(k); }

void nmt_int8_pack(const int8_t *w, ptrdiff_t unit_stride, ptrdiff_t input_stride, int n, int k,
                   int8_t *packed, int32_t *sums) {
    const int kp = nmt_int8_padded_inputs(k), np = nmt_int8_padded_units(n);
    memset(packed, 0, nmt_int8_packed_bytes(n, k));
    for (int j = 0; j < np; j++) {
        int32_t total = 0;
        if (j < n) {
            int8_t *block = packed + (ptrdiff_t)(j / NMT_BLOCK_UNITS) * kp * NMT_BLOCK_UNITS;
            const int u = j % NMT_BLOCK_UNITS;
            for (int p = 0; p < k; p++) {
                const int8_t value = w[j * unit_stride + p * input_stride];
                block[(p / 4) * 64 + u * 4 + p % 4] = value;
                total += value;
            }
        }
        sums[j] = total;
    }
}

void nmt_int8_quantize_rows(const float *x, ptrdiff_t ldx, int m, int k, int8_t *q, int kp, float *scales) {
    for (int i = 0; i < m; i++) {
        const float *row = x + i * ldx;
        int8_t *out = q + (ptrdiff_t)i * kp;
        float largest = 0;
        for (int p = 0; p < k; p++) largest = fmaxf(largest, fabsf(row[p]));
        const float inverse = largest > 0 ? 127 / largest : 0;
        for (int p = 0; p < k; p++) {
            float scaled = row[p] * inverse;
            scaled = fminf(127.0f, fmaxf(-127.0f, scaled));
            out[p] = (int8_t)(int32_t)(scaled + (scaled >= 0 ? 0.5f : -0.5f));
        }
        for (int p = k; p < kp; p++) out[p] = 0;
        scales[i] = largest / 127;
    }
}

static nmt_int8_tile tile_of(nmt_int8_path path) {
    switch (path) {
    case NMT_INT8_AVX512_VNNI: return nmt_int8_tile_avx512_vnni;
    case NMT_INT8_AVX2: return nmt_int8_tile_avx2;
    case NMT_INT8_SCALAR: break;
    }
    return nmt_int8_tile_scalar;
}

/// Walks the columns in panels of up to 4 blocks (64 units × kp bytes, which stay in the L1
/// cache) and, inside a panel, the rows in tiles of up to 4; `store` writes each finished tile.
#define FOR_EACH_TILE(store)                                                                        \
    const nmt_int8_tile run = tile_of(path);                                                        \
    const ptrdiff_t block_stride = (ptrdiff_t)kp * NMT_BLOCK_UNITS;                                 \
    int32_t acc[NMT_TILE_ROWS][NMT_TILE_BLOCKS * NMT_BLOCK_UNITS];                                  \
    for (int panel = col_begin; panel < col_end; panel += NMT_TILE_BLOCKS * NMT_BLOCK_UNITS) {      \
        const int width = col_end - panel < NMT_TILE_BLOCKS * NMT_BLOCK_UNITS                       \
            ? col_end - panel : NMT_TILE_BLOCKS * NMT_BLOCK_UNITS;                                  \
        const int blocks = (width + NMT_BLOCK_UNITS - 1) / NMT_BLOCK_UNITS;                         \
        const int8_t *weights = packed + (ptrdiff_t)(panel / NMT_BLOCK_UNITS) * block_stride;       \
        for (int i = 0; i < m; i += NMT_TILE_ROWS) {                                                \
            const int rows = m - i < NMT_TILE_ROWS ? m - i : NMT_TILE_ROWS;                         \
            run(a + i * lda, lda, rows, kp, weights, block_stride, blocks, sums + panel, acc);      \
            for (int r = 0; r < rows; r++) {                                                        \
                store                                                                               \
            }                                                                                       \
        }                                                                                           \
    }

void nmt_int8_gemm_s32(nmt_int8_path path, int m, int kp, const int8_t *a, ptrdiff_t lda,
                       const int8_t *packed, const int32_t *sums, int col_begin, int col_end,
                       int32_t *c, ptrdiff_t ldc) {
    FOR_EACH_TILE({
        int32_t *out = c + (i + r) * ldc + panel;
        for (int j = 0; j < width; j++) out[j] = acc[r][j];
    })
}

void nmt_int8_gemm_f32(nmt_int8_path path, int m, int kp, const int8_t *a, ptrdiff_t lda, const float *a_scales,
                       const int8_t *packed, const int32_t *sums, const float *w_scales, int col_begin, int col_end,
                       float *y, ptrdiff_t ldy, int accumulate) {
    FOR_EACH_TILE({
        float *out = y + (i + r) * ldy + panel;
        const float *scale = w_scales + panel;
        const float row_scale = a_scales[i + r];
        if (accumulate) {
            for (int j = 0; j < width; j++) out[j] += (float)acc[r][j] * (row_scale * scale[j]);
        } else {
            for (int j = 0; j < width; j++) out[j] = (float)acc[r][j] * (row_scale * scale[j]);
        }
    })
}
