#include "bf16_blocking.h"
#include <immintrin.h>

#define INLINE static inline __attribute__((always_inline))

/// Lanes 0..15 of a (row p) and lanes 16..31 (row p + 1) interleaved: word j = (p, p + 1) of column j.
INLINE NMT_BF16_TARGET __m512i interleave_rows(__m512i rows) {
    const __m512i order = _mm512_set_epi16(31, 15, 30, 14, 29, 13, 28, 12, 27, 11, 26, 10, 25, 9, 24, 8,
                                           23, 7, 22, 6, 21, 5, 20, 4, 19, 3, 18, 2, 17, 1, 16, 0);
    return _mm512_permutexvar_epi16(order, rows);
}

/// bf16 of 16 floats of `even` in lanes 0..15 and of `odd` in lanes 16..31, rounded to nearest even.
INLINE NMT_BF16_TARGET __m512i convert(__m512 even, __m512 odd) {
    return (__m512i)_mm512_cvtne2ps_pbh(odd, even);
}

INLINE __mmask16 first_lanes(int count) {
    return count >= 16 ? (__mmask16)0xffff : count <= 0 ? (__mmask16)0 : (__mmask16)((1u << count) - 1);
}

/// The 16 × 16 words r[row][word] → r[word][row]: pairs of rows, then of row pairs, interleaved
/// inside each 128-bit lane, then the lanes gathered.
INLINE NMT_BF16_TARGET void transpose16(__m512i r[16]) {
    __m512i t[16], u[16];
    for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_epi32(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_epi32(r[2 * i], r[2 * i + 1]);
    }
    // u[4i + s], lane l: words 4l + s of rows 4i … 4i + 3.
    for (int i = 0; i < 4; i++) {
        u[4 * i] = _mm512_unpacklo_epi64(t[4 * i], t[4 * i + 2]);
        u[4 * i + 1] = _mm512_unpackhi_epi64(t[4 * i], t[4 * i + 2]);
        u[4 * i + 2] = _mm512_unpacklo_epi64(t[4 * i + 1], t[4 * i + 3]);
        u[4 * i + 3] = _mm512_unpackhi_epi64(t[4 * i + 1], t[4 * i + 3]);
    }
    for (int s = 0; s < 4; s++) {
        const __m512i low_x = _mm512_shuffle_i32x4(u[s], u[4 + s], 0x44), low_y = _mm512_shuffle_i32x4(u[8 + s], u[12 + s], 0x44);
        const __m512i high_x = _mm512_shuffle_i32x4(u[s], u[4 + s], 0xee), high_y = _mm512_shuffle_i32x4(u[8 + s], u[12 + s], 0xee);
        r[s] = _mm512_shuffle_i32x4(low_x, low_y, 0x88);
        r[4 + s] = _mm512_shuffle_i32x4(low_x, low_y, 0xdd);
        r[8 + s] = _mm512_shuffle_i32x4(high_x, high_y, 0x88);
        r[12 + s] = _mm512_shuffle_i32x4(high_x, high_y, 0xdd);
    }
}

/// op(B) row-major (not transposed): rows p and p + 1 are read 16 columns at a time, converted
/// together and interleaved into 16 words.
static NMT_BF16_TARGET void pack_columns_rows(const float *b, ptrdiff_t ldb, int p0, int inputs, int j0, int columns,
                                              uint32_t *packed) {
    const int pairs = (inputs + 1) / 2;
    for (int panel = 0; panel < columns; panel += NMT_BF16_PANEL) {
        uint32_t *out = packed + (ptrdiff_t)(panel / NMT_BF16_PANEL) * pairs * NMT_BF16_PANEL;
        __mmask16 mask[NMT_BF16_PANEL_BLOCKS];
        for (int block = 0; block < NMT_BF16_PANEL_BLOCKS; block++) mask[block] = first_lanes(columns - panel - 16 * block);
        for (int q = 0; q < pairs; q++, out += NMT_BF16_PANEL) {
            const float *even = b + (ptrdiff_t)(p0 + 2 * q) * ldb + j0 + panel;
            const int has_odd = 2 * q + 1 < inputs;
            for (int block = 0; block < NMT_BF16_PANEL_BLOCKS; block++) {
                const __m512 x = _mm512_maskz_loadu_ps(mask[block], even + 16 * block);
                const __m512 y = _mm512_maskz_loadu_ps(has_odd ? mask[block] : 0, even + ldb + 16 * block);
                _mm512_storeu_si512((void *)(out + 16 * block), interleave_rows(convert(x, y)));
            }
        }
    }
}

