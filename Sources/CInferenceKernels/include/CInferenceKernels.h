// CInferenceKernels: the x86-64 AVX2/FMA kernels of the inference runtime.
//
// Every kernel here is compiled with __attribute__((target("avx2,fma,f16c"))) so that the rest
// of the binary stays baseline x86-64; Swift calls them only after cik_cpu_has_avx2_fma()
// returned 1, and uses its portable Swift SIMD kernels otherwise (and on every other
// architecture, where this header declares nothing but the feature check).
//
// Layouts shared with the Swift side:
// - Packed GEMM operand B: panels of CIK_GEMM_NR columns; panel j holds, for every k in 0..<K,
//   the NR values B[k, j*NR ..< j*NR+NR] (zero-padded past N), so one panel is K*NR floats.
// - GGML blocks (32 values each): Q8_0 {fp16 d; int8 q[32]}, Q4_0 {fp16 d; uint8 q[16]},
//   Q4_1 {fp16 d; fp16 m; uint8 q[16]}; activations for Q4_1 weights are Q8_1
//   {fp16 d; fp16 s = d * sum(q); int8 q[32]}.
#ifndef CINFERENCEKERNELS_H
#define CINFERENCEKERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Rows of the GEMM micro-tile.
#define CIK_GEMM_MR 6
/// Columns of the GEMM micro-tile, and the width of a packed B panel.
#define CIK_GEMM_NR 16
/// Depth of one cache block of the GEMM (K is walked in blocks of this size).
#define CIK_GEMM_KC 256
/// Rows of A a block of B is multiplied with at a time (a multiple of CIK_GEMM_MR).
#define CIK_GEMM_MC 192

/// 1 when this CPU and OS support AVX2, FMA and F16C (and the kernels below may be called).
int cik_cpu_has_avx2_fma(void);

/// Hints the CPU that the caller is in a spin-wait loop (PAUSE on x86, YIELD on arm64).
void cik_cpu_relax(void);

#if defined(__x86_64__)

/// Floats of workspace one cik_sgemm_avx2 call needs for m rows of depth k (all of A, packed).
size_t cik_sgemm_workspace_floats(size_t m, size_t k);

/// C[m, j] (+)= sum_k A[m, k] * B[k, j] (+ bias[j]) for the columns of panels
/// [panel_begin, panel_end). A is row-major with leading dimension lda; B is packed (see above)
/// for n columns and k rows. When accumulate is 0 C is overwritten, otherwise added to.
/// bias may be NULL. workspace holds cik_sgemm_workspace_floats(m, k) floats, 32-byte aligned,
/// or is NULL to use a buffer kept per calling thread. Returns 0, or -1 (C untouched) when that
/// buffer cannot be allocated.
int cik_sgemm_avx2(size_t m, size_t n, size_t k, const float *a, size_t lda,
                   const float *packed_b, size_t panel_begin, size_t panel_end,
                   float *c, size_t ldc, const float *bias, int accumulate, float *workspace);

/// Packs A (m x k, leading dimension lda) into cik_sgemm_workspace_floats(m, k) floats at
/// packed_a (32-byte aligned), the layout cik_sgemm_prepacked_avx2 reads.
void cik_sgemm_pack_a_avx2(size_t m, size_t k, const float *a, size_t lda, float *packed_a);

/// cik_sgemm_avx2 with A already packed (so threads sharing A pack it once).
void cik_sgemm_prepacked_avx2(size_t m, size_t n, size_t k, const float *packed_a,
                              const float *packed_b, size_t panel_begin, size_t panel_end,
                              float *c, size_t ldc, const float *bias, int accumulate);

/// y[i] = dot(x, w row i) for rows [row_begin, row_end) of a row-major f32 matrix.
void cik_matvec_f32_avx2(size_t k, const float *w, size_t ldw, const float *x,
                         size_t row_begin, size_t row_end, float *y);

/// Converts n floats to fp16 bits (round to nearest even).
void cik_fp32_to_fp16_avx2(const float *x, uint16_t *y, size_t n);

