// Unpacking of GGML block values shared by the AVX2 kernels (internal to this target).
#ifndef CIK_BLOCK_UNPACK_AVX2_H
#define CIK_BLOCK_UNPACK_AVX2_H

#if defined(__x86_64__)
#include <immintrin.h>
#include <stdint.h>

#define CIK_KERNEL __attribute__((target("avx2,fma,f16c")))

/// 16 bytes of packed nibbles to 32 bytes 0..15: low nibbles first, then high nibbles.
CIK_KERNEL static inline __m256i cik_nibbles_to_bytes(const uint8_t *qs) {
    __m128i t = _mm_loadu_si128((const __m128i *)qs);
    __m256i b = _mm256_insertf128_si256(_mm256_castsi128_si256(t), _mm_srli_epi16(t, 4), 1);
    return _mm256_and_si256(b, _mm256_set1_epi8(0x0F));
}

/// Byte i (0-31) is 0x10 when bit i of `bits` is set, else 0: the fifth bits of Q5_0/Q5_1.
CIK_KERNEL static inline __m256i cik_fifth_bits(uint32_t bits) {
    // Byte i takes byte i/8 of `bits`, then keeps bit i%8.
    const __m256i which_byte = _mm256_setr_epi8(
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
        2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
    const __m256i which_bit = _mm256_setr_epi8(
        1, 2, 4, 8, 16, 32, 64, (char)128, 1, 2, 4, 8, 16, 32, 64, (char)128,
        1, 2, 4, 8, 16, 32, 64, (char)128, 1, 2, 4, 8, 16, 32, 64, (char)128);
    const __m256i spread = _mm256_shuffle_epi8(_mm256_set1_epi32((int)bits), which_byte);
    const __m256i set = _mm256_cmpeq_epi8(_mm256_and_si256(spread, which_bit), which_bit);
    return _mm256_and_si256(set, _mm256_set1_epi8(0x10));
}

#endif
#endif
