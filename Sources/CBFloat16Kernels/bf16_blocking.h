#ifndef NMT_BF16_BLOCKING_H
#define NMT_BF16_BLOCKING_H

// The blocking of nmt_bf16_gemm (CBFloat16Kernels.h gives the packed layouts).
//   register tile: NMT_BF16_ROWS rows × NMT_BF16_PANEL columns (NMT_BF16_PANEL / 16 zmm per row)
//   packed op(B): up to NMT_BF16_BLOCK_INPUTS inputs × NMT_BF16_BLOCK_COLUMNS columns, 1 MiB of
//     bf16, kept in L2 while every row tile of C reads it;
//   packed op(A): one tile's rows × the same inputs (8 KiB), kept in L1 while the tile row sweeps
//     the block's panels.

#include <stddef.h>
#include <stdint.h>

#define NMT_BF16_ROWS 8
#define NMT_BF16_PANEL 32
#define NMT_BF16_PANEL_BLOCKS (NMT_BF16_PANEL / 16)
#define NMT_BF16_BLOCK_INPUTS 512     /* even: a pair never straddles two blocks */
#define NMT_BF16_BLOCK_COLUMNS 1024   /* a multiple of NMT_BF16_PANEL */

#define NMT_BF16_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512bf16")))

/// Packs op(B)[p0 ..< p0 + inputs][j0 ..< j0 + columns] into panels (pairs = ⌈inputs / 2⌉ words
/// of NMT_BF16_PANEL columns per panel, zeros past the inputs and columns).
void nmt_bf16_pack_columns(int trans_b, const float *b, ptrdiff_t ldb, int p0, int inputs, int j0, int columns,
                           uint32_t *packed);

/// Packs op(A)[i0 ..< i0 + rows][p0 ..< p0 + inputs] into one tile's words:
/// packed[q · NMT_BF16_ROWS + i], zeros past the inputs and for rows ≥ `rows`.
void nmt_bf16_pack_rows(int trans_a, const float *a, ptrdiff_t lda, int i0, int rows, int p0, int inputs,
                        uint32_t *packed);

/// The register tile: c[i · ldc + j] for i < rows ≤ NMT_BF16_ROWS, j < width ≤ NMT_BF16_PANEL
///     = alpha · S + beta · c   (first block of inputs; beta = 0: alpha · S, c not read)
///     = alpha · S + c          (later blocks)
/// where S[i][j] = Σ_q Σ_h rows[q][i][h] · panel[q][j][h] over `pairs` pairs.
void nmt_bf16_tile(const uint32_t *rows_packed, const uint32_t *panel, int pairs, int rows, int width, float alpha,
                   float beta, int first, float *c, ptrdiff_t ldc);

#endif
