// Block-quantized (GGML Q8_0, Q4_0, Q4_1, Q5_0, Q5_1) dot products for AVX2: activations are quantized
// to 8 bits per 32-value block, and each block pair is multiplied in 8-bit integers
// (maddubs: unsigned x signed bytes to 16-bit pair sums) and scaled once in float. Blocks are
// accumulated in order into one float vector, the order ggml uses, so results agree with
// llama.cpp to the last bit where the inputs do.
#include "CInferenceKernels.h"
#include "block_unpack_avx2.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <string.h>

#define KERNEL __attribute__((target("avx2,fma,f16c")))
#define QK 32

typedef struct { uint16_t d; int8_t qs[QK]; } block_q8_0;
typedef struct { uint16_t d; uint16_t s; int8_t qs[QK]; } block_q8_1;
typedef struct { uint16_t d; uint8_t qs[QK / 2]; } block_q4_0;
typedef struct { uint16_t d; uint16_t m; uint8_t qs[QK / 2]; } block_q4_1;

_Static_assert(sizeof(block_q8_0) == 34, "Q8_0 block is 34 bytes");
_Static_assert(sizeof(block_q8_1) == 36, "Q8_1 block is 36 bytes");
_Static_assert(sizeof(block_q4_0) == 18, "Q4_0 block is 18 bytes");
_Static_assert(sizeof(block_q4_1) == 20, "Q4_1 block is 20 bytes");

KERNEL static inline float half_to_float(uint16_t h) { return _cvtsh_ss(h); }
KERNEL static inline uint16_t float_to_half(float f) { return _cvtss_sh(f, 0); }

KERNEL static inline float hsum256(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

KERNEL static inline int hsum256_epi32(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(1, 0, 3, 2)));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(2, 3, 0, 1)));
    return _mm_cvtsi128_si32(s);
}

/// Quantizes 32 floats to bytes with scale d = max|x| / 127 (rounded to nearest, ties to even);
/// returns d (before its fp16 rounding) and stores the bytes.
KERNEL static inline float quantize_block(const float *x, int8_t *qs, __m256i *sum_out) {
    __m256 v0 = _mm256_loadu_ps(x), v1 = _mm256_loadu_ps(x + 8);
    __m256 v2 = _mm256_loadu_ps(x + 16), v3 = _mm256_loadu_ps(x + 24);
    const __m256 sign_bit = _mm256_set1_ps(-0.0f);
    __m256 m = _mm256_andnot_ps(sign_bit, v0);
    m = _mm256_max_ps(m, _mm256_andnot_ps(sign_bit, v1));
    m = _mm256_max_ps(m, _mm256_andnot_ps(sign_bit, v2));
    m = _mm256_max_ps(m, _mm256_andnot_ps(sign_bit, v3));
    __m128 m4 = _mm_max_ps(_mm256_extractf128_ps(m, 1), _mm256_castps256_ps128(m));
    m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
    m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
    const float max_abs = _mm_cvtss_f32(m4);
    const float d = max_abs / 127.0f;
    const float id = max_abs != 0.0f ? 127.0f / max_abs : 0.0f;
    const __m256 mul = _mm256_set1_ps(id);
    __m256i i0 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v0, mul), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    __m256i i1 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v1, mul), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    __m256i i2 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v2, mul), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    __m256i i3 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v3, mul), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    if (sum_out) *sum_out = _mm256_add_epi32(_mm256_add_epi32(i0, i1), _mm256_add_epi32(i2, i3));
    // Pack 32-bit to 8-bit; packs interleave 128-bit lanes, so restore the order afterwards.
    i0 = _mm256_packs_epi32(i0, i1);
    i2 = _mm256_packs_epi32(i2, i3);
    i0 = _mm256_packs_epi16(i0, i2);
    i0 = _mm256_permutevar8x32_epi32(i0, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
    _mm256_storeu_si256((__m256i *)qs, i0);
    return d;
}

