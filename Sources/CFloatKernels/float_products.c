#include "CFloatKernels.h"
#include "float_paths.h"
#include <string.h>

int nmt_float_path_supported(nmt_float_path path) {
    __builtin_cpu_init();
    switch (path) {
    case NMT_FLOAT_SCALAR: return 1;
    case NMT_FLOAT_AVX2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? 1 : 0;
    case NMT_FLOAT_AVX512: return __builtin_cpu_supports("avx512f") ? 1 : 0;
    }
    return 0;
}

size_t nmt_float_packed_count(int n, int k) { return (size_t)((n + 15) / 16 * 16) * (size_t)k; }

void nmt_float_pack(const float *w, ptrdiff_t unit_stride, ptrdiff_t input_stride, int n, int k, float *packed) {
    memset(packed, 0, nmt_float_packed_count(n, k) * sizeof(float));
    for (int j = 0; j < n; j++) {
        float *unit = packed + (ptrdiff_t)(j / 16) * k * 16 + j % 16;
        for (int p = 0; p < k; p++) unit[p * 16] = w[j * unit_stride + p * input_stride];
    }
}

void nmt_float_gemm(nmt_float_path path, int m, int k, const float *x, ptrdiff_t ldx, const float *packed,
                    const float *bias, int col_begin, int col_end, float *y, ptrdiff_t ldy, int accumulate) {
    switch (path) {
    case NMT_FLOAT_AVX512:
        nmt_float_gemm_avx512(m, k, x, ldx, packed, bias, col_begin, col_end, y, ldy, accumulate);
        return;
    case NMT_FLOAT_AVX2:
        nmt_float_gemm_avx2(m, k, x, ldx, packed, bias, col_begin, col_end, y, ldy, accumulate);
        return;
    case NMT_FLOAT_SCALAR: break;
    }
    nmt_float_gemm_scalar(m, k, x, ldx, packed, bias, col_begin, col_end, y, ldy, accumulate);
}
