// Float products on AVX-512 for the MiniLM encoder's weights: see matrix_kernels.h.
//
// The output is made 32 columns at a time (two registers a row) for blocks of 12 input rows:
// 24 accumulators; each step of k loads the weight row's 32 floats once and broadcasts one
// input float per row. The weight is read in place (a row stride of n): packing it into panels
// first was measured no faster here (within 5%), and reading in place costs nothing at load.
// k is taken in slices and rows in chunks so the part of the input that every block of columns
// reads stays in the core's cache.
#include "matrix_kernels.h"

#include <stdlib.h>
#include <string.h>

#define COLUMNS 32
#define SLICE 384
#define ROW_CHUNK 192

#if defined(__x86_64__)
#include <immintrin.h>

// The accumulators live in registers only when the row loops are unrolled, which clang does
// not do by itself at -O2 (SwiftPM's release setting): 95 GFLOP/s rolled, 214 unrolled.
#if defined(__clang__)
#define UNROLL _Pragma("unroll")
#else
#define UNROLL _Pragma("GCC unroll 16")
#endif

#define BLOCK_TARGET __attribute__((target("avx512f"), always_inline)) static inline

// out[ROWS × 32] += a[ROWS × depth] (stride lda) · w[depth × 32] (stride ldw), ROWS fixed.
#define BLOCK(ROWS)                                                                                       \
    BLOCK_TARGET void block_##ROWS(const float *a, int lda, const float *w, int ldw, int depth, float *out, \
                                   int ldo) {                                                             \
        __m512 lo[ROWS], hi[ROWS];                                                                        \
        UNROLL for (int r = 0; r < ROWS; r++) { lo[r] = _mm512_setzero_ps(); hi[r] = _mm512_setzero_ps(); } \
        for (int d = 0; d < depth; d++) {                                                                 \
            const float *row = w + (size_t)d * ldw;                                                       \
            __m512 w0 = _mm512_loadu_ps(row), w1 = _mm512_loadu_ps(row + 16);                             \
            UNROLL for (int r = 0; r < ROWS; r++) {                                                       \
                __m512 x = _mm512_set1_ps(a[(size_t)r * lda + d]);                                        \
                lo[r] = _mm512_fmadd_ps(x, w0, lo[r]);                                                    \
                hi[r] = _mm512_fmadd_ps(x, w1, hi[r]);                                                    \
            }                                                                                             \
        }                                                                                                 \
        UNROLL for (int r = 0; r < ROWS; r++) {                                                           \
            float *o = out + (size_t)r * ldo;                                                             \
            _mm512_storeu_ps(o, _mm512_add_ps(_mm512_loadu_ps(o), lo[r]));                                \
            _mm512_storeu_ps(o + 16, _mm512_add_ps(_mm512_loadu_ps(o + 16), hi[r]));                      \
        }                                                                                                 \
    }

BLOCK(12)
BLOCK(8)
BLOCK(4)
BLOCK(2)
BLOCK(1)

int lectern_f32_available(void) {
    static int state = -1;   // benign race: every thread computes the same answer
    if (state < 0) {
        const char *env = getenv("LECTERN_AVX512");
        state = (env && strcmp(env, "0") == 0) ? 0 : lectern_avx512_available();
    }
    return state;
}

// Rows `first ..< first + m` of the product for the k slice `start ..< start + depth`.
__attribute__((target("avx512f")))
static void rows_slice(const float *input, int m, int k, int start, int depth, const float *weight, int n, float *out, int ldo) {
    const float *a = input + start;
    for (int column = 0; column < n; column += COLUMNS) {
        const float *w = weight + (size_t)start * n + column;
        float *o = out + column;
        int row = 0;
        for (; row + 12 <= m; row += 12) block_12(a + (size_t)row * k, k, w, n, depth, o + (size_t)row * ldo, ldo);
        // The last rows: at most one block each of 8, 4, 2 and 1.
        if (m - row >= 8) { block_8(a + (size_t)row * k, k, w, n, depth, o + (size_t)row * ldo, ldo); row += 8; }
        if (m - row >= 4) { block_4(a + (size_t)row * k, k, w, n, depth, o + (size_t)row * ldo, ldo); row += 4; }
        if (m - row >= 2) { block_2(a + (size_t)row * k, k, w, n, depth, o + (size_t)row * ldo, ldo); row += 2; }
        if (m - row >= 1) { block_1(a + (size_t)row * k, k, w, n, depth, o + (size_t)row * ldo, ldo); }
    }
}

void lectern_f32_multiply(const float *input, int m, int k, const float *weight, int n, float *out, int ldo) {
    // Rows in chunks, so a chunk's slice of the input (192 × 384 floats, 288 KB) stays in the
    // core's cache while every block of columns reads it: a batch of paragraphs has thousands
    // of rows, which would otherwise come from memory once per 32 columns.
    for (int first = 0; first < m; first += ROW_CHUNK) {
        int rows = m - first < ROW_CHUNK ? m - first : ROW_CHUNK;
        for (int start = 0; start < k; start += SLICE) {
            int depth = k - start < SLICE ? k - start : SLICE;
            rows_slice(input + (size_t)first * k, rows, k, start, depth, weight, n, out + (size_t)first * ldo, ldo);
        }
    }
}

#else

int lectern_f32_available(void) { return 0; }

void lectern_f32_multiply(const float *input, int m, int k, const float *weight, int n, float *out, int ldo) {
    (void)input; (void)m; (void)k; (void)weight; (void)n; (void)out; (void)ldo;
}

#endif