/// y += alpha * x for n fp16 values x.
void cik_axpy_f16_avx2(size_t n, float alpha, const uint16_t *x, float *y);

/// Dot product of k fp16 weights with k f32 values.
float cik_dot_f16_f32_avx2(size_t k, const uint16_t *w, const float *x);

/// Quantizes k values (a multiple of 32) into Q8_0 blocks (34 bytes each).
void cik_quantize_q8_0_avx2(const float *x, void *blocks, size_t k);

/// Quantizes k values (a multiple of 32) into Q8_1 blocks (36 bytes each).
void cik_quantize_q8_1_avx2(const float *x, void *blocks, size_t k);

/// Dot product of k Q8_0 weights with k Q8_0-quantized activations.
float cik_dot_q8_0_q8_0_avx2(size_t k, const void *w, const void *x);

/// Dot product of k Q4_0 weights with k Q8_0-quantized activations.
float cik_dot_q4_0_q8_0_avx2(size_t k, const void *w, const void *x);

/// Dot product of k Q4_1 weights with k Q8_1-quantized activations.
float cik_dot_q4_1_q8_1_avx2(size_t k, const void *w, const void *x);

/// x = GELU(x) in place, erf form: 0.5 x (1 + erf(x / sqrt 2)).
void cik_gelu_erf_avx2(float *x, size_t n);

/// x = SiLU(x) = x / (1 + exp(-x)) in place.
void cik_silu_avx2(float *x, size_t n);

/// gate = SiLU(gate) * up, element-wise (the SwiGLU of Llama's feed-forward).
void cik_swiglu_avx2(float *gate, const float *up, size_t n);

/// x = exp(x) in place.
void cik_exp_avx2(float *x, size_t n);

/// x = softmax(x) in place (max-subtracted); a row of only -infinity becomes all zeros.
void cik_softmax_avx2(float *x, size_t n);

/// Dot product of two f32 vectors.
float cik_dot_f32_avx2(size_t n, const float *a, const float *b);

/// y += alpha * x.
void cik_axpy_avx2(size_t n, float alpha, const float *x, float *y);

/// Block-quantized weight formats the matrix kernels below accept.
typedef enum {
    CIK_WEIGHT_Q8_0 = 0,
    CIK_WEIGHT_Q4_0 = 1,
    CIK_WEIGHT_Q4_1 = 2,
    /// {fp16 d; uint32 qh; uint8 qs[16]}, with Q8_0 activations.
    CIK_WEIGHT_Q5_0 = 3,
    /// {fp16 d; fp16 m; uint32 qh; uint8 qs[16]}, with Q8_1 activations.
    CIK_WEIGHT_Q5_1 = 4,
} cik_weight_format;

/// y[t, i] = dot(w row i, activation row t) for weight rows [row_begin, row_end) and tokens
/// 0..<tokens. w rows are w_row_bytes apart, activation rows x_row_bytes apart (quantized with
/// the format's activation type), y rows ldy floats apart.
void cik_matmul_quantized_avx2(cik_weight_format format, size_t k, const void *w,
                               size_t w_row_bytes, const void *x, size_t x_row_bytes,
                               size_t tokens, size_t row_begin, size_t row_end,
                               float *y, size_t ldy);

/// GGML formats cik_dequantize_avx2 reads.
typedef enum {
    CIK_DEQUANTIZE_Q5_0 = 0,
    CIK_DEQUANTIZE_Q5_1 = 1,
    CIK_DEQUANTIZE_Q4_K = 2,
    CIK_DEQUANTIZE_Q5_K = 3,
    CIK_DEQUANTIZE_Q6_K = 4,
} cik_dequantize_format;

/// Writes the count values stored in GGML blocks of `format` at `blocks` to y (bit-identical
/// to the portable dequantizer). Returns 0, or -1 when count is not a whole number of blocks
/// (32 values for Q5_0/Q5_1, 256 for the k-quants); y is then untouched.
int cik_dequantize_avx2(cik_dequantize_format format, const void *blocks, size_t count, float *y);

#endif

#ifdef __cplusplus
}
#endif

#endif