KERNEL void cik_quantize_q8_0_avx2(const float *x, void *blocks, size_t k) {
    block_q8_0 *y = (block_q8_0 *)blocks;
    for (size_t b = 0; b < k / QK; b++) {
        float d = quantize_block(x + b * QK, y[b].qs, NULL);
        y[b].d = float_to_half(d);
    }
}

KERNEL void cik_quantize_q8_1_avx2(const float *x, void *blocks, size_t k) {
    block_q8_1 *y = (block_q8_1 *)blocks;
    for (size_t b = 0; b < k / QK; b++) {
        __m256i sum;
        float d = quantize_block(x + b * QK, y[b].qs, &sum);
        y[b].d = float_to_half(d);
        y[b].s = float_to_half(d * (float)hsum256_epi32(sum));
    }
}

/// Eight 32-bit lanes summing the products of two signed byte vectors (|values| <= 127).
KERNEL static inline __m256 signed_pairs_to_float(__m256i x, __m256i y) {
    __m256i ax = _mm256_sign_epi8(x, x);
    __m256i sy = _mm256_sign_epi8(y, x);
    __m256i dot = _mm256_madd_epi16(_mm256_maddubs_epi16(ax, sy), _mm256_set1_epi16(1));
    return _mm256_cvtepi32_ps(dot);
}

/// The same for an unsigned first operand (0..15).
KERNEL static inline __m256 unsigned_pairs_to_float(__m256i ux, __m256i y) {
    __m256i dot = _mm256_madd_epi16(_mm256_maddubs_epi16(ux, y), _mm256_set1_epi16(1));
    return _mm256_cvtepi32_ps(dot);
}

/// How far ahead of the block being read the weight stream is prefetched (bytes): a few rows,
/// so that streaming weights from memory keeps several cache-line fills in flight.
#define PREFETCH_DISTANCE 3072

KERNEL float cik_dot_q8_0_q8_0_avx2(size_t k, const void *w, const void *x) {
    const block_q8_0 *a = (const block_q8_0 *)w, *b = (const block_q8_0 *)x;
    __m256 acc0 = _mm256_setzero_ps();
    const size_t nb = k / QK;
    size_t i = 0;
    for (; i + 2 <= nb; i += 2) {
        _mm_prefetch((const char *)(a + i) + PREFETCH_DISTANCE, _MM_HINT_T0);
        __m256 d0 = _mm256_set1_ps(half_to_float(a[i].d) * half_to_float(b[i].d));
        __m256 d1 = _mm256_set1_ps(half_to_float(a[i + 1].d) * half_to_float(b[i + 1].d));
        __m256i qa0 = _mm256_loadu_si256((const __m256i *)a[i].qs);
        __m256i qb0 = _mm256_loadu_si256((const __m256i *)b[i].qs);
        __m256i qa1 = _mm256_loadu_si256((const __m256i *)a[i + 1].qs);
        __m256i qb1 = _mm256_loadu_si256((const __m256i *)b[i + 1].qs);
        acc0 = _mm256_fmadd_ps(d0, signed_pairs_to_float(qa0, qb0), acc0);
        acc0 = _mm256_fmadd_ps(d1, signed_pairs_to_float(qa1, qb1), acc0);
    }
    for (; i < nb; i++) {
        __m256 d = _mm256_set1_ps(half_to_float(a[i].d) * half_to_float(b[i].d));
        __m256i qa = _mm256_loadu_si256((const __m256i *)a[i].qs);
        __m256i qb = _mm256_loadu_si256((const __m256i *)b[i].qs);
        acc0 = _mm256_fmadd_ps(d, signed_pairs_to_float(qa, qb), acc0);
    }
    return hsum256(acc0);
}

