// AMX tile kernels: the MiniLM encoder's weight products and the dense scan's integer scores. See matrix_kernels.h.
#include "matrix_kernels.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__linux__)
#include <cpuid.h>
#include <immintrin.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ARCH_REQ_XCOMP_PERM 0x1023
#define XFEATURE_XTILEDATA 18

// The 64-byte tile configuration of palette 1.
typedef struct {
    uint8_t palette;
    uint8_t start_row;
    uint8_t reserved[14];
    uint16_t bytes_per_row[16];
    uint8_t rows[16];
} __attribute__((packed)) tile_config;

// `unit`: the CPUID leaf 7 EDX bit of the tile unit wanted (22 AMX-BF16, 25 AMX-INT8).
static int detect(int unit) {
    const char *env = getenv("LECTERN_AMX");
    if (env && strcmp(env, "0") == 0) return 0;
    unsigned a, b, c, d;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    int tile = (d >> 24) & 1, wanted = (d >> unit) & 1, avx512f = (b >> 16) & 1;
    if (!tile || !wanted || !avx512f) return 0;
    if (unit == 22 && (!__get_cpuid_count(7, 1, &a, &b, &c, &d) || !((a >> 5) & 1))) return 0;   // AVX512-BF16
    if (!__get_cpuid(1, &a, &b, &c, &d) || !((c >> 27) & 1)) return 0;          // OSXSAVE
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & (3u << 17)) != (3u << 17) || (lo & 0xE6) != 0xE6) return 0;     // tile state, AVX-512 state
    return syscall(SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA) == 0;
}

int lectern_amx_available(void) {
    static int state = -1;   // benign race: every thread computes the same answer
    if (state < 0) state = detect(22);
    return state;
}

int lectern_amx_int8_available(void) {
    static int state = -1;
    if (state < 0) state = detect(25);
    return state;
}

static void configure_tiles(void) __attribute__((target("amx-tile")));
static void configure_tiles(void) {
    // Palette 1, every tile 16 rows of 64 bytes.
    tile_config config;
    memset(&config, 0, sizeof config);
    config.palette = 1;
    for (int t = 0; t < 8; t++) {
        config.rows[t] = 16;
        config.bytes_per_row[t] = 64;
    }
    _tile_loadconfig(&config);
}

static inline uint16_t to_bf16(float f) {
    uint32_t u;
    memcpy(&u, &f, 4);
    u += 0x7FFF + ((u >> 16) & 1);   // round to nearest, ties to even (weights hold no NaN)
    return (uint16_t)(u >> 16);
}

static inline float from_bf16(uint16_t h) {
    uint32_t u = (uint32_t)h << 16;
    float f;
    memcpy(&f, &u, 4);
    return f;
}

size_t lectern_amx_packed_count(int k, int n) { return (size_t)k * (size_t)n * 2; }

// Tile (column block nb of 16, k step ks of 32), part 0 (hi) or 1 (lo): 16 rows of 32 bfloat16,
// row r holding the pairs (W[32ks + 2r][16nb + c], W[32ks + 2r + 1][16nb + c]) for c = 0…15.
static inline size_t tile_offset(int k, int nb, int ks, int part) {
    return (((size_t)nb * (size_t)(k / 32) + (size_t)ks) * 2 + (size_t)part) * 512;
}

void lectern_amx_pack(const float *weight, int k, int n, uint16_t *packed) {
    for (int nb = 0; nb < n / 16; nb++)
        for (int ks = 0; ks < k / 32; ks++) {
            uint16_t *hi = packed + tile_offset(k, nb, ks, 0), *lo = packed + tile_offset(k, nb, ks, 1);
            for (int r = 0; r < 16; r++)
                for (int c = 0; c < 16; c++)
                    for (int j = 0; j < 2; j++) {
                        float w = weight[(size_t)(ks * 32 + 2 * r + j) * (size_t)n + (size_t)(nb * 16 + c)];
                        uint16_t h = to_bf16(w);
                        hi[r * 32 + 2 * c + j] = h;
                        lo[r * 32 + 2 * c + j] = to_bf16(w - from_bf16(h));
                    }
        }
}

