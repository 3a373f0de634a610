// GELU over 16 floats a step with AVX-512, for CPUs that have it: the same formulas as the
// Swift VectorMath.gelu (Abramowitz & Stegun erf, a degree-6 exp), which a portable Swift
// build can only run 4 lanes wide.
#include "matrix_kernels.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int lectern_avx512_available(void) {
    static int state = -1;
    if (state < 0) {
        unsigned a, b, c, d;
        int cpu = __get_cpuid_count(7, 0, &a, &b, &c, &d) && ((b >> 16) & 1);
        int os = 0;
        if (cpu && __get_cpuid(1, &a, &b, &c, &d) && ((c >> 27) & 1)) {
            unsigned lo, hi;
            __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            os = (lo & 0xE6) == 0xE6;
        }
        state = cpu && os;
    }
    return state;
}

__attribute__((target("avx512f")))
static inline __m512 exp16(__m512 x) {
    x = _mm512_max_ps(x, _mm512_set1_ps(-87.0f));
    x = _mm512_min_ps(x, _mm512_set1_ps(88.0f));
    const __m512 shifter = _mm512_set1_ps(12582912.0f);
    __m512 shifted = _mm512_add_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504f)), shifter);
    __m512 n = _mm512_sub_ps(shifted, shifter);
    __m512 r = _mm512_sub_ps(x, _mm512_mul_ps(n, _mm512_set1_ps(0.693359375f)));
    r = _mm512_sub_ps(r, _mm512_mul_ps(n, _mm512_set1_ps(-2.1219444e-4f)));
    __m512 p = _mm512_set1_ps(1.0f / 720.0f);
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(1.0f / 120.0f));
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(1.0f / 24.0f));
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(1.0f / 6.0f));
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(0.5f));
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(1.0f));
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(1.0f));
    __m512i exponent = _mm512_add_epi32(_mm512_sub_epi32(_mm512_castps_si512(shifted), _mm512_set1_epi32(0x4B400000)),
                                        _mm512_set1_epi32(127));
    return _mm512_mul_ps(p, _mm512_castsi512_ps(_mm512_slli_epi32(exponent, 23)));
}

__attribute__((target("avx512f")))
void lectern_gelu_avx512(float *p, int count) {
    const __m512 one = _mm512_set1_ps(1.0f), half = _mm512_set1_ps(0.5f);
    for (int i = 0; i + 16 <= count; i += 16) {
        __m512 x = _mm512_loadu_ps(p + i);
        __m512 u = _mm512_mul_ps(x, _mm512_set1_ps(0.7071067811865475f));
        __m512 z = _mm512_abs_ps(u);
        __m512 t = _mm512_div_ps(one, _mm512_add_ps(one, _mm512_mul_ps(_mm512_set1_ps(0.3275911f), z)));
        __m512 poly = _mm512_set1_ps(1.061405429f);
        poly = _mm512_add_ps(_mm512_mul_ps(poly, t), _mm512_set1_ps(-1.453152027f));
        poly = _mm512_add_ps(_mm512_mul_ps(poly, t), _mm512_set1_ps(1.421413741f));
        poly = _mm512_add_ps(_mm512_mul_ps(poly, t), _mm512_set1_ps(-0.284496736f));
        poly = _mm512_add_ps(_mm512_mul_ps(poly, t), _mm512_set1_ps(0.254829592f));
        poly = _mm512_mul_ps(poly, t);
        __m512 y = _mm512_sub_ps(one, _mm512_mul_ps(poly, exp16(_mm512_sub_ps(_mm512_setzero_ps(), _mm512_mul_ps(z, z)))));
        __mmask16 negative = _mm512_cmp_ps_mask(u, _mm512_setzero_ps(), _CMP_LT_OQ);
        y = _mm512_mask_sub_ps(y, negative, _mm512_setzero_ps(), y);
        _mm512_storeu_ps(p + i, _mm512_mul_ps(_mm512_mul_ps(half, x), _mm512_add_ps(one, y)));
    }
}

#else

int lectern_avx512_available(void) { return 0; }
void lectern_gelu_avx512(float *p, int count) { (void)p; (void)count; }

#endif