KERNEL float cik_dot_q4_0_q8_0_avx2(size_t k, const void *w, const void *x) {
    const block_q4_0 *a = (const block_q4_0 *)w;
    const block_q8_0 *b = (const block_q8_0 *)x;
    const __m256i eight = _mm256_set1_epi8(8);
    __m256 acc0 = _mm256_setzero_ps();
    const size_t nb = k / QK;
    size_t i = 0;
    for (; i + 2 <= nb; i += 2) {
        _mm_prefetch((const char *)(a + i) + PREFETCH_DISTANCE, _MM_HINT_T0);
        __m256 d0 = _mm256_set1_ps(half_to_float(a[i].d) * half_to_float(b[i].d));
        __m256 d1 = _mm256_set1_ps(half_to_float(a[i + 1].d) * half_to_float(b[i + 1].d));
        __m256i qa0 = _mm256_sub_epi8(cik_nibbles_to_bytes(a[i].qs), eight);
        __m256i qa1 = _mm256_sub_epi8(cik_nibbles_to_bytes(a[i + 1].qs), eight);
        __m256i qb0 = _mm256_loadu_si256((const __m256i *)b[i].qs);
        __m256i qb1 = _mm256_loadu_si256((const __m256i *)b[i + 1].qs);
        acc0 = _mm256_fmadd_ps(d0, signed_pairs_to_float(qa0, qb0), acc0);
        acc0 = _mm256_fmadd_ps(d1, signed_pairs_to_float(qa1, qb1), acc0);
    }
    for (; i < nb; i++) {
        __m256 d = _mm256_set1_ps(half_to_float(a[i].d) * half_to_float(b[i].d));
        __m256i qa = _mm256_sub_epi8(cik_nibbles_to_bytes(a[i].qs), eight);
        __m256i qb = _mm256_loadu_si256((const __m256i *)b[i].qs);
        acc0 = _mm256_fmadd_ps(d, signed_pairs_to_float(qa, qb), acc0);
    }
    return hsum256(acc0);
}

KERNEL float cik_dot_q4_1_q8_1_avx2(size_t k, const void *w, const void *x) {
    const block_q4_1 *a = (const block_q4_1 *)w;
    const block_q8_1 *b = (const block_q8_1 *)x;
    __m256 acc0 = _mm256_setzero_ps();
    float mins0 = 0.0f;
    const size_t nb = k / QK;
    size_t i = 0;
    for (; i + 2 <= nb; i += 2) {
        _mm_prefetch((const char *)(a + i) + PREFETCH_DISTANCE, _MM_HINT_T0);
        __m256 d0 = _mm256_set1_ps(half_to_float(a[i].d) * half_to_float(b[i].d));
        __m256 d1 = _mm256_set1_ps(half_to_float(a[i + 1].d) * half_to_float(b[i + 1].d));
        mins0 += half_to_float(a[i].m) * half_to_float(b[i].s);
        mins0 += half_to_float(a[i + 1].m) * half_to_float(b[i + 1].s);
        __m256i qb0 = _mm256_loadu_si256((const __m256i *)b[i].qs);
        __m256i qb1 = _mm256_loadu_si256((const __m256i *)b[i + 1].qs);
        acc0 = _mm256_fmadd_ps(d0, unsigned_pairs_to_float(cik_nibbles_to_bytes(a[i].qs), qb0), acc0);
        acc0 = _mm256_fmadd_ps(d1, unsigned_pairs_to_float(cik_nibbles_to_bytes(a[i + 1].qs), qb1), acc0);
    }
    for (; i < nb; i++) {
        __m256 d = _mm256_set1_ps(half_to_float(a[i].d) * half_to_float(b[i].d));
        mins0 += half_to_float(a[i].m) * half_to_float(b[i].s);
        __m256i qb = _mm256_loadu_si256((const __m256i *)b[i].qs);
        acc0 = _mm256_fmadd_ps(d, unsigned_pairs_to_float(cik_nibbles_to_bytes(a[i].qs), qb), acc0);
    }
    return hsum256(acc0) + mins0;
}

/// Four activation rows against one weight row at a time: each weight block is loaded and
/// unpacked once for the four products.
#define TOKEN_TILE 4

