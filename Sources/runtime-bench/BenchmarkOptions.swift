import InferenceRuntime

/// The command line of `runtime-bench`.
struct BenchmarkOptions {
    /// Which parts to measure: `matmul`, `encoder`, `decoder` (and `pool`, the thread pool's
    /// own overhead, only when asked for).
    var parts = ["matmul", "encoder", "decoder"]
    /// Thread counts to measure each part at.
    var threadCounts = [1, 2]
    /// The kernel backend.
    var backend: KernelBackend = .best
    /// The folder holding the fetched checkpoints (scripts/fetch-models.sh).
    var modelsDirectory = "models"
    /// Restricts matmul and encoder figures to these workloads (`MxKxN`, `seqS_batchB`).
    var workloads: Set<String>?
    /// The clock (`wall`, or `cpu` for process CPU time on a busy machine).
    var clock = Stopwatch.Clock.wall
    /// Internal: run one part at one thread count in this process (`part:threads`).
    var child: (part: String, threads: Int)?

    static let usage = """
        usage: runtime-bench [--parts matmul,encoder,decoder,pool] [--threads 1,2] \
        [--backend avx2-fma|swift-simd] [--models DIR] [--workloads MxKxN,seqS_batchB,...] [--clock wall|cpu]
        Prints one JSON line per figure (the median of its samples), with the fields and names of
        scripts/reference/peer_bench.py. Each part and thread count runs in its own process, so
        its peak_rss_mib (VmHWM) is its own.
        """

    /// The engine name printed with each figure.
    var engine: String { backend == .best ? "swift-runtime" : "swift-runtime-\(backend)" }

    /// Parses `arguments` (without the program name).
    init(arguments: [String]) throws {
        var remaining = arguments[...]
        func value(for flag: String) throws -> String {
            guard let next = remaining.popFirst() else {
                throw BenchmarkError("\(flag) needs a value\n\(Self.usage)")
            }
            return next
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--parts":
                parts = try value(for: argument).split(separator: ",").map(String.init)
                let unknown = Set(parts).subtracting(["matmul", "encoder", "decoder", "pool"])
                guard unknown.isEmpty else {
                    throw BenchmarkError("unknown part \(unknown.sorted())\n\(Self.usage)")
                }
            case "--threads":
                threadCounts = try value(for: argument).split(separator: ",").map {
                    guard let count = Int($0), count >= 1 else {
                        throw BenchmarkError("--threads takes positive integers, got \($0)")
                    }
                    return count
                }
            case "--backend":
                let name = try value(for: argument)
                guard let chosen = KernelBackend(rawValue: name), chosen.isSupported else {
                    throw BenchmarkError("backend \(name) is unknown or not supported on this CPU")
                }
                backend = chosen
            case "--models":
                modelsDirectory = try value(for: argument)
            case "--workloads":
                workloads = Set(try value(for: argument).split(separator: ",").map(String.init))
            case "--clock":
                let name = try value(for: argument)
                guard let chosen = Stopwatch.Clock(rawValue: name) else {
                    throw BenchmarkError("--clock takes wall or cpu, got \(name)")
                }
                clock = chosen
            case "--child":
                let spec = try value(for: argument).split(separator: ":")
                guard spec.count == 2, let threads = Int(spec[1]) else {
                    throw BenchmarkError("--child takes part:threads")
                }
                child = (String(spec[0]), threads)
            case "--help", "-h":
                throw BenchmarkError(Self.usage)
            default:
                throw BenchmarkError("unknown argument \(argument)\n\(Self.usage)")
            }
        }
    }
}
