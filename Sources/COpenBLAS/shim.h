#include <cblas.h>
#include <lapacke.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

/// The x86 features that decide which OpenBLAS kernels a CPU can run, as the CPU and the
/// operating system report them: AVX2 and FMA need the OS to save the YMM state (XCR0 bits 1–2),
/// AVX-512F the ZMM and mask state too (bits 5–7); whether the vendor is AMD ("AuthenticAMD")
/// and the display family (base family, plus the extended family when the base is 15: AMD Zen 1–4
/// are 23 and 25, Zen 5 is 26). All zero on other architectures.
typedef struct {
    int avx2;
    int fma;
    int avx512f;
    int amd;
    int family;
} nmt_cpu_features;

static inline nmt_cpu_features nmt_read_cpu_features(void) {
    nmt_cpu_features features = {0, 0, 0, 0, 0};
#if defined(__x86_64__) || defined(__i386__)
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(0, &eax, &ebx, &ecx, &edx)) return features;
    features.amd = ebx == 0x68747541 && edx == 0x69746e65 && ecx == 0x444d4163;  // "Auth" "enti" "cAMD"
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return features;
    unsigned int baseFamily = (eax >> 8) & 0xf;
    features.family = (int)(baseFamily == 0xf ? baseFamily + ((eax >> 20) & 0xff) : baseFamily);
    int osxsave = (ecx >> 27) & 1, fma = (ecx >> 12) & 1;
    if (!osxsave) return features;
    unsigned int xcr0_low, xcr0_high;
    __asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    int ymm = (xcr0_low & 0x6) == 0x6, zmm = (xcr0_low & 0xe6) == 0xe6;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return features;
    features.avx2 = ymm && ((ebx >> 5) & 1);
    features.fma = ymm && fma;
    features.avx512f = zmm && ((ebx >> 16) & 1);
#endif
    return features;
}
