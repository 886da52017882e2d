#include "CFloatKernels.h"
#include "float_paths.h"

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

/// Block by block, input by input, the 16 units innermost: for a weight whose units are its
/// columns that reads 16 consecutive floats of row p (training packs its recurrent weights on
/// every pass, so the order matters); for units along the rows, 16 rows advance together.
void nmt_float_pack(const float *w, ptrdiff_t unit_stride, ptrdiff_t input_stride, int n, int k, float *packed) {
    for (int block = 0; block < (n + 15) / 16; block++) {
        const int units = n - 16 * block < 16 ? n - 16 * block : 16;
        const float *first = w + (ptrdiff_t)16 * block * unit_stride;
        float *out = packed + (ptrdiff_t)block * k * 16;
        for (int p = 0; p < k; p++, out += 16) {
            const float *input = first + p * input_stride;
            for (int u = 0; u < units; u++) out[u] = input[u * unit_stride];
            for (int u = units; u < 16; u++) out[u] = 0;
        }
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
