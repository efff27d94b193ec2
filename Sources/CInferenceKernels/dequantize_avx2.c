// Block dequantization for AVX2 of the GGML formats without an integer dot-product kernel here
// (Q5_0, Q5_1 and the k-quants Q4_K, Q5_K, Q6_K): the matrix code dequantizes a weight row into
// a small buffer that stays in L1 and takes float dot products with it. Each value is
// computed as q * scale + bias with a separate multiply and add (no fused multiply-add), in
// the same order as the portable Swift dequantizer, so both give the same bits.
#include "CInferenceKernels.h"
#include "block_unpack_avx2.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <string.h>

#define KERNEL __attribute__((target("avx2,fma,f16c")))

KERNEL static inline float half_at(const uint8_t *p) {
    uint16_t h;
    memcpy(&h, p, sizeof h);
    return _cvtsh_ss(h);
}

/// Writes 32 values q[i] * scale + bias; values 0-15 use scale_lo, values 16-31 scale_hi.
/// q holds signed bytes.
KERNEL static inline void store_scaled32(__m256i q, __m256 scale_lo, __m256 scale_hi, __m256 bias, float *y) {
    const __m128i lo = _mm256_castsi256_si128(q);
    const __m128i hi = _mm256_extracti128_si256(q, 1);
    const __m256 f0 = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(lo));
    const __m256 f1 = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(lo, 8)));
    const __m256 f2 = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(hi));
    const __m256 f3 = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(hi, 8)));
    _mm256_storeu_ps(y, _mm256_add_ps(_mm256_mul_ps(f0, scale_lo), bias));
    _mm256_storeu_ps(y + 8, _mm256_add_ps(_mm256_mul_ps(f1, scale_lo), bias));
    _mm256_storeu_ps(y + 16, _mm256_add_ps(_mm256_mul_ps(f2, scale_hi), bias));
    _mm256_storeu_ps(y + 24, _mm256_add_ps(_mm256_mul_ps(f3, scale_hi), bias));
}

/// Q5_0 {f16 d; u32 qh; u8 qs[16]} (22 bytes): x = d * (q5 - 16). Q5_1 {f16 d; f16 m; u32 qh;
/// u8 qs[16]} (24 bytes): x = d * q5 + m.
KERNEL static void dequantize_q5(const uint8_t *b, size_t blocks, int has_minimum, float *y) {
    const size_t header = has_minimum ? 4 : 2;
    const size_t block_bytes = header + 4 + 16;
    const __m256i offset = _mm256_set1_epi8(has_minimum ? 0 : 16);
    for (size_t i = 0; i < blocks; i++, b += block_bytes, y += 32) {
        const __m256 d = _mm256_set1_ps(half_at(b));
        const __m256 m = _mm256_set1_ps(has_minimum ? half_at(b + 2) : 0.0f);
        uint32_t qh;
        memcpy(&qh, b + header, sizeof qh);
        const __m256i q = _mm256_sub_epi8(_mm256_or_si256(cik_nibbles_to_bytes(b + header + 4), cik_fifth_bits(qh)), offset);
        store_scaled32(q, d, d, m, y);
    }
}

/// The 6-bit scale and minimum of sub-block j from the 12 packed bytes of Q4_K/Q5_K.
static inline void scale_and_minimum(int j, const uint8_t *q, float *scale, float *minimum) {
    if (j < 4) {
        *scale = (float)(q[j] & 63);
        *minimum = (float)(q[j + 4] & 63);
    } else {
        *scale = (float)((q[j + 4] & 0x0F) | ((q[j - 4] >> 6) << 4));
        *minimum = (float)((q[j + 4] >> 4) | ((q[j] >> 6) << 4));
    }
}