/// One step of a 4-token tile over Q8_0 activations: the signed weight bytes `qw` of block `i`
/// (scale `dw`) times each token's block `i`, added to its accumulator.
KERNEL static inline __attribute__((always_inline)) void tile4_q8_0_step(
    __m256i qw, float dw, const block_q8_0 *const xt[4], size_t i, __m256 acc[4]) {
    const __m256i aw = _mm256_sign_epi8(qw, qw);
    const __m256i ones = _mm256_set1_epi16(1);
    for (int j = 0; j < 4; j++) {
        const __m256i xq = _mm256_sign_epi8(_mm256_loadu_si256((const __m256i *)xt[j][i].qs), qw);
        const __m256 product = _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(aw, xq), ones));
        acc[j] = _mm256_fmadd_ps(_mm256_set1_ps(dw * half_to_float(xt[j][i].d)), product, acc[j]);
    }
}

KERNEL static void rows_q8_0(size_t k, const block_q8_0 *w, const uint8_t *x, size_t xs,
                             size_t tokens, float *y, size_t ldy) {
    size_t nb = k / QK, t = 0;
    for (; t + TOKEN_TILE <= tokens; t += TOKEN_TILE) {
        const block_q8_0 *const xt[4] = {
            (const block_q8_0 *)(x + (t + 0) * xs), (const block_q8_0 *)(x + (t + 1) * xs),
            (const block_q8_0 *)(x + (t + 2) * xs), (const block_q8_0 *)(x + (t + 3) * xs),
        };
        __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
        for (size_t i = 0; i < nb; i++) tile4_q8_0_step(_mm256_loadu_si256((const __m256i *)w[i].qs), half_to_float(w[i].d), xt, i, acc);
        for (int j = 0; j < 4; j++) y[(t + j) * ldy] = hsum256(acc[j]);
    }
    for (; t < tokens; t++) y[t * ldy] = cik_dot_q8_0_q8_0_avx2(k, w, x + t * xs);
}

KERNEL static void rows_q4_0(size_t k, const block_q4_0 *w, const uint8_t *x, size_t xs,
                             size_t tokens, float *y, size_t ldy) {
    size_t nb = k / QK, t = 0;
    const __m256i eight = _mm256_set1_epi8(8);
    for (; t + TOKEN_TILE <= tokens; t += TOKEN_TILE) {
        const block_q8_0 *const xt[4] = {
            (const block_q8_0 *)(x + (t + 0) * xs), (const block_q8_0 *)(x + (t + 1) * xs),
            (const block_q8_0 *)(x + (t + 2) * xs), (const block_q8_0 *)(x + (t + 3) * xs),
        };
        __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
        for (size_t i = 0; i < nb; i++) tile4_q8_0_step(_mm256_sub_epi8(cik_nibbles_to_bytes(w[i].qs), eight), half_to_float(w[i].d), xt, i, acc);
        for (int j = 0; j < 4; j++) y[(t + j) * ldy] = hsum256(acc[j]);
    }
    for (; t < tokens; t++) y[t * ldy] = cik_dot_q4_0_q8_0_avx2(k, w, x + t * xs);
}

