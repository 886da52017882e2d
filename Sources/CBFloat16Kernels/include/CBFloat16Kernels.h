#ifndef NMT_BFLOAT16_KERNELS_H
#define NMT_BFLOAT16_KERNELS_H

// Float32 matrix products on bf16 inputs with fp32 sums, on AVX-512 BF16 (`vdpbf16ps`), for
// training in reduced precision: the operands stay fp32 in memory and are rounded to bf16 while
// they are packed, on every call.
//
// bf16 is the upper half of an fp32: sign, 8 exponent bits, 7 mantissa bits. bf16(x) rounds x to
// nearest, ties to even (`vcvtne2ps2bf16`); as that instruction does, an fp32 denormal becomes a
// zero of its sign and a NaN stays a NaN (made quiet); a finite value past the largest bf16
// becomes ±infinity.
//
// Row-major, as cblas_sgemm: op(A) is m×k, op(B) is k×n,
//     op(A)[i][p] = trans_a ? a[p · lda + i] : a[i · lda + p]
//     op(B)[p][j] = trans_b ? b[j · ldb + p] : b[p · ldb + j]
//     C[i][j] = alpha · S[i][j] + beta · c[i · ldc + j],   S[i][j] = Σ_p bf16(op(A)[i][p]) · bf16(op(B)[p][j])
// Each product of two bf16 is exact in fp32; the sums are fp32 (rounded at every addition, in an
// order the kernel chooses: pairs of inputs, blocks of inputs). `vdpbf16ps` flushes a denormal
// product or sum to zero (the portable reference below does not). beta = 0: c is only written
// (it may hold NaN). k = 0: C = beta · c.
//
// The kernel packs, into the caller's workspace (no allocation):
//   op(B), a block of up to 512 inputs × 1024 columns at a time, in panels of 32 columns;
//   inside a panel, for each pair of inputs (2q, 2q + 1), the 32 columns' two values side by
//   side, 32 bits per column:
//       panel[(q · 32 + j) · 2 + h] = bf16(op(B)[2q + h][j])      (zeros past k and n)
//   op(A), 8 rows at a time, the same pairs, one 32-bit word per row:
//       rows[(q · 8 + i) · 2 + h] = bf16(op(A)[i][2q + h])          (zeros past k and m)
// so that one `vdpbf16ps` multiplies a row's pair (its word broadcast) by 16 columns' pairs and
// adds both products into 16 fp32 sums. A tile of 8 rows × 32 columns keeps 16 sums in registers.

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has AVX-512 F, BW, VL and BF16 and the operating system saves the zmm and
/// mask registers (cpuid leaf 7, xgetbv). nmt_bf16_gemm may only be called when it is 1.
int nmt_bf16_supported(void);

/// Bytes of workspace nmt_bf16_gemm needs for these sizes (at most about 1 MiB, whatever the sizes).
size_t nmt_bf16_workspace_bytes(int m, int n, int k);

/// C = alpha · op(A) · op(B) + beta · C as above; trans_a, trans_b 0 or 1; lda, ldb, ldc the
/// row strides (as cblas, row-major). Runs on the calling thread; `workspace` holds
/// nmt_bf16_workspace_bytes(m, n, k) bytes, any alignment.
void nmt_bf16_gemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, ptrdiff_t lda,
                   const float *b, ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc, void *workspace);

/// bf16(x), the bits of the upper half of an fp32, rounded as above; portable C.
uint16_t nmt_bf16_round(float x);

/// The formula above in portable C, on any CPU, for checking the kernel: S[i][j] summed in fp32
/// in the order p = 0, 1, …, k − 1, then alpha · S (beta = 0) or alpha · S + beta · c.
void nmt_bf16_gemm_reference(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a,
                             ptrdiff_t lda, const float *b, ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc);

// ---------------------------------------------------------------------------------------------
// Products with weights packed once in bf16, for decoding (`--precision bf16`): the float32
// packed kernels' scheme (CFloatKernels.h) with half the bytes of weights to stream, which is
// what bounds a decoding step's products (a beam's few rows by a whole weight matrix).
//
// Weights: n output units of k inputs, rounded to bf16 once, in blocks of 16 units; inside a
// block, for each pair of inputs (2q, 2q + 1), the 16 units' two values side by side, one 32-bit
// word per unit (the even input in the low half):
//     packed[(block · pairs + q) · 16 + u] = bf16(w[16 · block + u][2q]) | bf16(w[16 · block + u][2q + 1]) << 16
// pairs = ⌈k / 2⌉, zeros past k (the odd input of the last pair) and past n (the units of the last
// block). The rows of x are rounded the same way on every call, into the caller's workspace:
//     words[i · pairs + q] = bf16(x[i][2q]) | bf16(x[i][2q + 1]) << 16
// so that one `vdpbf16ps` multiplies a row's pair (its word broadcast) by a block's 16 units.
//
//   y[i][j] = init + Σ_q (bf16(x[i][2q + 1]) · bf16(w[j][2q + 1]) + bf16(x[i][2q]) · bf16(w[j][2q]))
//   init = y[i][j] when accumulating, else bias[j] (or 0 without a bias)
// summed in fp32 as `vdpbf16ps` does: from init, pair by pair, the odd input's product added
// first, then the even one's, each addition rounded to nearest even (a denormal product or sum
// flushed to zero). A row's result does not depend on the other rows nor on the column range.

/// 32-bit words of the packed form of n units of k inputs: n rounded up to a multiple of 16,
/// times ⌈k / 2⌉.
size_t nmt_bf16_packed_words(int n, int k);

/// Packs w, element (unit j, input p) at w[j · unit_stride + p · input_stride], rounded to bf16
/// (nmt_bf16_round), into `packed` (nmt_bf16_packed_words(n, k) words). Portable C, any CPU.
void nmt_bf16_pack_weight(const float *w, ptrdiff_t unit_stride, ptrdiff_t input_stride, int n, int k,
                          uint32_t *packed);

/// Bytes of workspace nmt_bf16_packed_gemm needs for m rows of k inputs: the rounded rows
/// (m · ⌈k / 2⌉ words) and 64 bytes to align them.
size_t nmt_bf16_packed_workspace_bytes(int m, int k);

/// y[i · ldy + j] = init + the sum above, for i < m and col_begin ≤ j < col_end (col_begin a
/// multiple of 16, col_end ≤ n; callers splitting the columns over threads give each its range
/// and its own workspace). bias: n floats or NULL; ignored when accumulate is 1. `workspace` holds
/// nmt_bf16_packed_workspace_bytes(m, k) bytes, any alignment. Only when nmt_bf16_supported().
void nmt_bf16_packed_gemm(int m, int k, const float *x, ptrdiff_t ldx, const uint32_t *packed, const float *bias,
                          int col_begin, int col_end, float *y, ptrdiff_t ldy, int accumulate, void *workspace);

/// The same formula in portable C on the weights as they are (unpacked, element (unit j, input p)
/// at w[j · unit_stride + p · input_stride]), for checking the kernel and its packing: each
/// output from init, pair by pair,
/// the odd input's product first (zero past k), every operand rounded by nmt_bf16_round. Equal to
/// the kernel's floats wherever no product or sum is an fp32 denormal.
void nmt_bf16_packed_reference(int m, int k, const float *x, ptrdiff_t ldx, const float *w, ptrdiff_t unit_stride,
                               ptrdiff_t input_stride, const float *bias, int col_begin, int col_end, float *y,
                               ptrdiff_t ldy, int accumulate);

#endif
