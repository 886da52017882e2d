#include "CBFloat16Kernels.h"
#include <string.h>

uint16_t nmt_bf16_round(float x) {
    uint32_t bits;
    memcpy(&bits, &x, 4);
    const uint32_t exponent = bits & 0x7f800000u, mantissa = bits & 0x007fffffu;
    if (exponent == 0x7f800000u && mantissa) return (uint16_t)((bits >> 16) | 0x0040u);  // NaN, made quiet
    if (exponent == 0) return (uint16_t)((bits >> 16) & 0x8000u);  // zero or denormal: a zero of its sign
    // To nearest, ties to even: add just under half of the dropped part's unit, plus the kept
    // part's lowest bit (so that an exact half carries only into an odd result). A carry into
    // the exponent is right, up to infinity.
    bits += 0x7fffu + ((bits >> 16) & 1u);
    return (uint16_t)(bits >> 16);
}

static float widen(uint16_t half) {
    const uint32_t bits = (uint32_t)half << 16;
    float x;
    memcpy(&x, &bits, 4);
    return x;
}

void nmt_bf16_gemm_reference(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a,
                             ptrdiff_t lda, const float *b, ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc) {
    for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
            float sum = 0;
            for (int p = 0; p < k; p++) {
                const float x = trans_a ? a[p * lda + i] : a[i * lda + p];
                const float y = trans_b ? b[j * ldb + p] : b[p * ldb + j];
                const float product = widen(nmt_bf16_round(x)) * widen(nmt_bf16_round(y));
                sum = sum + product;
            }
            float *out = c + i * ldc + j;
            *out = beta == 0 ? alpha * sum : alpha * sum + beta * *out;
        }
    }
}

void nmt_bf16_packed_reference(int m, int k, const float *x, ptrdiff_t ldx, const float *w, ptrdiff_t unit_stride,
                               ptrdiff_t input_stride, const float *bias, int col_begin, int col_end, float *y,
                               ptrdiff_t ldy, int accumulate) {
    for (int i = 0; i < m; i++) {
        for (int j = col_begin; j < col_end; j++) {
            const float *unit = w + (ptrdiff_t)j * unit_stride, *row = x + (ptrdiff_t)i * ldx;
            float sum = accumulate ? y[i * ldy + j] : bias ? bias[j] : 0;
            for (int p = 0; p < k; p += 2) {
                // The odd input past k is the packing's zero: 0 · 0 is still added, as the kernel does.
                const float odd = p + 1 < k ? widen(nmt_bf16_round(row[p + 1])) * widen(nmt_bf16_round(unit[(p + 1) * input_stride]))
                                            : 0.0f;
                sum = sum + odd;
                sum = sum + widen(nmt_bf16_round(row[p])) * widen(nmt_bf16_round(unit[p * input_stride]));
            }
            y[i * ldy + j] = sum;
        }
    }
}
