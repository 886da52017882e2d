#include "CBFloat16Kernels.h"
#include "bf16_blocking.h"
#include <cpuid.h>

/// XCR0: which register states the operating system saves on a context switch.
static uint64_t saved_register_states(void) {
    uint32_t low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    return ((uint64_t)high << 32) | low;
}

int nmt_bf16_supported(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & (1u << 27))) return 0;  // OSXSAVE: xgetbv usable
    // XCR0 bits 1, 2: SSE and AVX state; 5, 6, 7: opmask, upper halves of zmm0–15, zmm16–31.
    const uint64_t needed = (1u << 1) | (1u << 2) | (1u << 5) | (1u << 6) | (1u << 7);
    if ((saved_register_states() & needed) != needed) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned f = 1u << 16, bw = 1u << 30, vl = 1u << 31;  // AVX512F, AVX512BW, AVX512VL in EBX
    if ((ebx & (f | bw | vl)) != (f | bw | vl) || eax < 1) return 0;  // eax: the last subleaf of leaf 7
    if (!__get_cpuid_count(7, 1, &eax, &ebx, &ecx, &edx)) return 0;
    return (eax & (1u << 5)) ? 1 : 0;  // AVX512_BF16
}

/// The packed block of op(B) and one tile of op(A), each no larger than the sizes need, plus 64
/// bytes to align the workspace.
size_t nmt_bf16_workspace_bytes(int m, int n, int k) {
    (void)m;
    const int inputs = k < NMT_BF16_BLOCK_INPUTS ? k : NMT_BF16_BLOCK_INPUTS;
    const size_t pairs = (size_t)(inputs > 0 ? (inputs + 1) / 2 : 0);
    const int width = n < NMT_BF16_BLOCK_COLUMNS ? n : NMT_BF16_BLOCK_COLUMNS;
    const size_t columns = (size_t)((width > 0 ? width : 0) + NMT_BF16_PANEL - 1) / NMT_BF16_PANEL * NMT_BF16_PANEL;
    const size_t block = pairs * columns * 4, tile = pairs * NMT_BF16_ROWS * 4;
    return 64 + (block + 63) / 64 * 64 + tile;
}
