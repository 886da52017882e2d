#include "CBFloat16Kernels.h"
#include "bf16_blocking.h"

/// C = beta · C, for k = 0 (beta = 0: zeros, c not read).
static void scale(int m, int n, float beta, float *c, ptrdiff_t ldc) {
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j];
}

/// Columns in blocks of NMT_BF16_BLOCK_COLUMNS, inputs in blocks of NMT_BF16_BLOCK_INPUTS: each
/// block of op(B) packed once, then for every tile of rows, the rows' inputs packed and the
/// tile swept across the block's panels. Later blocks of inputs add into C.
void nmt_bf16_gemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, ptrdiff_t lda,
                   const float *b, ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc, void *workspace) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        scale(m, n, beta, c, ldc);
        return;
    }
    const int most_inputs = k < NMT_BF16_BLOCK_INPUTS ? k : NMT_BF16_BLOCK_INPUTS;
    const int most_columns = n < NMT_BF16_BLOCK_COLUMNS ? n : NMT_BF16_BLOCK_COLUMNS;
    const size_t block_words = (size_t)((most_inputs + 1) / 2)
                             * (size_t)((most_columns + NMT_BF16_PANEL - 1) / NMT_BF16_PANEL * NMT_BF16_PANEL);
    uint32_t *columns_packed = (uint32_t *)(((uintptr_t)workspace + 63) & ~(uintptr_t)63);
    uint32_t *rows_packed = columns_packed + (block_words + 15) / 16 * 16;
    for (int j0 = 0; j0 < n; j0 += NMT_BF16_BLOCK_COLUMNS) {
        const int columns = n - j0 < NMT_BF16_BLOCK_COLUMNS ? n - j0 : NMT_BF16_BLOCK_COLUMNS;
        for (int p0 = 0; p0 < k; p0 += NMT_BF16_BLOCK_INPUTS) {
            const int inputs = k - p0 < NMT_BF16_BLOCK_INPUTS ? k - p0 : NMT_BF16_BLOCK_INPUTS;
            const int pairs = (inputs + 1) / 2;
            nmt_bf16_pack_columns(trans_b, b, ldb, p0, inputs, j0, columns, columns_packed);
            for (int i0 = 0; i0 < m; i0 += NMT_BF16_ROWS) {
                const int rows = m - i0 < NMT_BF16_ROWS ? m - i0 : NMT_BF16_ROWS;
                nmt_bf16_pack_rows(trans_a, a, lda, i0, rows, p0, inputs, rows_packed);
                for (int panel = 0; panel < columns; panel += NMT_BF16_PANEL) {
                    const int width = columns - panel < NMT_BF16_PANEL ? columns - panel : NMT_BF16_PANEL;
                    nmt_bf16_tile(rows_packed, columns_packed + (ptrdiff_t)(panel / NMT_BF16_PANEL) * pairs * NMT_BF16_PANEL,
                                  pairs, rows, width, alpha, beta, p0 == 0, c + i0 * ldc + j0 + panel, ldc);
                }
            }
        }
    }
}
