#ifndef NMT_FLOAT_PATHS_H
#define NMT_FLOAT_PATHS_H

#include <stddef.h>

/// Each path's driver (float_driver.h): nmt_float_gemm without the path argument.
#define NMT_DECLARE_FLOAT_DRIVER(path)                                                                        \
    void nmt_float_gemm_##path(int m, int k, const float *x, ptrdiff_t ldx, const float *packed,            \
                               const float *bias, int col_begin, int col_end, float *y, ptrdiff_t ldy,      \
                               int accumulate);
NMT_DECLARE_FLOAT_DRIVER(scalar)
NMT_DECLARE_FLOAT_DRIVER(avx2)
NMT_DECLARE_FLOAT_DRIVER(avx512)

#endif
