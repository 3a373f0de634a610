#ifndef LECTERN_MATRIX_KERNELS_H
#define LECTERN_MATRIX_KERNELS_H

#include <stddef.h>
#include <stdint.h>

// Matrix products on Intel AMX tiles (bfloat16 inputs, float sums), for CPUs that have them.
// Each float is split into two bfloat16 parts (hi + lo) and a·b is taken as
// hi·hi + hi·lo + lo·hi: about 16 bits of mantissa per product instead of bfloat16's 8,
// close enough to float arithmetic for the embedder's parity bound.

// 1 when this CPU and kernel run AMX-BF16 (asks the kernel for the tile state once);
// 0 otherwise, or when the environment sets LECTERN_AMX=0.
int lectern_amx_available(void);

// bfloat16 elements `lectern_amx_pack` writes for a k × n weight matrix (k, n multiples of 32).
size_t lectern_amx_packed_count(int k, int n);

// Packs a row-major k × n float matrix into tiles (hi and lo parts) for `lectern_amx_multiply`.
void lectern_amx_pack(const float *weight, int k, int n, uint16_t *packed);

// bfloat16 elements of scratch `lectern_amx_multiply` needs for m rows of width k.
size_t lectern_amx_scratch_count(int m, int k);

// out[m × n] (row stride ldo) += input[m × k] (row-major, stride k) · packed weight.
// Only call when lectern_amx_available() returned 1.
void lectern_amx_multiply(const float *input, int m, int k, const uint16_t *packed, int n,
                          float *out, int ldo, uint16_t *scratch);

// Integer scores of the dense scan on AMX-INT8 tiles, exact (int32 sums of int8 products).
// 1 when this CPU and kernel run AMX-INT8 (and LECTERN_AMX is not 0).
int lectern_amx_int8_available(void);

// int8 elements `lectern_amx_i8_pack_queries` writes for `count` queries of `stride` bytes.
size_t lectern_amx_i8_packed_count(int count, int stride);

// Packs `count` queries (each `stride` bytes, stride a multiple of 64, one after another) into
// tiles for `lectern_amx_i8_scores`.
void lectern_amx_i8_pack_queries(const int8_t *queries, int count, int stride, int8_t *packed);

// scores[q · rows + r] = Σ codes[r·stride + d] · query_q[d] for `rows` records and `count` queries.
// Only call when lectern_amx_int8_available() returned 1.
void lectern_amx_i8_scores(const int8_t *codes, int rows, int stride, const int8_t *packed, int count, int32_t *scores);

// Float products on AVX-512 F for the encoder's weights, read in place: 512-bit registers
// whichever kernels OpenBLAS was told to use, and no packing per call.

// 1 when lectern_f32_multiply runs here (AVX-512 F, and the environment does not set
// LECTERN_AVX512=0).
int lectern_f32_available(void);

// out[m × n] (row stride ldo) += input[m × k] (row-major, stride k) · weight[k × n] (row-major),
// n a multiple of 32. Only call when lectern_f32_available() returned 1.
void lectern_f32_multiply(const float *input, int m, int k, const float *weight, int n, float *out, int ldo);

// 1 when this CPU and kernel run AVX-512 F.
int lectern_avx512_available(void);

// GELU (erf form) in place over `count` floats, a multiple of 16. Only where AVX-512 runs.
void lectern_gelu_avx512(float *p, int count);

#endif