KERNEL static void rows_q4_1(size_t k, const block_q4_1 *w, const uint8_t *x, size_t xs,
                             size_t tokens, float *y, size_t ldy) {
    size_t nb = k / QK, t = 0;
    for (; t + TOKEN_TILE <= tokens; t += TOKEN_TILE) {
        const block_q8_1 *x0 = (const block_q8_1 *)(x + (t + 0) * xs);
        const block_q8_1 *x1 = (const block_q8_1 *)(x + (t + 1) * xs);
        const block_q8_1 *x2 = (const block_q8_1 *)(x + (t + 2) * xs);
        const block_q8_1 *x3 = (const block_q8_1 *)(x + (t + 3) * xs);
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
        __m256 a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
        float m0 = 0, m1 = 0, m2 = 0, m3 = 0;
        for (size_t i = 0; i < nb; i++) {
            const float dw = half_to_float(w[i].d), mw = half_to_float(w[i].m);
            __m256i qw = cik_nibbles_to_bytes(w[i].qs);
            const __m256i ones = _mm256_set1_epi16(1);
#define PRODUCT(xb) _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(qw, _mm256_loadu_si256((const __m256i *)(xb)[i].qs)), ones))
            a0 = _mm256_fmadd_ps(_mm256_set1_ps(dw * half_to_float(x0[i].d)), PRODUCT(x0), a0);
            a1 = _mm256_fmadd_ps(_mm256_set1_ps(dw * half_to_float(x1[i].d)), PRODUCT(x1), a1);
            a2 = _mm256_fmadd_ps(_mm256_set1_ps(dw * half_to_float(x2[i].d)), PRODUCT(x2), a2);
            a3 = _mm256_fmadd_ps(_mm256_set1_ps(dw * half_to_float(x3[i].d)), PRODUCT(x3), a3);
#undef PRODUCT
            m0 += mw * half_to_float(x0[i].s);
            m1 += mw * half_to_float(x1[i].s);
            m2 += mw * half_to_float(x2[i].s);
            m3 += mw * half_to_float(x3[i].s);
        }
        y[(t + 0) * ldy] = hsum256(a0) + m0;
        y[(t + 1) * ldy] = hsum256(a1) + m1;
        y[(t + 2) * ldy] = hsum256(a2) + m2;
        y[(t + 3) * ldy] = hsum256(a3) + m3;
    }
    for (; t < tokens; t++) y[t * ldy] = cik_dot_q4_1_q8_1_avx2(k, w, x + t * xs);
}

/// Largest k the single-token paths below handle with their scales on the stack.
#define MATVEC_MAX_BLOCKS 512

/// One activation row (Q8_1) against weight rows [r0, r1) of Q4_1: the activation scales are
/// converted once for all rows, each weight block's d and m with one conversion.
KERNEL static void matvec_q4_1(size_t k, const uint8_t *w, size_t row_bytes, const block_q8_1 *x,
                               size_t r0, size_t r1, float *y) {
    const size_t nb = k / QK;
    float scales[2 * MATVEC_MAX_BLOCKS] __attribute__((aligned(16)));
    for (size_t i = 0; i < nb; i++) {
        scales[2 * i] = half_to_float(x[i].d);
        scales[2 * i + 1] = half_to_float(x[i].s);
    }
    for (size_t r = r0; r < r1; r++) {
        const block_q4_1 *a = (const block_q4_1 *)(w + r * row_bytes);
        __m256 acc0 = _mm256_setzero_ps();
        __m128 mins = _mm_setzero_ps();
        size_t i = 0;
        for (; i + 2 <= nb; i += 2) {
            _mm_prefetch((const char *)(a + i) + PREFETCH_DISTANCE, _MM_HINT_T0);
            // (d·dx, m·sx) for both blocks.
            const __m128 dm0 = _mm_cvtph_ps(_mm_cvtsi32_si128(*(const int *)&a[i].d));
            const __m128 dm1 = _mm_cvtph_ps(_mm_cvtsi32_si128(*(const int *)&a[i + 1].d));
            const __m128 p0 = _mm_mul_ps(dm0, _mm_castpd_ps(_mm_load_sd((const double *)&scales[2 * i])));
            const __m128 p1 = _mm_mul_ps(dm1, _mm_castpd_ps(_mm_load_sd((const double *)&scales[2 * i + 2])));
            mins = _mm_add_ps(_mm_add_ps(mins, p0), p1);
            const __m256i qx0 = _mm256_loadu_si256((const __m256i *)x[i].qs);
            const __m256i qx1 = _mm256_loadu_si256((const __m256i *)x[i + 1].qs);
            acc0 = _mm256_fmadd_ps(_mm256_broadcastss_ps(p0), unsigned_pairs_to_float(cik_nibbles_to_bytes(a[i].qs), qx0), acc0);
            acc0 = _mm256_fmadd_ps(_mm256_broadcastss_ps(p1), unsigned_pairs_to_float(cik_nibbles_to_bytes(a[i + 1].qs), qx1), acc0);
        }
        for (; i < nb; i++) {
            const __m128 dm = _mm_cvtph_ps(_mm_cvtsi32_si128(*(const int *)&a[i].d));
            const __m128 p = _mm_mul_ps(dm, _mm_castpd_ps(_mm_load_sd((const double *)&scales[2 * i])));
            mins = _mm_add_ps(mins, p);
            const __m256i qx = _mm256_loadu_si256((const __m256i *)x[i].qs);
            acc0 = _mm256_fmadd_ps(_mm256_broadcastss_ps(p), unsigned_pairs_to_float(cik_nibbles_to_bytes(a[i].qs), qx), acc0);
        }
        y[r] = hsum256(acc0) + _mm_cvtss_f32(_mm_shuffle_ps(mins, mins, 1));
    }
}

