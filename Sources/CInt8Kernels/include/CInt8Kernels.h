#ifndef NMT_INT8_KERNELS_H
#define NMT_INT8_KERNELS_H

// int8 matrix products with int32 accumulation for int8 decoding: an AVX-512 VNNI path, an AVX2
// path and a portable scalar path, every one giving exactly the same int32 sums.
//
// Weights: n output units of k inputs, int8 in [-127, 127] (never -128: the AVX2 path negates
// them), packed once by nmt_int8_pack into blocks of 16 units; inside a block, groups of 4
// inputs, each group 64 bytes = 16 units × 4 consecutive inputs:
//     packed[(block · kp/4 + g) · 64 + u · 4 + i] = w[16 · block + u][4g + i]
// with kp = k rounded up to a multiple of 4 and zeros beyond k and n. `sums` (16 per block) holds
// each unit's Σ_p w[u][p], which the VNNI path needs (below).
//
// Activations: m rows of kp int8 values (any int8), zero beyond k, row stride lda ≥ kp.
//   C[i][j] = Σ_p a[i][p] · w[j][p]                         (int32, exact for kp ≤ 65536)
// VNNI's vpdpbusd multiplies unsigned by signed bytes: it reads a + 128 (a byte XOR 0x80) and
// subtracts 128 · Σ_p w[j][p] at the end. AVX2 multiplies |a| by w carrying a's sign
// (vpsignb), pairs summed by vpmaddubsw (|2 · 128 · 127| < 2^15: never saturates) and widened
// by vpmaddwd.

#include <stddef.h>
#include <stdint.h>

typedef enum {
    NMT_INT8_SCALAR = 0,
    NMT_INT8_AVX2 = 1,
    NMT_INT8_AVX512_VNNI = 2,
} nmt_int8_path;

/// 1 when this CPU (and the operating system) runs `path`. (Autodiff's Int8Product.Path.best
/// takes the fastest.)
int nmt_int8_path_supported(nmt_int8_path path);

/// k rounded up to a multiple of 4: the length of a packed unit and of an activation row.
int nmt_int8_padded_inputs(int k);
/// Bytes of the packed form of n units of k inputs.
size_t nmt_int8_packed_bytes(int n, int k);
/// Number of `sums` entries: n rounded up to a multiple of 16.
int nmt_int8_padded_units(int n);

/// Packs w, element (unit j, input p) at w[j · unit_stride + p · input_stride], into `packed`
/// (nmt_int8_packed_bytes(n, k) bytes) and `sums` (nmt_int8_padded_units(n) entries).
void nmt_int8_pack(const int8_t *w, ptrdiff_t unit_stride, ptrdiff_t input_stride, int n, int k,
                   int8_t *packed, int32_t *sums);

/// Rows x[i][0..<k] (row stride ldx) → q[i][0..<kp] (row stride kp, zeros from k) and
/// scales[i] = max_p |x[i][p]| / 127, q = round(x · 127 / max) (half away from zero) in
/// [-127, 127]; a row of zeros gets scale 0 and q = 0. The same bytes on every path.
void nmt_int8_quantize_rows(nmt_int8_path path, const float *x, ptrdiff_t ldx, int m, int k, int8_t *q, int kp,
                            float *scales);

/// C[i][j] = Σ_p a[i][p] · w[j][p] for i < m and col_begin ≤ j < col_end, written at
/// c[i · ldc + j] (so a caller splitting the columns keeps one output). col_begin is a multiple
/// of 16; col_end ≤ n.
void nmt_int8_gemm_s32(nmt_int8_path path, int m, int kp, const int8_t *a, ptrdiff_t lda,
                       const int8_t *packed, const int32_t *sums, int col_begin, int col_end,
                       int32_t *c, ptrdiff_t ldc);

/// y[i · ldy + j] = init + C[i][j] · (a_scales[i] · w_scales[j]), init = y[i · ldy + j] when
/// accumulating, else bias[j] (bias: n floats, or NULL for none),
/// for the same i and j as nmt_int8_gemm_s32.
void nmt_int8_gemm_f32(nmt_int8_path path, int m, int kp, const int8_t *a, ptrdiff_t lda, const float *a_scales,
                       const int8_t *packed, const int32_t *sums, const float *w_scales, const float *bias,
                       int col_begin, int col_end, float *y, ptrdiff_t ldy, int accumulate);

#endif
