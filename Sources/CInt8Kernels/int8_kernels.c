// Integer dot products for the dense scan, chosen at run time for the CPU: the build stays
// portable (baseline x86-64), and Swift cannot compile one function for AVX-512 and another for
// SSE2 in the same binary, so the wide kernels live here, each behind a `target` attribute.
#include "int8_kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

// VNNI multiplies unsigned by signed bytes: the codes are moved to 0…255 (x + 128, an XOR of
// the sign bit), and 128 · Σ query is taken off the sum again, so the result stays exact.
__attribute__((target("avx512f,avx512bw,avx512vnni")))
static int32_t dot_vnni(const int8_t *codes, const int8_t *query, int32_t query_sum, int n) {
    __m512i acc = _mm512_setzero_si512();
    const __m512i flip = _mm512_set1_epi8((char)0x80);
    int i = 0;
    for (; i + 64 <= n; i += 64) {
        __m512i x = _mm512_xor_si512(_mm512_loadu_si512((const void *)(codes + i)), flip);
        __m512i y = _mm512_loadu_si512((const void *)(query + i));
        acc = _mm512_dpbusd_epi32(acc, x, y);
    }
    int32_t total = _mm512_reduce_add_epi32(acc) - 128 * query_sum;
    for (; i < n; i++) total += (int32_t)codes[i] * (int32_t)query[i] + 128 * (int32_t)query[i];
    return total;
}

// Four records at a time against one query: the query's bytes are loaded once per 64 and the
// four 16-lane sums are folded into one vector of four totals with three horizontal adds.
__attribute__((target("avx512f,avx512bw,avx512vnni")))
static void rows_vnni(const int8_t *codes, int rows, int stride, const int8_t *query, int32_t query_sum, int32_t *scores) {
    const __m512i flip = _mm512_set1_epi8((char)0x80);
    const __m128i bias = _mm_set1_epi32(128 * query_sum);
    int r = 0;
    if (stride % 64 == 0) {
        for (; r + 4 <= rows; r += 4) {
            const int8_t *row = codes + (long)r * stride;
            __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0;
            for (int i = 0; i < stride; i += 64) {
                __m512i y = _mm512_loadu_si512((const void *)(query + i));
                a0 = _mm512_dpbusd_epi32(a0, _mm512_xor_si512(_mm512_loadu_si512((const void *)(row + i)), flip), y);
                a1 = _mm512_dpbusd_epi32(a1, _mm512_xor_si512(_mm512_loadu_si512((const void *)(row + stride + i)), flip), y);
                a2 = _mm512_dpbusd_epi32(a2, _mm512_xor_si512(_mm512_loadu_si512((const void *)(row + 2 * stride + i)), flip), y);
                a3 = _mm512_dpbusd_epi32(a3, _mm512_xor_si512(_mm512_loadu_si512((const void *)(row + 3 * stride + i)), flip), y);
            }
            // 16 lanes → 4 per record (two halvings), then hadd across the four records.
            __m256i h0 = _mm256_add_epi32(_mm512_castsi512_si256(a0), _mm512_extracti64x4_epi64(a0, 1));
            __m256i h1 = _mm256_add_epi32(_mm512_castsi512_si256(a1), _mm512_extracti64x4_epi64(a1, 1));
            __m256i h2 = _mm256_add_epi32(_mm512_castsi512_si256(a2), _mm512_extracti64x4_epi64(a2, 1));
            __m256i h3 = _mm256_add_epi32(_mm512_castsi512_si256(a3), _mm512_extracti64x4_epi64(a3, 1));
            __m128i q0 = _mm_add_epi32(_mm256_castsi256_si128(h0), _mm256_extracti128_si256(h0, 1));
            __m128i q1 = _mm_add_epi32(_mm256_castsi256_si128(h1), _mm256_extracti128_si256(h1, 1));
            __m128i q2 = _mm_add_epi32(_mm256_castsi256_si128(h2), _mm256_extracti128_si256(h2, 1));
            __m128i q3 = _mm_add_epi32(_mm256_castsi256_si128(h3), _mm256_extracti128_si256(h3, 1));
            __m128i sums = _mm_hadd_epi32(_mm_hadd_epi32(q0, q1), _mm_hadd_epi32(q2, q3));
            _mm_storeu_si128((__m128i *)(scores + r), _mm_sub_epi32(sums, bias));
        }
    }
    for (; r < rows; r++) scores[r] = dot_vnni(codes + (long)r * stride, query, query_sum, stride);
}

