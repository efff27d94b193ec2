// Single-precision GEMM for AVX2/FMA: BLIS-style blocking (all of A packed once into MR-row
// micro-panels per KC block, B pre-packed into NR-wide panels, column blocks of B kept in L2)
// around a 6x16 register-blocked micro-kernel (12 accumulators, 2 B vectors and 1 broadcast in
// the 16 YMM registers), specialised for 1 to 6 rows; partial column tiles use masked stores.
#include "CInferenceKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <stdlib.h>
#include <string.h>

#define MR CIK_GEMM_MR
#define NR CIK_GEMM_NR
#define KC CIK_GEMM_KC
#define MC CIK_GEMM_MC
/// Panels of B per column block (16 x 16 = 256 columns: KC x 256 floats = 256 KiB).
#define NC_PANELS 8
#define AVX2 __attribute__((target("avx2,fma")))

size_t cik_sgemm_workspace_floats(size_t m, size_t k) {
    return ((m + MR - 1) / MR) * MR * k;
}

/// Packs all of A (m x k) once, block by block of KC columns: the block of columns
/// [pc, pc + kc) starts at pc * mpad floats and holds, for each row tile of MR rows, kc groups
/// of MR values (rows past m are zero), so a micro-kernel reads its A operand contiguously.
AVX2 static void pack_a(const float *a, size_t lda, size_t m, size_t k, float *dst) {
    const size_t mpad = ((m + MR - 1) / MR) * MR;
    for (size_t pc = 0; pc < k; pc += KC) {
        const size_t kc = k - pc < KC ? k - pc : KC;
        float *block = dst + pc * mpad;
        for (size_t ir = 0; ir < m; ir += MR) {
            const size_t mr = m - ir < MR ? m - ir : MR;
            float *tile = block + ir * kc;
            if (mr == MR) {
                const float *rows[MR];
                for (size_t i = 0; i < MR; i++) rows[i] = a + (ir + i) * lda + pc;
                size_t p = 0;
                for (; p + 8 <= kc; p += 8) {
                    float t[MR][8];
                    for (size_t i = 0; i < MR; i++) _mm256_storeu_ps(t[i], _mm256_loadu_ps(rows[i] + p));
                    for (size_t q = 0; q < 8; q++)
                        for (size_t i = 0; i < MR; i++) tile[(p + q) * MR + i] = t[i][q];
                }
                for (; p < kc; p++)
                    for (size_t i = 0; i < MR; i++) tile[p * MR + i] = rows[i][p];
            } else {
                for (size_t p = 0; p < kc; p++)
                    for (size_t i = 0; i < MR; i++)
                        tile[p * MR + i] = i < mr ? a[(ir + i) * lda + pc + p] : 0.0f;
            }
        }
    }
}