size_t lectern_amx_scratch_count(int m, int k) { return (size_t)((m + 15) / 16 * 16) * (size_t)k * 2; }

// Rows of the input as hi and lo bfloat16 (rows past m are zero).
__attribute__((target("avx512f,avx512bf16")))
static void split_rows(const float *input, int m, int rows, int k, uint16_t *hi, uint16_t *lo) {
    for (int r = 0; r < rows; r++) {
        uint16_t *h = hi + (size_t)r * k, *l = lo + (size_t)r * k;
        if (r >= m) {
            memset(h, 0, (size_t)k * 2);
            memset(l, 0, (size_t)k * 2);
            continue;
        }
        const float *x = input + (size_t)r * k;
        for (int i = 0; i < k; i += 16) {
            __m512 v = _mm512_loadu_ps(x + i);
            __m256i hv = (__m256i)_mm512_cvtneps_pbh(v);
            __m512 back = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(hv), 16));
            __m256i lv = (__m256i)_mm512_cvtneps_pbh(_mm512_sub_ps(v, back));
            _mm256_storeu_si256((__m256i *)(h + i), hv);
            _mm256_storeu_si256((__m256i *)(l + i), lv);
        }
    }
}

__attribute__((target("amx-tile,amx-bf16,avx512f,avx512bf16")))
void lectern_amx_multiply(const float *input, int m, int k, const uint16_t *packed, int n,
                          float *out, int ldo, uint16_t *scratch) {
    int rows = (m + 15) / 16 * 16;
    uint16_t *hi = scratch, *lo = scratch + (size_t)rows * k;
    split_rows(input, m, rows, k, hi, lo);

    // Tiles 0, 1: sums for two column blocks; 2, 3: input hi, lo; 4–7: weight hi, lo of both blocks.
    configure_tiles();

    // Column blocks outside, row blocks inside: the weight tiles of two column blocks (48 KB for
    // k = 384) stay in cache while every row block passes; the whole packed matrix would not.
    float sums[2][16 * 16];
    const long stride = (long)k * 2;
    for (int nb = 0; nb < n / 16; nb += 2) {
        for (int mb = 0; mb < rows / 16; mb++) {
            const uint16_t *ahi = hi + (size_t)mb * 16 * k, *alo = lo + (size_t)mb * 16 * k;
            int valid = m - mb * 16 < 16 ? m - mb * 16 : 16;
            _tile_zero(0);
            _tile_zero(1);
            for (int ks = 0; ks < k / 32; ks++) {
                _tile_loadd(2, ahi + ks * 32, stride);
                _tile_loadd(3, alo + ks * 32, stride);
                _tile_loadd(4, packed + tile_offset(k, nb, ks, 0), 64);
                _tile_loadd(5, packed + tile_offset(k, nb, ks, 1), 64);
                _tile_loadd(6, packed + tile_offset(k, nb + 1, ks, 0), 64);
                _tile_loadd(7, packed + tile_offset(k, nb + 1, ks, 1), 64);
                _tile_dpbf16ps(0, 2, 4);
                _tile_dpbf16ps(0, 2, 5);
                _tile_dpbf16ps(0, 3, 4);
                _tile_dpbf16ps(1, 2, 6);
                _tile_dpbf16ps(1, 2, 7);
                _tile_dpbf16ps(1, 3, 6);
            }
            _tile_stored(0, sums[0], 64);
            _tile_stored(1, sums[1], 64);
            for (int r = 0; r < valid; r++) {
                float *o = out + (size_t)(mb * 16 + r) * ldo + nb * 16;
                _mm512_storeu_ps(o, _mm512_add_ps(_mm512_loadu_ps(o), _mm512_loadu_ps(sums[0] + r * 16)));
                _mm512_storeu_ps(o + 16, _mm512_add_ps(_mm512_loadu_ps(o + 16), _mm512_loadu_ps(sums[1] + r * 16)));
            }
        }
    }
    _tile_release();
}

