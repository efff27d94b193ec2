// Single-precision GEMM for AVX2/FMA: BLIS-style blocking (KC x MC block of A packed into
// micro-panels, B pre-packed into NR-wide panels) around a 6x16 register-blocked micro-kernel
// (12 accumulators, 2 B vectors and 1 broadcast in the 16 YMM registers).
#include "CInferenceKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <string.h>

#define MR CIK_GEMM_MR
#define NR CIK_GEMM_NR
#define KC CIK_GEMM_KC
#define MC CIK_GEMM_MC
#define AVX2 __attribute__((target("avx2,fma")))

size_t cik_sgemm_workspace_floats(void) { return (size_t)MC * KC; }

/// Packs rows [0, mc) and columns [0, kc) of A into micro-panels of MR rows: panel r holds,
/// for every p, the values A[r*MR + 0 ..< MR, p] (zero-padded past mc).
AVX2 static void pack_a(const float *a, size_t lda, size_t mc, size_t kc, float *dst) {
    for (size_t ir = 0; ir < mc; ir += MR) {
        size_t mr = mc - ir < MR ? mc - ir : MR;
        const float *rows[MR];
        for (size_t i = 0; i < MR; i++) rows[i] = a + (ir + (i < mr ? i : 0)) * lda;
        if (mr == MR) {
            size_t p = 0;
            for (; p + 8 <= kc; p += 8) {
                // Transpose 6 rows x 8 columns into 8 groups of 6.
                float t[MR][8];
                for (size_t i = 0; i < MR; i++) _mm256_storeu_ps(t[i], _mm256_loadu_ps(rows[i] + p));
                for (size_t q = 0; q < 8; q++)
                    for (size_t i = 0; i < MR; i++) dst[(p + q) * MR + i] = t[i][q];
            }
            for (; p < kc; p++)
                for (size_t i = 0; i < MR; i++) dst[p * MR + i] = rows[i][p];
        } else {
            for (size_t p = 0; p < kc; p++)
                for (size_t i = 0; i < MR; i++) dst[p * MR + i] = i < mr ? rows[i][p] : 0.0f;
        }
        dst += kc * MR;
    }
}

/// acc[6x16] = A micro-panel (kc x 6) times B micro-panel (kc x 16), then written to c:
/// c = acc + (first ? bias : c) for a full tile.
AVX2 static inline void kernel_6x16(size_t kc, const float *restrict a, const float *restrict b,
                                    float *restrict c, size_t ldc, int add_c,
                                    const float *restrict bias) {
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
    __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
    __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
    __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
    __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
    __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
    for (size_t p = 0; p < kc; p++) {
        __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
        __m256 av;
        av = _mm256_broadcast_ss(a + 0); c00 = _mm256_fmadd_ps(av, b0, c00); c01 = _mm256_fmadd_ps(av, b1, c01);
        av = _mm256_broadcast_ss(a + 1); c10 = _mm256_fmadd_ps(av, b0, c10); c11 = _mm256_fmadd_ps(av, b1, c11);
        av = _mm256_broadcast_ss(a + 2); c20 = _mm256_fmadd_ps(av, b0, c20); c21 = _mm256_fmadd_ps(av, b1, c21);
        av = _mm256_broadcast_ss(a + 3); c30 = _mm256_fmadd_ps(av, b0, c30); c31 = _mm256_fmadd_ps(av, b1, c31);
        av = _mm256_broadcast_ss(a + 4); c40 = _mm256_fmadd_ps(av, b0, c40); c41 = _mm256_fmadd_ps(av, b1, c41);
        av = _mm256_broadcast_ss(a + 5); c50 = _mm256_fmadd_ps(av, b0, c50); c51 = _mm256_fmadd_ps(av, b1, c51);
        a += MR;
        b += NR;
    }
    __m256 lo = bias ? _mm256_loadu_ps(bias) : _mm256_setzero_ps();
    __m256 hi = bias ? _mm256_loadu_ps(bias + 8) : _mm256_setzero_ps();
#define STORE_ROW(r, v0, v1)                                                            \
    do {                                                                                 \
        float *row = c + (r) * ldc;                                                      \
        __m256 s0 = _mm256_add_ps(v0, lo), s1 = _mm256_add_ps(v1, hi);                   \
        if (add_c) { s0 = _mm256_add_ps(s0, _mm256_loadu_ps(row));                       \
                     s1 = _mm256_add_ps(s1, _mm256_loadu_ps(row + 8)); }                 \
        _mm256_storeu_ps(row, s0);                                                       \
        _mm256_storeu_ps(row + 8, s1);                                                   \
    } while (0)
    STORE_ROW(0, c00, c01);
    STORE_ROW(1, c10, c11);
    STORE_ROW(2, c20, c21);
    STORE_ROW(3, c30, c31);
    STORE_ROW(4, c40, c41);
    STORE_ROW(5, c50, c51);
#undef STORE_ROW
}

