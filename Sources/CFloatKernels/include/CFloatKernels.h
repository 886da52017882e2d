#ifndef NMT_FLOAT_KERNELS_H
#define NMT_FLOAT_KERNELS_H

// Float32 products with weights packed once, for decoding, where the weights never change:
// OpenBLAS packs both operands again on every call (for a search step, the whole weight matrix
// for a few rows), these kernels read the weights in the order they were packed. An AVX-512
// path, an AVX2 path and a portable scalar path; each output is one fused multiply-add chain
// over the inputs in order (init, then p = 0, 1, …, k−1), so every path gives the same floats
// and a row's result does not depend on the other rows.
//
// Weights: n output units of k inputs, packed into blocks of 16 units; inside a block, for each
// input the 16 units' values:
//     packed[(block · k + p) · 16 + u] = w[16 · block + u][p]
// zeros for the units beyond n.
//
//   y[i][j] = init[i][j] + Σ_p x[i][p] · w[j][p]
//   init = y[i][j] when accumulating, else bias[j] (or 0 without a bias)

#include <stddef.h>

typedef enum {
    NMT_FLOAT_SCALAR = 0,
    NMT_FLOAT_AVX2 = 1,
    NMT_FLOAT_AVX512 = 2,
} nmt_float_path;

/// 1 when this CPU (and the operating system) runs `path`.
int nmt_float_path_supported(nmt_float_path path);

/// Floats of the packed form of n units of k inputs (n rounded up to a multiple of 16, times k).
size_t nmt_float_packed_count(int n, int k);

/// Packs w, element (unit j, input p) at w[j · unit_stride + p · input_stride], into `packed`
/// (nmt_float_packed_count(n, k) floats).
void nmt_float_pack(const float *w, ptrdiff_t unit_stride, ptrdiff_t input_stride, int n, int k, float *packed);

/// y[i · ldy + j] = init + Σ_p x[i · ldx + p] · w[j][p] for i < m and col_begin ≤ j < col_end
/// (col_begin a multiple of 16, col_end ≤ n; a caller splitting the columns keeps one output).
/// bias: n floats or NULL; ignored when accumulate is 1.
void nmt_float_gemm(nmt_float_path path, int m, int k, const float *x, ptrdiff_t ldx, const float *packed,
                    const float *bias, int col_begin, int col_end, float *y, ptrdiff_t ldy, int accumulate);

#endif