/// Q4_K {f16 d; f16 dmin; u8 scales[12]; u8 qs[128]} (144 bytes) and Q5_K {…; u8 qh[32];
/// u8 qs[128]} (176 bytes): 8 sub-blocks of 32, x = d * scale * q - dmin * min.
KERNEL static void dequantize_q45_k(const uint8_t *b, size_t blocks, int five_bits, float *y) {
    const size_t block_bytes = five_bits ? 176 : 144;
    const __m256i low_nibble = _mm256_set1_epi8(0x0F);
    for (size_t i = 0; i < blocks; i++, b += block_bytes) {
        const float d = half_at(b), dmin = half_at(b + 2);
        const uint8_t *scales = b + 4;
        const uint8_t *qs = b + (five_bits ? 48 : 16);
        const __m256i qh = five_bits ? _mm256_loadu_si256((const __m256i *)(b + 16)) : _mm256_setzero_si256();
        for (int pair = 0; pair < 4; pair++, qs += 32, y += 64) {
            float s1, m1, s2, m2;
            scale_and_minimum(2 * pair, scales, &s1, &m1);
            scale_and_minimum(2 * pair + 1, scales, &s2, &m2);
            const __m256i bytes = _mm256_loadu_si256((const __m256i *)qs);
            __m256i q1 = _mm256_and_si256(bytes, low_nibble);
            __m256i q2 = _mm256_and_si256(_mm256_srli_epi16(bytes, 4), low_nibble);
            if (five_bits) {
                // Bit 2*pair of qh[l] is the fifth bit of the first 32, bit 2*pair+1 of the next.
                const __m256i bit1 = _mm256_set1_epi8((char)(1 << (2 * pair)));
                const __m256i bit2 = _mm256_set1_epi8((char)(1 << (2 * pair + 1)));
                const __m256i sixteen = _mm256_set1_epi8(16);
                q1 = _mm256_or_si256(q1, _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(qh, bit1), bit1), sixteen));
                q2 = _mm256_or_si256(q2, _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(qh, bit2), bit2), sixteen));
            }
            const __m256 scale1 = _mm256_set1_ps(d * s1), scale2 = _mm256_set1_ps(d * s2);
            const __m256 bias1 = _mm256_set1_ps(-(dmin * m1)), bias2 = _mm256_set1_ps(-(dmin * m2));
            store_scaled32(q1, scale1, scale1, bias1, y);
            store_scaled32(q2, scale2, scale2, bias2, y + 32);
        }
    }
}

/// Q6_K {u8 ql[128]; u8 qh[64]; i8 scales[16]; f16 d} (210 bytes): 16 sub-blocks of 16,
/// x = d * scale * (q6 - 32).
KERNEL static void dequantize_q6_k(const uint8_t *b, size_t blocks, float *y) {
    const __m256i low_nibble = _mm256_set1_epi8(0x0F);
    const __m256i two_bits = _mm256_set1_epi8(0x30);
    const __m256i thirty_two = _mm256_set1_epi8(32);
    const __m256 zero = _mm256_setzero_ps();
    for (size_t i = 0; i < blocks; i++, b += 210) {
        const float d = half_at(b + 208);
        const uint8_t *ql = b, *qh = b + 128;
        const int8_t *sc = (const int8_t *)(b + 192);
        for (int half = 0; half < 2; half++, ql += 64, qh += 32, sc += 8, y += 128) {
            const __m256i l0 = _mm256_loadu_si256((const __m256i *)ql);
            const __m256i l1 = _mm256_loadu_si256((const __m256i *)(ql + 32));
            const __m256i h = _mm256_loadu_si256((const __m256i *)qh);
            // Bits 0-1, 2-3, 4-5, 6-7 of qh are the top bits of the four groups of 32.
            const __m256i q[4] = {
                _mm256_or_si256(_mm256_and_si256(l0, low_nibble), _mm256_and_si256(_mm256_slli_epi16(h, 4), two_bits)),
                _mm256_or_si256(_mm256_and_si256(l1, low_nibble), _mm256_and_si256(_mm256_slli_epi16(h, 2), two_bits)),
                _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l0, 4), low_nibble), _mm256_and_si256(h, two_bits)),
                _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l1, 4), low_nibble),
                                _mm256_and_si256(_mm256_srli_epi16(h, 2), two_bits)),
            };
            for (int g = 0; g < 4; g++) {
                const __m256 lo = _mm256_set1_ps(d * (float)sc[2 * g]);
                const __m256 hi = _mm256_set1_ps(d * (float)sc[2 * g + 1]);
                store_scaled32(_mm256_sub_epi8(q[g], thirty_two), lo, hi, zero, y + 32 * g);
            }
        }
    }
}

int cik_dequantize_avx2(cik_dequantize_format format, const void *blocks, size_t count, float *y) {
    const uint8_t *b = (const uint8_t *)blocks;
    switch (format) {
    case CIK_DEQUANTIZE_Q5_0:
        if (count % 32) return -1;
        dequantize_q5(b, count / 32, 0, y);
        return 0;
    case CIK_DEQUANTIZE_Q5_1:
        if (count % 32) return -1;
        dequantize_q5(b, count / 32, 1, y);
        return 0;
    case CIK_DEQUANTIZE_Q4_K:
        if (count % 256) return -1;
        dequantize_q45_k(b, count / 256, 0, y);
        return 0;
    case CIK_DEQUANTIZE_Q5_K:
        if (count % 256) return -1;
        dequantize_q45_k(b, count / 256, 1, y);
        return 0;
    case CIK_DEQUANTIZE_Q6_K:
        if (count % 256) return -1;
        dequantize_q6_k(b, count / 256, y);
        return 0;
    }
    return -1;
}

#endif