/// The micro-kernel for an mr x 16 tile (mr a compile-time constant after inlining):
/// acc = A micro-panel (kc x MR, rows past mr unused) times B micro-panel (kc x 16), then
/// c = acc (+ bias) (+ c) for the first nr columns (masked when nr < 16).
AVX2 static inline __attribute__((always_inline)) void kernel_rows(
    const int mr, size_t kc, const float *restrict a, const float *restrict b, float *restrict c,
    size_t ldc, int add_c, const float *restrict bias, size_t nr, const float *prefetch) {
    __m256 acc[MR][2];
    for (int i = 0; i < MR; i++) acc[i][0] = acc[i][1] = _mm256_setzero_ps();
#pragma clang loop unroll_count(4)
    for (size_t p = 0; p < kc; p++) {
        // One line of the next B micro-panel per step (a B row of 16 floats is one line).
        if (prefetch) _mm_prefetch((const char *)(prefetch + p * NR), _MM_HINT_T0);
        const __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
        for (int i = 0; i < MR; i++) {
            if (i < mr) {
                const __m256 av = _mm256_broadcast_ss(a + i);
                acc[i][0] = _mm256_fmadd_ps(av, b0, acc[i][0]);
                acc[i][1] = _mm256_fmadd_ps(av, b1, acc[i][1]);
            }
        }
        a += MR;
        b += NR;
    }
    if (nr == NR) {
        const __m256 lo = bias ? _mm256_loadu_ps(bias) : _mm256_setzero_ps();
        const __m256 hi = bias ? _mm256_loadu_ps(bias + 8) : _mm256_setzero_ps();
        for (int i = 0; i < MR; i++) {
            if (i < mr) {
                float *row = c + i * ldc;
                __m256 s0 = _mm256_add_ps(acc[i][0], lo), s1 = _mm256_add_ps(acc[i][1], hi);
                if (add_c) {
                    s0 = _mm256_add_ps(s0, _mm256_loadu_ps(row));
                    s1 = _mm256_add_ps(s1, _mm256_loadu_ps(row + 8));
                }
                _mm256_storeu_ps(row, s0);
                _mm256_storeu_ps(row + 8, s1);
            }
        }
    } else {
        const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
        const __m256i m0 = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)nr), lanes);
        const __m256i m1 = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)nr - 8), lanes);
        const __m256 lo = bias ? _mm256_maskload_ps(bias, m0) : _mm256_setzero_ps();
        const __m256 hi = bias ? _mm256_maskload_ps(bias + 8, m1) : _mm256_setzero_ps();
        for (int i = 0; i < MR; i++) {
            if (i < mr) {
                float *row = c + i * ldc;
                __m256 s0 = _mm256_add_ps(acc[i][0], lo), s1 = _mm256_add_ps(acc[i][1], hi);
                if (add_c) {
                    s0 = _mm256_add_ps(s0, _mm256_maskload_ps(row, m0));
                    s1 = _mm256_add_ps(s1, _mm256_maskload_ps(row + 8, m1));
                }
                _mm256_maskstore_ps(row, m0, s0);
                _mm256_maskstore_ps(row + 8, m1, s1);
            }
        }
    }
}

AVX2 static void kernel_tile(size_t mr, size_t kc, const float *a, const float *b, float *c,
                             size_t ldc, int add_c, const float *bias, size_t nr,
                             const float *prefetch) {
    if (prefetch) {
        kernel_rows(MR, kc, a, b, c, ldc, add_c, bias, nr, prefetch);
        return;
    }
    switch (mr) {
    case 6: kernel_rows(6, kc, a, b, c, ldc, add_c, bias, nr, NULL); break;
    case 5: kernel_rows(5, kc, a, b, c, ldc, add_c, bias, nr, NULL); break;
    case 4: kernel_rows(4, kc, a, b, c, ldc, add_c, bias, nr, NULL); break;
    case 3: kernel_rows(3, kc, a, b, c, ldc, add_c, bias, nr, NULL); break;
    case 2: kernel_rows(2, kc, a, b, c, ldc, add_c, bias, nr, NULL); break;
    default: kernel_rows(1, kc, a, b, c, ldc, add_c, bias, nr, NULL); break;
    }
}

void cik_sgemm_prepacked_avx2(size_t m, size_t n, size_t k, const float *packed_a,
                              const float *packed_b, size_t panel_begin, size_t panel_end,
                              float *c, size_t ldc, const float *bias, int accumulate);

/// The calling thread's packing buffer, grown on demand and kept for the thread's lifetime, so
/// repeated products do not map and fault in fresh pages.
static _Thread_local float *thread_workspace;
static _Thread_local size_t thread_workspace_floats;

static float *workspace_for_thread(size_t floats) {
    if (floats > thread_workspace_floats) {
        free(thread_workspace);
        size_t bytes = (floats * sizeof(float) + 63) / 64 * 64;
        thread_workspace = aligned_alloc(64, bytes);
        thread_workspace_floats = thread_workspace ? floats : 0;
    }
    return thread_workspace;
}

