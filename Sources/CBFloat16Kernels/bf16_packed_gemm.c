#include "CBFloat16Kernels.h"
#include "bf16_packed.h"
#include <immintrin.h>

#define INLINE static inline __attribute__((always_inline))
#define ROWS NMT_BF16_PACKED_ROWS
#define BLOCKS NMT_BF16_PACKED_BLOCKS

/// Where a tile's rows of y come from and go: `start` is y itself (accumulating, `start_stride`
/// = ldy), the bias repeated for every row (stride 0), or NULL for zeros. Only the last block
/// can be partial; its lanes past the width are neither read nor written.
typedef struct {
    const float *start;
    ptrdiff_t start_stride;
    float *y;
    ptrdiff_t ldy;
    __mmask16 last_block;
} tile_edges;

// Up to 6 rows × 4 blocks of 16 units: 24 sums; per pair of inputs, 4 weight loads, one
// broadcast word per row (folded into the instruction) and 24 `vdpbf16ps`, each adding two
// products into 16 sums. A partial block's packed weights are zeros and are read whole.
INLINE NMT_BF16_PACKED_TARGET void tile(const uint32_t *words, int pairs, const int rows, const uint32_t *panel,
                                        const int blocks, tile_edges edges, const uint32_t *prefetch, int prefetch_blocks) {
    __m512 sum[ROWS][BLOCKS];
    for (int b = 0; b < blocks; b++) {
        const __mmask16 lanes = b == blocks - 1 ? edges.last_block : (__mmask16)0xffff;
        for (int r = 0; r < rows; r++)
            sum[r][b] = edges.start ? _mm512_maskz_loadu_ps(lanes, edges.start + r * edges.start_stride + 16 * b) : _mm512_setzero_ps();
    }
    const ptrdiff_t block_stride = (ptrdiff_t)pairs * 16;
    for (int q = 0; q < pairs; q++, panel += 16, prefetch += 16) {
        __m512bh w[BLOCKS];
        for (int b = 0; b < blocks; b++) w[b] = (__m512bh)_mm512_loadu_si512((const void *)(panel + b * block_stride));
        for (int b = 0; b < prefetch_blocks; b++) _mm_prefetch((const char *)(prefetch + b * block_stride), _MM_HINT_T1);
        for (int r = 0; r < rows; r++) {
            const __m512bh pair = (__m512bh)_mm512_set1_epi32((int)words[r * pairs + q]);
            for (int b = 0; b < blocks; b++) sum[r][b] = _mm512_dpbf16_ps(sum[r][b], pair, w[b]);
        }
    }
    for (int b = 0; b < blocks; b++) {
        const __mmask16 lanes = b == blocks - 1 ? edges.last_block : (__mmask16)0xffff;
        for (int r = 0; r < rows; r++) _mm512_mask_storeu_ps(edges.y + r * edges.ldy + 16 * b, lanes, sum[r][b]);
    }
}

// One function per (rows, blocks), each with its loops unrolled into registers, and a table of them.
#define TILE_FOR(r, b)                                                                                         \
    static NMT_BF16_PACKED_TARGET void tile_##r##_##b(const uint32_t *words, int pairs, const uint32_t *panel, \
                                                      tile_edges edges, const uint32_t *prefetch, int count) { \
        tile(words, pairs, r, panel, b, edges, prefetch, count);                                               \
    }
#define TILES_OF_ROWS(r) TILE_FOR(r, 1) TILE_FOR(r, 2) TILE_FOR(r, 3) TILE_FOR(r, 4)
TILES_OF_ROWS(1) TILES_OF_ROWS(2) TILES_OF_ROWS(3) TILES_OF_ROWS(4) TILES_OF_ROWS(5) TILES_OF_ROWS(6)

typedef void (*tile_function)(const uint32_t *, int, const uint32_t *, tile_edges, const uint32_t *, int);
#define ROW_OF_TILES(r) {tile_##r##_1, tile_##r##_2, tile_##r##_3, tile_##r##_4}
static const tile_function tiles[ROWS][BLOCKS] = {ROW_OF_TILES(1), ROW_OF_TILES(2), ROW_OF_TILES(3),
                                                  ROW_OF_TILES(4), ROW_OF_TILES(5), ROW_OF_TILES(6)};

/// x's rows are rounded into the workspace once; then the columns are walked a panel of BLOCKS
/// blocks at a time (its weights read from memory once per call) and, inside a panel, the rows
/// a tile of ROWS at a time (the panel stays in L2 while every row tile reads it). Meanwhile the
/// next panel's blocks are prefetched into L2, shared out over the row tiles so that no tile
/// waits on many misses: of the tiles t = 0 … T − 1 and the next panel's B blocks, tile t
/// fetches blocks ⌊t·B/T⌋ ..< ⌊(t+1)·B/T⌋.
NMT_BF16_PACKED_TARGET void nmt_bf16_packed_gemm(int m, int k, const float *x, ptrdiff_t ldx, const uint32_t *packed,
                                                 const float *bias, int col_begin, int col_end, float *y, ptrdiff_t ldy,
                                                 int accumulate, void *workspace) {
    if (m <= 0 || col_begin >= col_end) return;
    const int pairs = k > 0 ? (k + 1) / 2 : 0;
    uint32_t *words = (uint32_t *)(((uintptr_t)workspace + 63) & ~(uintptr_t)63);
    nmt_bf16_round_rows(m, k, x, ldx, words);
    const ptrdiff_t block_stride = (ptrdiff_t)pairs * 16;
    const int first_block = col_begin / 16, end_block = (col_end + 15) / 16;
    const int tile_count = (m + ROWS - 1) / ROWS;
    for (int block = first_block; block < end_block; block += BLOCKS) {
        const int blocks = end_block - block < BLOCKS ? end_block - block : BLOCKS;
        const int after = end_block - (block + blocks), next_blocks = after < BLOCKS ? after : BLOCKS;
        const uint32_t *weights = packed + block * block_stride, *next = weights + blocks * block_stride;
        const int width = (col_end < 16 * (block + blocks) ? col_end : 16 * (block + blocks)) - 16 * block;
        const int tail = width - 16 * (blocks - 1);
        tile_edges edges = {accumulate ? y + 16 * block : bias ? bias + 16 * block : NULL, accumulate ? ldy : 0,
                            y + 16 * block, ldy, tail >= 16 ? (__mmask16)0xffff : (__mmask16)((1u << tail) - 1)};
        for (int t = 0; t < tile_count; t++) {
            const int row = t * ROWS, rows = m - row < ROWS ? m - row : ROWS;
            const int fetch_from = t * next_blocks / tile_count, fetch_to = (t + 1) * next_blocks / tile_count;
            tiles[rows - 1][blocks - 1](words + (ptrdiff_t)row * pairs, pairs, weights, edges,
                                        next + fetch_from * block_stride, fetch_to - fetch_from);
            if (accumulate) edges.start += ROWS * ldy;  // the bias serves every row
            edges.y += ROWS * ldy;
        }
    }
}