/// A partial tile (mr < 6 or nr < 16): computed in full into a scratch tile, then the valid
/// part is written.
AVX2 static void kernel_edge(size_t kc, const float *a, const float *b, float *c, size_t ldc,
                             size_t mr, size_t nr, int add_c, const float *bias) {
    float tile[MR * NR] __attribute__((aligned(32)));
    kernel_6x16(kc, a, b, tile, NR, 0, NULL);
    for (size_t i = 0; i < mr; i++) {
        float *row = c + i * ldc;
        for (size_t j = 0; j < nr; j++) {
            float v = tile[i * NR + j] + (bias ? bias[j] : 0.0f);
            row[j] = add_c ? row[j] + v : v;
        }
    }
}

void cik_sgemm_avx2(size_t m, size_t n, size_t k, const float *a, size_t lda,
                    const float *packed_b, size_t panel_begin, size_t panel_end,
                    float *c, size_t ldc, const float *bias, int accumulate, float *workspace) {
    if (m == 0 || panel_begin >= panel_end) return;
    if (k == 0) {
        for (size_t i = 0; i < m; i++)
            for (size_t j = panel_begin * NR; j < n && j < panel_end * NR; j++) {
                float v = bias ? bias[j] : 0.0f;
                c[i * ldc + j] = accumulate ? c[i * ldc + j] + v : v;
            }
        return;
    }
    for (size_t pc = 0; pc < k; pc += KC) {
        size_t kc = k - pc < KC ? k - pc : KC;
        int first = pc == 0;
        int add_c = !first || accumulate;
        for (size_t ic = 0; ic < m; ic += MC) {
            size_t mc = m - ic < MC ? m - ic : MC;
            pack_a(a + ic * lda + pc, lda, mc, kc, workspace);
            for (size_t jp = panel_begin; jp < panel_end; jp++) {
                const float *bp = packed_b + jp * k * NR + pc * NR;
                size_t j = jp * NR;
                size_t nr = n - j < NR ? n - j : NR;
                const float *bias_j = first && bias ? bias + j : NULL;
                for (size_t ir = 0; ir < mc; ir += MR) {
                    size_t mr = mc - ir < MR ? mc - ir : MR;
                    float *ct = c + (ic + ir) * ldc + j;
                    const float *ap = workspace + ir * kc;
                    if (mr == MR && nr == NR)
                        kernel_6x16(kc, ap, bp, ct, ldc, add_c, bias_j);
                    else
                        kernel_edge(kc, ap, bp, ct, ldc, mr, nr, add_c, bias_j);
                }
            }
        }
    }
}

AVX2 static inline float hsum256(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

AVX2 void cik_matvec_f32_avx2(size_t k, const float *w, size_t ldw, const float *x,
                              size_t row_begin, size_t row_end, float *y) {
    for (size_t i = row_begin; i < row_end; i++) {
        const float *row = w + i * ldw;
        __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
        size_t p = 0;
        for (; p + 16 <= k; p += 16) {
            s0 = _mm256_fmadd_ps(_mm256_loadu_ps(row + p), _mm256_loadu_ps(x + p), s0);
            s1 = _mm256_fmadd_ps(_mm256_loadu_ps(row + p + 8), _mm256_loadu_ps(x + p + 8), s1);
        }
        float s = hsum256(_mm256_add_ps(s0, s1));
        for (; p < k; p++) s += row[p] * x[p];
        y[i] = s;
    }
}

__attribute__((target("avx2,fma,f16c"))) float cik_dot_f16_f32_avx2(size_t k, const uint16_t *w,
                                                                    const float *x) {
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    size_t p = 0;
    for (; p + 16 <= k; p += 16) {
        __m256 w0 = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(w + p)));
        __m256 w1 = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(w + p + 8)));
        s0 = _mm256_fmadd_ps(w0, _mm256_loadu_ps(x + p), s0);
        s1 = _mm256_fmadd_ps(w1, _mm256_loadu_ps(x + p + 8), s1);
    }
    float s = hsum256(_mm256_add_ps(s0, s1));
    for (; p < k; p++) s += _cvtsh_ss(w[p]) * x[p];
    return s;
}

#endif