size_t lectern_amx_i8_packed_count(int count, int stride) { return (size_t)((count + 15) / 16) * 16 * (size_t)stride; }

// Group g of 16 queries, chunk ks of 64 bytes: a 1 KB tile whose row t holds, for each query c
// of the group, its bytes 64ks + 4t … 64ks + 4t + 3 (the layout TDPBSSD reads its B operand in).
void lectern_amx_i8_pack_queries(const int8_t *queries, int count, int stride, int8_t *packed) {
    int groups = (count + 15) / 16, chunks = stride / 64;
    for (int g = 0; g < groups; g++)
        for (int ks = 0; ks < chunks; ks++) {
            int8_t *tile = packed + ((size_t)g * chunks + ks) * 1024;
            for (int t = 0; t < 16; t++)
                for (int c = 0; c < 16; c++)
                    for (int j = 0; j < 4; j++) {
                        int q = g * 16 + c;
                        tile[t * 64 + c * 4 + j] = q < count ? queries[(size_t)q * stride + ks * 64 + t * 4 + j] : 0;
                    }
        }
}

__attribute__((target("amx-tile,amx-int8")))
void lectern_amx_i8_scores(const int8_t *codes, int rows, int stride, const int8_t *packed, int count, int32_t *scores) {
    configure_tiles();
    int groups = (count + 15) / 16, chunks = stride / 64;
    int32_t sums[16 * 16];
    int8_t tail[16 * 1024];   // the last, partial block of records, padded with zeros (stride ≤ 1024)
    for (int r0 = 0; r0 < rows; r0 += 16) {
        int valid = rows - r0 < 16 ? rows - r0 : 16;
        const int8_t *block = codes + (size_t)r0 * stride;
        if (valid < 16) {
            memset(tail, 0, sizeof tail);
            memcpy(tail, block, (size_t)valid * stride);
            block = tail;
        }
        for (int g = 0; g < groups; g++) {
            _tile_zero(0);
            for (int ks = 0; ks < chunks; ks++) {
                _tile_loadd(1, block + ks * 64, stride);
                _tile_loadd(2, packed + ((size_t)g * chunks + ks) * 1024, 64);
                _tile_dpbssd(0, 1, 2);
            }
            _tile_stored(0, sums, 64);
            int columns = count - g * 16 < 16 ? count - g * 16 : 16;
            for (int c = 0; c < columns; c++)
                for (int r = 0; r < valid; r++) scores[(size_t)(g * 16 + c) * rows + r0 + r] = sums[r * 16 + c];
        }
    }
    _tile_release();
}

#else

int lectern_amx_available(void) { return 0; }
int lectern_amx_int8_available(void) { return 0; }
size_t lectern_amx_i8_packed_count(int count, int stride) { return (size_t)((count + 15) / 16) * 16 * (size_t)stride; }
void lectern_amx_i8_pack_queries(const int8_t *queries, int count, int stride, int8_t *packed) { (void)queries; (void)count; (void)stride; (void)packed; }
void lectern_amx_i8_scores(const int8_t *codes, int rows, int stride, const int8_t *packed, int count, int32_t *scores) {
    (void)codes; (void)rows; (void)stride; (void)packed; (void)count; (void)scores;
    abort();
}
size_t lectern_amx_packed_count(int k, int n) { return (size_t)k * (size_t)n * 2; }
void lectern_amx_pack(const float *weight, int k, int n, uint16_t *packed) { (void)weight; (void)k; (void)n; (void)packed; }
size_t lectern_amx_scratch_count(int m, int k) { return (size_t)((m + 15) / 16 * 16) * (size_t)k * 2; }
void lectern_amx_multiply(const float *input, int m, int k, const uint16_t *packed, int n,
                          float *out, int ldo, uint16_t *scratch) {
    (void)input; (void)m; (void)k; (void)packed; (void)n; (void)out; (void)ldo; (void)scratch;
    abort();
}

#endif