/// One activation row (Q8_0) against weight rows [r0, r1) of Q8_0, activation scales converted
/// once for all rows.
KERNEL static void matvec_q8_0(size_t k, const uint8_t *w, size_t row_bytes, const block_q8_0 *x,
                               size_t r0, size_t r1, float *y) {
    const size_t nb = k / QK;
    float scales[MATVEC_MAX_BLOCKS];
    for (size_t i = 0; i < nb; i++) scales[i] = half_to_float(x[i].d);
    for (size_t r = r0; r < r1; r++) {
        const block_q8_0 *a = (const block_q8_0 *)(w + r * row_bytes);
        __m256 acc0 = _mm256_setzero_ps();
        size_t i = 0;
        for (; i + 2 <= nb; i += 2) {
            _mm_prefetch((const char *)(a + i) + PREFETCH_DISTANCE, _MM_HINT_T0);
            const __m256i qa0 = _mm256_loadu_si256((const __m256i *)a[i].qs);
            const __m256i qa1 = _mm256_loadu_si256((const __m256i *)a[i + 1].qs);
            const __m256i qx0 = _mm256_loadu_si256((const __m256i *)x[i].qs);
            const __m256i qx1 = _mm256_loadu_si256((const __m256i *)x[i + 1].qs);
            acc0 = _mm256_fmadd_ps(_mm256_set1_ps(half_to_float(a[i].d) * scales[i]), signed_pairs_to_float(qa0, qx0), acc0);
            acc0 = _mm256_fmadd_ps(_mm256_set1_ps(half_to_float(a[i + 1].d) * scales[i + 1]), signed_pairs_to_float(qa1, qx1), acc0);
        }
        for (; i < nb; i++) {
            const __m256i qa = _mm256_loadu_si256((const __m256i *)a[i].qs);
            const __m256i qx = _mm256_loadu_si256((const __m256i *)x[i].qs);
            acc0 = _mm256_fmadd_ps(_mm256_set1_ps(half_to_float(a[i].d) * scales[i]), signed_pairs_to_float(qa, qx), acc0);
        }
        y[r] = hsum256(acc0);
    }
}

/// The 32 five-bit values of a Q5_0 {f16 d; u32 qh; u8 qs[16]} or Q5_1 {f16 d; f16 m; u32 qh;
/// u8 qs[16]} block at `qh` (the nibbles follow it): low nibbles are values 0-15, high
/// nibbles 16-31, bit j of qh is the fifth bit of value j. Q5_0 values are centred (minus 16).
KERNEL static inline __m256i q5_values(const uint8_t *qh_bytes, int centred) {
    uint32_t qh;
    memcpy(&qh, qh_bytes, sizeof qh);
    const __m256i values = _mm256_or_si256(cik_nibbles_to_bytes(qh_bytes + 4), cik_fifth_bits(qh));
    return centred ? _mm256_sub_epi8(values, _mm256_set1_epi8(16)) : values;
}

