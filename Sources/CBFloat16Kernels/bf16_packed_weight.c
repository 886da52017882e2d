#include "CBFloat16Kernels.h"

size_t nmt_bf16_packed_words(int n, int k) {
    return (size_t)((n + 15) / 16 * 16) * (size_t)((k + 1) / 2);
}

size_t nmt_bf16_packed_workspace_bytes(int m, int k) {
    const size_t rows = (size_t)(m > 0 ? m : 0), pairs = (size_t)(k > 0 ? (k + 1) / 2 : 0);
    return 64 + rows * pairs * 4;
}

/// Block by block, pair by pair, the 16 units innermost: for a weight whose units are its
/// columns (x·W) that reads 16 consecutive floats of rows 2q and 2q + 1; for units along the rows
/// (x·Eᵀ), 16 rows advance together. Once per weight, when a checkpoint is loaded: portable C.
void nmt_bf16_pack_weight(const float *w, ptrdiff_t unit_stride, ptrdiff_t input_stride, int n, int k,
                          uint32_t *packed) {
    const int pairs = (k + 1) / 2;
    for (int block = 0; block < (n + 15) / 16; block++) {
        const int units = n - 16 * block < 16 ? n - 16 * block : 16;
        const float *first = w + (ptrdiff_t)16 * block * unit_stride;
        uint32_t *out = packed + (ptrdiff_t)block * pairs * 16;
        for (int q = 0; q < pairs; q++, out += 16) {
            const float *even = first + (ptrdiff_t)2 * q * input_stride;
            const int has_odd = 2 * q + 1 < k;
            for (int u = 0; u < units; u++) {
                const uint32_t low = nmt_bf16_round(even[u * unit_stride]);
                const uint32_t high = has_odd ? nmt_bf16_round(even[u * unit_stride + input_stride]) : 0;
                out[u] = low | high << 16;
            }
            for (int u = units; u < 16; u++) out[u] = 0;
        }
    }
}