/// op(B) = bᵀ: column j of op(B) is row j of b, its pairs of inputs adjacent. 16 columns × 32
/// inputs are read as 16 rows of 16 words and transposed into 16 pairs × 16 columns.
static NMT_BF16_TARGET void pack_columns_transposed(const float *b, ptrdiff_t ldb, int p0, int inputs, int j0,
                                                    int columns, uint32_t *packed) {
    const int pairs = (inputs + 1) / 2;
    for (int panel = 0; panel < columns; panel += NMT_BF16_PANEL) {
        uint32_t *out = packed + (ptrdiff_t)(panel / NMT_BF16_PANEL) * pairs * NMT_BF16_PANEL;
        for (int block = 0; block < NMT_BF16_PANEL_BLOCKS; block++) {
            const int first = panel + 16 * block, present = columns - first;
            for (int q0 = 0; q0 < pairs; q0 += 16) {
                const int left = inputs - 2 * q0;
                const __mmask16 low = first_lanes(left), high = first_lanes(left - 16);
                __m512i r[16];
                for (int j = 0; j < 16; j++) {
                    if (j < present) {
                        const float *row = b + (ptrdiff_t)(j0 + first + j) * ldb + p0 + 2 * q0;
                        r[j] = convert(_mm512_maskz_loadu_ps(low, row), _mm512_maskz_loadu_ps(high, row + 16));
                    } else {
                        r[j] = _mm512_setzero_si512();
                    }
                }
                transpose16(r);
                const int count = pairs - q0 < 16 ? pairs - q0 : 16;
                for (int q = 0; q < count; q++)
                    _mm512_storeu_si512((void *)(out + (ptrdiff_t)(q0 + q) * NMT_BF16_PANEL + 16 * block), r[q]);
            }
        }
    }
}

NMT_BF16_TARGET void nmt_bf16_pack_columns(int trans_b, const float *b, ptrdiff_t ldb, int p0, int inputs, int j0,
                                           int columns, uint32_t *packed) {
    if (trans_b) pack_columns_transposed(b, ldb, p0, inputs, j0, columns, packed);
    else pack_columns_rows(b, ldb, p0, inputs, j0, columns, packed);
}

/// op(A) = aᵀ: for input p, the tile's rows are adjacent in row p of a; inputs p and p + 1 are
/// converted together and interleaved, the first NMT_BF16_ROWS words kept.
static NMT_BF16_TARGET void pack_rows_transposed(const float *a, ptrdiff_t lda, int i0, int rows, int p0, int inputs,
                                                 uint32_t *packed) {
    const __mmask16 mask = first_lanes(rows), kept = first_lanes(NMT_BF16_ROWS);
    for (int q = 0; q < (inputs + 1) / 2; q++) {
        const float *even = a + (ptrdiff_t)(p0 + 2 * q) * lda + i0;
        const __m512 x = _mm512_maskz_loadu_ps(mask, even);
        const __m512 y = _mm512_maskz_loadu_ps(2 * q + 1 < inputs ? mask : 0, even + lda);
        _mm512_mask_storeu_epi32(packed + q * NMT_BF16_ROWS, kept, interleave_rows(convert(x, y)));
    }
}

/// op(A) row-major: a row's pairs are adjacent; 32 inputs become 16 words, spread to their pairs.
static NMT_BF16_TARGET void pack_rows_rows(const float *a, ptrdiff_t lda, int i0, int rows, int p0, int inputs,
                                           uint32_t *packed) {
    const int pairs = (inputs + 1) / 2;
    const __m512i spread = _mm512_mullo_epi32(_mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
                                              _mm512_set1_epi32(NMT_BF16_ROWS));
    for (int i = 0; i < NMT_BF16_ROWS; i++) {
        const float *row = a + (ptrdiff_t)(i0 + i) * lda + p0;
        for (int q0 = 0; q0 < pairs; q0 += 16) {
            const int left = inputs - 2 * q0;
            const __m512i words = i < rows ? convert(_mm512_maskz_loadu_ps(first_lanes(left), row + 2 * q0),
                                                     _mm512_maskz_loadu_ps(first_lanes(left - 16), row + 2 * q0 + 16))
                                           : _mm512_setzero_si512();
            _mm512_mask_i32scatter_epi32(packed + q0 * NMT_BF16_ROWS + i, first_lanes(pairs - q0), spread, words, 4);
        }
    }
}

NMT_BF16_TARGET void nmt_bf16_pack_rows(int trans_a, const float *a, ptrdiff_t lda, int i0, int rows, int p0,
                                        int inputs, uint32_t *packed) {
    if (trans_a) pack_rows_transposed(a, lda, i0, rows, p0, inputs, packed);
    else pack_rows_rows(a, lda, i0, rows, p0, inputs, packed);
}