int cik_sgemm_avx2(size_t m, size_t n, size_t k, const float *a, size_t lda,
                   const float *packed_b, size_t panel_begin, size_t panel_end,
                   float *c, size_t ldc, const float *bias, int accumulate, float *workspace) {
    if (m == 0 || panel_begin >= panel_end) return 0;
    if (workspace == NULL && k > 0) {
        workspace = workspace_for_thread(cik_sgemm_workspace_floats(m, k));
        if (workspace == NULL) return -1;
    }
    if (k == 0) {
        for (size_t i = 0; i < m; i++)
            for (size_t j = panel_begin * NR; j < n && j < panel_end * NR; j++) {
                float v = bias ? bias[j] : 0.0f;
                c[i * ldc + j] = accumulate ? c[i * ldc + j] + v : v;
            }
        return 0;
    }
    pack_a(a, lda, m, k, workspace);
    cik_sgemm_prepacked_avx2(m, n, k, workspace, packed_b, panel_begin, panel_end, c, ldc, bias,
                             accumulate);
    return 0;
}

void cik_sgemm_pack_a_avx2(size_t m, size_t k, const float *a, size_t lda, float *packed_a) {
    pack_a(a, lda, m, k, packed_a);
}

void cik_sgemm_prepacked_avx2(size_t m, size_t n, size_t k, const float *packed_a,
                              const float *packed_b, size_t panel_begin, size_t panel_end,
                              float *c, size_t ldc, const float *bias, int accumulate) {
    if (m == 0 || k == 0 || panel_begin >= panel_end) return;
    const size_t mpad = ((m + MR - 1) / MR) * MR;
    const float *workspace = packed_a;
    // Blocks of NC_PANELS panels: their KC x (16 * NC_PANELS) slice of B stays in L2 while every
    // row block of A passes over it, so B is read from memory once.
    for (size_t jc = panel_begin; jc < panel_end; jc += NC_PANELS) {
        const size_t jend = jc + NC_PANELS < panel_end ? jc + NC_PANELS : panel_end;
        for (size_t pc = 0; pc < k; pc += KC) {
            const size_t kc = k - pc < KC ? k - pc : KC;
            const int add_c = pc > 0 || accumulate;
            const float *a_block = workspace + pc * mpad;
            for (size_t ic = 0; ic < m; ic += MC) {
                const size_t iend = ic + MC < m ? ic + MC : m;
                for (size_t jp = jc; jp < jend; jp++) {
                    const float *bp = packed_b + jp * k * NR + pc * NR;
                    const size_t j = jp * NR;
                    const size_t nr = n - j < NR ? n - j : NR;
                    const float *bias_j = pc == 0 && bias ? bias + j : NULL;
                    // The first row tile, when full, also prefetches the next panel's slice of B
                    // (measured: faster for 16-128 rows, slower for a single row).
                    const float *next = jp + 1 < panel_end ? bp + k * NR : NULL;
                    for (size_t ir = ic; ir < iend; ir += MR) {
                        const size_t mr = iend - ir < MR ? iend - ir : MR;
                        kernel_tile(mr, kc, a_block + ir * kc, bp, c + ir * ldc + j, ldc, add_c,
                                    bias_j, nr, ir == ic && mr == MR ? next : NULL);
                    }
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

__attribute__((target("avx2,fma,f16c"))) void cik_fp32_to_fp16_avx2(const float *x, uint16_t *y,
                                                                    size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm_storeu_si128((__m128i *)(y + i), _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT));
    for (; i < n; i++) y[i] = _cvtss_sh(x[i], 0);
}

__attribute__((target("avx2,fma,f16c"))) void cik_axpy_f16_avx2(size_t n, float alpha,
                                                               const uint16_t *x, float *y) {
    const __m256 av = _mm256_set1_ps(alpha);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 xv = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(x + i)));
        _mm256_storeu_ps(y + i, _mm256_fmadd_ps(av, xv, _mm256_loadu_ps(y + i)));
    }
    for (; i < n; i++) y[i] += alpha * _cvtsh_ss(x[i]);
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