/// `n` (1..TOKEN_TILE) activation rows against one Q5_0 (with Q8_0 activations) or Q5_1 (with
/// Q8_1 activations) weight row: each weight block is unpacked once for the n products,
/// integer sums per block scaled once in float (plus m·s per block for Q5_1).
KERNEL static inline __attribute__((always_inline)) void tile_q5(
    int with_minimum, size_t nb, const uint8_t *w, const uint8_t *x, size_t xs, size_t n, float *y, size_t ldy) {
    const size_t w_block = with_minimum ? 24 : 22, x_block = with_minimum ? 36 : 34, x_qs = with_minimum ? 4 : 2;
    const __m256i ones = _mm256_set1_epi16(1);
    __m256 acc[TOKEN_TILE];
    float mins[TOKEN_TILE];
    for (size_t j = 0; j < n; j++) {
        acc[j] = _mm256_setzero_ps();
        mins[j] = 0.0f;
    }
    for (size_t i = 0; i < nb; i++) {
        const uint8_t *wb = w + i * w_block;
        _mm_prefetch((const char *)wb + PREFETCH_DISTANCE, _MM_HINT_T0);
        uint16_t dh;
        memcpy(&dh, wb, sizeof dh);
        const float dw = half_to_float(dh);
        const __m256i qw = q5_values(wb + (with_minimum ? 4 : 2), !with_minimum);
        // maddubs multiplies unsigned by signed bytes: Q5_0's signed values go in as |q| with
        // their signs moved onto the activations.
        const __m256i uw = with_minimum ? qw : _mm256_sign_epi8(qw, qw);
        float mw = 0.0f;
        if (with_minimum) {
            uint16_t mh;
            memcpy(&mh, wb + 2, sizeof mh);
            mw = half_to_float(mh);
        }
        for (size_t j = 0; j < n; j++) {
            const uint8_t *xb = x + j * xs + i * x_block;
            uint16_t xd;
            memcpy(&xd, xb, sizeof xd);
            __m256i qx = _mm256_loadu_si256((const __m256i *)(xb + x_qs));
            if (!with_minimum) qx = _mm256_sign_epi8(qx, qw);
            const __m256 sums = _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(uw, qx), ones));
            acc[j] = _mm256_fmadd_ps(_mm256_set1_ps(dw * half_to_float(xd)), sums, acc[j]);
            if (with_minimum) {
                uint16_t xs_half;
                memcpy(&xs_half, xb + 2, sizeof xs_half);
                mins[j] += mw * half_to_float(xs_half);
            }
        }
    }
    for (size_t j = 0; j < n; j++) y[j * ldy] = hsum256(acc[j]) + mins[j];
}

/// Four Q8_1 activation rows against one Q5_1 weight row, spelled out like `rows_q4_1` so the
/// accumulators and the minimum terms stay in registers (the generic `tile_q5` spilled them:
/// the Q5_1 path ran at a fraction of the Q5_0 one).
KERNEL static inline __attribute__((always_inline)) void tile4_q5_1(
    size_t nb, const uint8_t *w, const uint8_t *x, size_t xs, float *y, size_t ldy) {
    const uint8_t *x0 = x, *x1 = x + xs, *x2 = x + 2 * xs, *x3 = x + 3 * xs;
    const __m256i ones = _mm256_set1_epi16(1);
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
    __m256 a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
    float m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    for (size_t i = 0; i < nb; i++) {
        const uint8_t *wb = w + i * 24;
        _mm_prefetch((const char *)wb + PREFETCH_DISTANCE, _MM_HINT_T0);
        uint16_t dh, mh;
        memcpy(&dh, wb, sizeof dh);
        memcpy(&mh, wb + 2, sizeof mh);
        const float dw = half_to_float(dh), mw = half_to_float(mh);
        const __m256i qw = q5_values(wb + 4, 0);
#define Q5_1_STEP(xr, acc, mins)                                                                       \
    do {                                                                                               \
        const uint8_t *xb = (xr) + i * 36;                                                            \
        uint16_t xd, xsum;                                                                             \
        memcpy(&xd, xb, sizeof xd);                                                                    \
        memcpy(&xsum, xb + 2, sizeof xsum);                                                            \
        const __m256i qx = _mm256_loadu_si256((const __m256i *)(xb + 4));                              \
        const __m256 sums = _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(qw, qx), ones)); \
        acc = _mm256_fmadd_ps(_mm256_set1_ps(dw * half_to_float(xd)), sums, acc);                      \
        mins += mw * half_to_float(xsum);                                                              \
    } while (0)
        Q5_1_STEP(x0, a0, m0);
        Q5_1_STEP(x1, a1, m1);
        Q5_1_STEP(x2, a2, m2);
        Q5_1_STEP(x3, a3, m3);
