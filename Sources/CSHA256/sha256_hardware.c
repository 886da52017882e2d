#include "CSHA256.h"
#include <immintrin.h>

#define SHA __attribute__((target("sha,sse4.1,ssse3")))

int nmt_sha256_hardware_supported(void) {
    __builtin_cpu_init();
    unsigned int eax, ebx, ecx, edx;
    // CPUID leaf 7, subleaf 0: EBX bit 29 is SHA (gcc's and clang's cpu_supports("sha") differ
    // in age, so the bit is read directly).
    __asm__("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx) : "a"(7), "c"(0));
    return (ebx >> 29 & 1) && __builtin_cpu_supports("sse4.1") ? 1 : 0;
}

#include "sha256_constants.h"

// sha256rnds2 keeps the eight working variables in two registers, lanes from high to low:
// (a, b, e, f) and (c, d, g, h). Two rounds move a, b into c, d and e, f into g, h, so the
// register holding (a, b, e, f) before two rounds holds (c, d, g, h) after them, and the two
// registers swap roles every two rounds. Each call takes the next two Wₜ + Kₜ in its low lanes.
SHA void nmt_sha256_compress_hardware(uint32_t state[8], const uint8_t *data, size_t blocks) {
    // (a, b, c, d) and (e, f, g, h) with a and e in lane 0 → (a, b, e, f) and (c, d, g, h).
    const __m128i abcd = _mm_loadu_si128((const __m128i *)state);
    const __m128i efgh = _mm_loadu_si128((const __m128i *)(state + 4));
    const __m128i badc = _mm_shuffle_epi32(abcd, 0xB1), hgfe = _mm_shuffle_epi32(efgh, 0x1B);
    __m128i abef = _mm_alignr_epi8(badc, hgfe, 8);    // lanes f, e, b, a
    __m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xF0); // lanes h, g, d, c
    // Message words are big-endian: reverse the bytes of each 32-bit lane.
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    for (size_t block = 0; block < blocks; block++, data += 64) {
        const __m128i saved_abef = abef, saved_cdgh = cdgh;
        __m128i w[16];  // the schedule, Wₜ for t = 4i … 4i+3 in w[i]
        for (int i = 0; i < 4; i++) w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), byte_swap);
        // Wₜ = σ₁(Wₜ₋₂) + Wₜ₋₇ + σ₀(Wₜ₋₁₅) + Wₜ₋₁₆: msg1 adds σ₀ of the next group to a group,
        // alignr brings Wₜ₋₇, and msg2 adds σ₁ of the words two back (its own first two outputs
        // feeding its last two).
        for (int i = 4; i < 16; i++) {
            const __m128i partial = _mm_add_epi32(_mm_sha256msg1_epu32(w[i - 4], w[i - 3]), _mm_alignr_epi8(w[i - 1], w[i - 2], 4));
            w[i] = _mm_sha256msg2_epu32(partial, w[i - 1]);
        }
        for (int i = 0; i < 16; i++) {
            const __m128i sum = _mm_add_epi32(w[i], _mm_loadu_si128((const __m128i *)(round_constants + 4 * i)));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, sum);                          // now (a, b, e, f)
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(sum, 0x0E)); // now (a, b, e, f)
        }
        abef = _mm_add_epi32(abef, saved_abef);
        cdgh = _mm_add_epi32(cdgh, saved_cdgh);
    }
    // Back to (a, b, c, d) and (e, f, g, h).
    const __m128i feba = _mm_shuffle_epi32(abef, 0x1B), ghcd = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)state, _mm_blend_epi16(feba, ghcd, 0xF0));
    _mm_storeu_si128((__m128i *)(state + 4), _mm_alignr_epi8(ghcd, feba, 8));
}
