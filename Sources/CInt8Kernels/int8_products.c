#include "CInt8Kernels.h"
#include "int8_tiles.h"
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

void nmt_int8_quantize_rows(nmt_int8_path path, const float *x, ptrdiff_t ldx, int m, int k, int8_t *q, int kp,
                            float *scales) {
    switch (path) {
    case NMT_INT8_AVX512_VNNI: nmt_int8_quantize_rows_avx512_vnni(x, ldx, m, k, q, kp, scales); return;
    case NMT_INT8_AVX2: nmt_int8_quantize_rows_avx2(x, ldx, m, k, q, kp, scales); return;
    case NMT_INT8_SCALAR: break;
    }
    nmt_int8_quantize_rows_scalar(x, ldx, m, k, q, kp, scales);
}

void nmt_int8_gemm_s32(nmt_int8_path path, int m, int kp, const int8_t *a, ptrdiff_t lda,
                       const int8_t *packed, const int32_t *sums, int col_begin, int col_end,
                       int32_t *c, ptrdiff_t ldc) {
    switch (path) {
    case NMT_INT8_AVX512_VNNI:
        nmt_int8_gemm_s32_avx512_vnni(m, kp, a, lda, packed, sums, col_begin, col_end, c, ldc);
        return;
    case NMT_INT8_AVX2:
        nmt_int8_gemm_s32_avx2(m, kp, a, lda, packed, sums, col_begin, col_end, c, ldc);
        return;
    case NMT_INT8_SCALAR: break;
    }
    nmt_int8_gemm_s32_scalar(m, kp, a, lda, packed, sums, col_begin, col_end, c, ldc);
}

void nmt_int8_gemm_f32(nmt_int8_path path, int m, int kp, const int8_t *a, ptrdiff_t lda, const float *a_scales,
                       const int8_t *packed, const int32_t *sums, const float *w_scales, const float *bias,
                       int col_begin, int col_end, float *y, ptrdiff_t ldy, int accumulate) {
    switch (path) {
    case NMT_INT8_AVX512_VNNI:
        nmt_int8_gemm_f32_avx512_vnni(m, kp, a, lda, a_scales, packed, sums, w_scales, bias, col_begin, col_end, y, ldy, accumulate);
        return;
    case NMT_INT8_AVX2:
        nmt_int8_gemm_f32_avx2(m, kp, a, lda, a_scales, packed, sums, w_scales, bias, col_begin, col_end, y, ldy, accumulate);
        return;
    case NMT_INT8_SCALAR: break;
    }
    nmt_int8_gemm_f32_scalar(m, kp, a, lda, a_scales, packed, sums, w_scales, bias, col_begin, col_end, y, ldy, accumulate);
}