#undef Q5_1_STEP
    }
    y[0] = hsum256(a0) + m0;
    y[ldy] = hsum256(a1) + m1;
    y[2 * ldy] = hsum256(a2) + m2;
    y[3 * ldy] = hsum256(a3) + m3;
}

KERNEL static void rows_q5(int with_minimum, size_t k, const uint8_t *w, const uint8_t *x, size_t xs,
                           size_t tokens, float *y, size_t ldy) {
    const size_t nb = k / QK;
    size_t t = 0;
    for (; t + TOKEN_TILE <= tokens; t += TOKEN_TILE) {
        if (with_minimum) tile4_q5_1(nb, w, x + t * xs, xs, y + t * ldy, ldy);
        else tile_q5(0, nb, w, x + t * xs, xs, TOKEN_TILE, y + t * ldy, ldy);
    }
    for (; t < tokens; t++) {
        if (with_minimum) tile_q5(1, nb, w, x + t * xs, xs, 1, y + t * ldy, ldy);
        else tile_q5(0, nb, w, x + t * xs, xs, 1, y + t * ldy, ldy);
    }
}

void cik_matmul_quantized_avx2(cik_weight_format format, size_t k, const void *w,
                               size_t w_row_bytes, const void *x, size_t x_row_bytes,
                               size_t tokens, size_t row_begin, size_t row_end,
                               float *y, size_t ldy) {
    const uint8_t *wb = (const uint8_t *)w;
    const uint8_t *xb = (const uint8_t *)x;
    if (tokens == 1 && k / QK <= MATVEC_MAX_BLOCKS) {
        if (format == CIK_WEIGHT_Q4_1) {
            matvec_q4_1(k, wb, w_row_bytes, (const block_q8_1 *)xb, row_begin, row_end, y);
            return;
        }
        if (format == CIK_WEIGHT_Q8_0) {
            matvec_q8_0(k, wb, w_row_bytes, (const block_q8_0 *)xb, row_begin, row_end, y);
            return;
        }
    }
    for (size_t r = row_begin; r < row_end; r++) {
        const void *row = wb + r * w_row_bytes;
        switch (format) {
        case CIK_WEIGHT_Q8_0: rows_q8_0(k, (const block_q8_0 *)row, xb, x_row_bytes, tokens, y + r, ldy); break;
        case CIK_WEIGHT_Q4_0: rows_q4_0(k, (const block_q4_0 *)row, xb, x_row_bytes, tokens, y + r, ldy); break;
        case CIK_WEIGHT_Q4_1: rows_q4_1(k, (const block_q4_1 *)row, xb, x_row_bytes, tokens, y + r, ldy); break;
        case CIK_WEIGHT_Q5_0: rows_q5(0, k, (const uint8_t *)row, xb, x_row_bytes, tokens, y + r, ldy); break;
        case CIK_WEIGHT_Q5_1: rows_q5(1, k, (const uint8_t *)row, xb, x_row_bytes, tokens, y + r, ldy); break;
        }
    }
}

#endif