// AVX2 has no int8 multiply-add into 32 bits; maddubs (unsigned × signed bytes, pairs summed
// into int16) is exact when the unsigned side is |code| ≤ 128 and the query's sign is moved to
// it: 2 · 128 · 127 = 32512 fits int16.
__attribute__((target("avx2")))
static int32_t dot_avx2(const int8_t *codes, const int8_t *query, int32_t query_sum, int n) {
    (void)query_sum;
    __m256i acc = _mm256_setzero_si256();
    const __m256i ones = _mm256_set1_epi16(1);
    int i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(codes + i));
        __m256i y = _mm256_loadu_si256((const __m256i *)(query + i));
        __m256i pairs = _mm256_maddubs_epi16(_mm256_abs_epi8(x), _mm256_sign_epi8(y, x));
        acc = _mm256_add_epi32(acc, _mm256_madd_epi16(pairs, ones));
    }
    __m128i sum = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
    sum = _mm_add_epi32(sum, _mm_shuffle_epi32(sum, 0x4E));
    sum = _mm_add_epi32(sum, _mm_shuffle_epi32(sum, 0xB1));
    int32_t total = _mm_cvtsi128_si32(sum);
    for (; i < n; i++) total += (int32_t)codes[i] * (int32_t)query[i];
    return total;
}
#endif

static int32_t dot_portable(const int8_t *codes, const int8_t *query, int32_t query_sum, int n) {
    (void)query_sum;
    int32_t total = 0;
    for (int i = 0; i < n; i++) total += (int32_t)codes[i] * (int32_t)query[i];
    return total;
}

typedef int32_t (*dot_function)(const int8_t *, const int8_t *, int32_t, int);

static int level = -1;
static dot_function chosen = dot_portable;

static void choose(void) {
    level = 0;
    chosen = dot_portable;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512vnni") && __builtin_cpu_supports("avx512bw")) {
        level = 2;
        chosen = dot_vnni;
    } else if (__builtin_cpu_supports("avx2")) {
        level = 1;
        chosen = dot_avx2;
    }
#endif
}

__attribute__((constructor)) static void choose_at_load(void) { choose(); }

int lectern_int8_kernel_level(void) {
    if (level < 0) choose();
    return level;
}

int32_t lectern_dot_i8(const int8_t *codes, const int8_t *query, int32_t query_sum, int n) {
    return chosen(codes, query, query_sum, n);
}

void lectern_dot_i8_rows(const int8_t *codes, int rows, int stride, const int8_t *query, int32_t query_sum, int32_t *scores) {
#if defined(__x86_64__)
    if (level == 2) {
        rows_vnni(codes, rows, stride, query, query_sum, scores);
        return;
    }
#endif
    for (int r = 0; r < rows; r++) scores[r] = chosen(codes + (long)r * stride, query, query_sum, stride);
}

int32_t lectern_dot_i8_at_level(int wanted, const int8_t *codes, const int8_t *query, int32_t query_sum, int n) {
    int available = lectern_int8_kernel_level();
#if defined(__x86_64__)
    if (wanted >= 2 && available >= 2) return dot_vnni(codes, query, query_sum, n);
    if (wanted >= 1 && available >= 1 && __builtin_cpu_supports("avx2")) return dot_avx2(codes, query, query_sum, n);
#else
    (void)available;
#endif
    return dot_portable(codes, query, query_sum, n);
}
