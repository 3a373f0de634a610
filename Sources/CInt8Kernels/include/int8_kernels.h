#ifndef LECTERN_INT8_KERNELS_H
#define LECTERN_INT8_KERNELS_H

#include <stdint.h>

/// Which kernel `lectern_dot_i8` uses on this CPU: 2 AVX-512 VNNI, 1 AVX2, 0 portable C.
int lectern_int8_kernel_level(void);

/// The exact integer dot product of two int8 vectors of length `n` (codes in -128…127, the
/// query in -127…127). `query_sum` is the sum of the query's values (the VNNI kernel needs it).
int32_t lectern_dot_i8(const int8_t *codes, const int8_t *query, int32_t query_sum, int n);

/// `scores[r]` = the dot product of record `r` (`rows` records of `stride` bytes from `codes`)
/// with the query: one call per block of records, so the query stays in registers and the sums
/// of four records are reduced together.
void lectern_dot_i8_rows(const int8_t *codes, int rows, int stride, const int8_t *query, int32_t query_sum, int32_t *scores);

/// The same with a given kernel (0, 1 or 2), for tests; falls back to a lower level the CPU has.
int32_t lectern_dot_i8_at_level(int level, const int8_t *codes, const int8_t *query, int32_t query_sum, int n);

#endif
