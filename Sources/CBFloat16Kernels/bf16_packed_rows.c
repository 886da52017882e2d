#include "bf16_packed.h"
#include <immintrin.h>

static inline __attribute__((always_inline)) __mmask16 first_lanes(int count) {
    return count >= 16 ? (__mmask16)0xffff : count <= 0 ? (__mmask16)0 : (__mmask16)((1u << count) - 1);
}

/// 32 inputs at a time: `vcvtne2ps2bf16` puts the first 16 in the low bf16 lanes and the next 16
/// in the high ones, which in memory is the 32 inputs in order, so word j holds inputs (2j, 2j + 1)
/// with the even one in its low half: no interleave needed. Loads past k read zeros.
NMT_BF16_PACKED_TARGET void nmt_bf16_round_rows(int m, int k, const float *x, ptrdiff_t ldx, uint32_t *words) {
    const int pairs = (k + 1) / 2;
    for (int i = 0; i < m; i++) {
        const float *row = x + (ptrdiff_t)i * ldx;
        uint32_t *out = words + (ptrdiff_t)i * pairs;
        for (int q0 = 0; q0 < pairs; q0 += 16) {
            const int left = k - 2 * q0;
            const __m512 low = _mm512_maskz_loadu_ps(first_lanes(left), row + 2 * q0);
            const __m512 high = _mm512_maskz_loadu_ps(first_lanes(left - 16), row + 2 * q0 + 16);
            _mm512_mask_storeu_epi32(out + q0, first_lanes(pairs - q0), (__m512i)_mm512_cvtne2ps_pbh(high, low));
        }
    }
}
