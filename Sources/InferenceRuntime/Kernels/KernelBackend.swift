import CInferenceKernels

/// Which implementation of the numeric kernels runs: the AVX2/FMA kernels of the C target
/// (picked at run time when the CPU has AVX2, FMA and F16C) or the portable Swift SIMD kernels
/// (every other x86-64 CPU, arm64).
public enum KernelBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    /// C kernels with AVX2, FMA and F16C intrinsics (x86-64 only).
    case avx2 = "avx2-fma"
    /// Swift SIMD kernels that compile for any CPU.
    case portable = "swift-simd"

    /// The fastest backend this CPU supports.
    public static let best: KernelBackend = avx2IsSupported ? .avx2 : .portable

    private static let avx2IsSupported: Bool = {
        #if arch(x86_64)
        return cik_cpu_has_avx2_fma() != 0
        #else
        return false
        #endif
    }()

    /// Whether this backend can run on this CPU.
    public var isSupported: Bool {
        switch self {
        case .avx2: Self.avx2IsSupported
        case .portable: true
        }
    }

    /// The backend's name as benchmarks print it.
    public var description: String { rawValue }
}
