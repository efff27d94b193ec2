// Element-wise kernels for AVX2/FMA: exp (Cephes-style range reduction and polynomial,
// relative error about 1e-7), softmax, GELU in the erf form (Abramowitz-Stegun 7.1.26, absolute
// error of erf below 1.5e-7), SiLU, and the small vector helpers attention uses.
#include "CInferenceKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <math.h>

#define KERNEL __attribute__((target("avx2,fma")))

KERNEL static inline __m256 exp256(__m256 input) {
    // Below the smallest normal result the answer is 0 (so masked -inf scores vanish exactly).
    const __m256 lowest = _mm256_set1_ps(-87.3365478515625f);
    __m256 in_range = _mm256_cmp_ps(input, lowest, _CMP_GE_OQ);
    __m256 x = _mm256_min_ps(input, _mm256_set1_ps(88.3762626647949f));
    x = _mm256_max_ps(x, lowest);
    __m256 fx = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                                _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    x = _mm256_fnmadd_ps(fx, _mm256_set1_ps(0.693359375f), x);
    x = _mm256_fnmadd_ps(fx, _mm256_set1_ps(-2.12194440e-4f), x);
    __m256 y = _mm256_set1_ps(1.9875691500e-4f);
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(1.3981999507e-3f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(8.3334519073e-3f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(4.1665795894e-2f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(1.6666665459e-1f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(5.0000001201e-1f));
    y = _mm256_fmadd_ps(y, _mm256_mul_ps(x, x), _mm256_add_ps(x, _mm256_set1_ps(1.0f)));
    __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(fx), _mm256_set1_epi32(127)), 23);
    return _mm256_and_ps(_mm256_mul_ps(y, _mm256_castsi256_ps(e)), in_range);
}

KERNEL static inline float hsum256(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

KERNEL static inline float hmax256(__m256 v) {
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

/// Applies f to x[0..<n] in place, 8 at a time; the tail goes through a padded vector.
#define MAP_IN_PLACE(x, n, f)                                                   \
    do {                                                                        \
        size_t i_ = 0;                                                          \
        for (; i_ + 8 <= (n); i_ += 8)                                          \
            _mm256_storeu_ps((x) + i_, f(_mm256_loadu_ps((x) + i_)));           \
        if (i_ < (n)) {                                                         \
            float tail_[8] = {0};                                               \
            for (size_t j_ = i_; j_ < (n); j_++) tail_[j_ - i_] = (x)[j_];      \
            _mm256_storeu_ps(tail_, f(_mm256_loadu_ps(tail_)));                 \
            for (size_t j_ = i_; j_ < (n); j_++) (x)[j_] = tail_[j_ - i_];      \
        }                                                                       \
    } while (0)

KERNEL static inline __m256 gelu256(__m256 x) {
    // erf(z) for z = x / sqrt(2): 1 - t(a1 + t(a2 + t(a3 + t(a4 + t a5)))) e^{-z^2},
    // t = 1 / (1 + p|z|), with the sign of z.
    const __m256 sign_bit = _mm256_set1_ps(-0.0f);
    __m256 z = _mm256_mul_ps(x, _mm256_set1_ps(0.70710678118654752f));
    __m256 az = _mm256_andnot_ps(sign_bit, z);
    __m256 t = _mm256_div_ps(_mm256_set1_ps(1.0f),
                             _mm256_fmadd_ps(_mm256_set1_ps(0.3275911f), az, _mm256_set1_ps(1.0f)));
    __m256 poly = _mm256_set1_ps(1.061405429f);
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(-1.453152027f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(1.421413741f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(-0.284496736f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(0.254829592f));
    poly = _mm256_mul_ps(poly, t);
    __m256 e = exp256(_mm256_sub_ps(_mm256_setzero_ps(), _mm256_mul_ps(az, az)));
    __m256 erf_abs = _mm256_fnmadd_ps(poly, e, _mm256_set1_ps(1.0f));
    __m256 erf = _mm256_or_ps(erf_abs, _mm256_and_ps(sign_bit, z));
    return _mm256_mul_ps(_mm256_mul_ps(_mm256_set1_ps(0.5f), x),
                         _mm256_add_ps(_mm256_set1_ps(1.0f), erf));
}

KERNEL static inline __m256 silu256(__m256 x) {
    __m256 e = exp256(_mm256_sub_ps(_mm256_setzero_ps(), x));
    return _mm256_div_ps(x, _mm256_add_ps(_mm256_set1_ps(1.0f), e));
}

KERNEL void cik_gelu_erf_avx2(float *x, size_t n) { MAP_IN_PLACE(x, n, gelu256); }

KERNEL void cik_silu_avx2(float *x, size_t n) { MAP_IN_PLACE(x, n, silu256); }

KERNEL void cik_swiglu_avx2(float *gate, const float *up, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(gate + i, _mm256_mul_ps(silu256(_mm256_loadu_ps(gate + i)),
                                                 _mm256_loadu_ps(up + i)));
    for (; i < n; i++) gate[i] = gate[i] / (1.0f + expf(-gate[i])) * up[i];
}

KERNEL void cik_exp_avx2(float *x, size_t n) { MAP_IN_PLACE(x, n, exp256); }

KERNEL void cik_softmax_avx2(float *x, size_t n) {
    if (n == 0) return;
    __m256 m8 = _mm256_set1_ps(-INFINITY);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) m8 = _mm256_max_ps(m8, _mm256_loadu_ps(x + i));
    float m = hmax256(m8);
    for (; i < n; i++) m = x[i] > m ? x[i] : m;
    if (m == -INFINITY) {
        // Every position is masked out: no probability mass anywhere.
        for (i = 0; i < n; i++) x[i] = 0.0f;
        return;
    }
    __m256 mv = _mm256_set1_ps(m), s8 = _mm256_setzero_ps();
    for (i = 0; i + 8 <= n; i += 8) {
        __m256 e = exp256(_mm256_sub_ps(_mm256_loadu_ps(x + i), mv));
        _mm256_storeu_ps(x + i, e);
        s8 = _mm256_add_ps(s8, e);
    }
    float s = hsum256(s8);
    for (; i < n; i++) {
        float e[8] = {x[i] - m};
        _mm256_storeu_ps(e, exp256(_mm256_loadu_ps(e)));
        x[i] = e[0];
        s += e[0];
    }
    __m256 inv = _mm256_set1_ps(1.0f / s);
    for (i = 0; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, _mm256_mul_ps(_mm256_loadu_ps(x + i), inv));
    for (; i < n; i++) x[i] *= 1.0f / s;
}

KERNEL float cik_dot_f32_avx2(size_t n, const float *a, const float *b) {
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
        s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), s1);
    }
    for (; i + 8 <= n; i += 8) s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
    float s = hsum256(_mm256_add_ps(s0, s1));
    for (; i < n; i++) s += a[i] * b[i];
    return s;
}

KERNEL void cik_axpy_avx2(size_t n, float alpha, const float *x, float *y) {
    __m256 av = _mm256_set1_ps(alpha);
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, _mm256_fmadd_ps(av, _mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i)));
    for (; i < n; i++) y[i] += alpha * x[i];
}

#endif
