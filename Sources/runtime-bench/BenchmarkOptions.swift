import InferenceRuntime

/// The command line of `runtime-bench`.
struct BenchmarkOptions {
    /// Which groups of figures to measure: `matmul`, `encoder`, `decoder`.
    var groups: Set<String> = ["matmul", "encoder", "decoder"]
    /// Thread counts to measure each figure at.
    var threadCounts: [Int] = [1, 2]
    /// The kernel backend.
    var backend: KernelBackend = .best
    /// Timed repeats per figure (medians are reported).
    var repeats = 5
    /// The folder holding the fetched checkpoints (`scripts/fetch-models.sh`).
    var modelsDirectory = "models"
    /// Restricts matmul to shapes whose `MxNxK` name is listed.
    var matmulShapes: Set<String>? = nil

    static let usage = """
        usage: runtime-bench [--only matmul,encoder,decoder] [--threads 1,2] \
        [--backend avx2-fma|swift-simd] [--repeats N] [--models DIR] [--shapes MxNxK,...]
        Prints one JSON line per figure (median of the repeats) and the peak resident memory.
        """

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
            case "--only":
                groups = Set(try value(for: argument).split(separator: ",").map(String.init))
                let unknown = groups.subtracting(["matmul", "encoder", "decoder"])
                guard unknown.isEmpty else {
                    throw BenchmarkError("unknown figure group \(unknown.sorted())\n\(Self.usage)")
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
            case "--repeats":
                guard let count = Int(try value(for: argument)), count >= 1 else {
                    throw BenchmarkError("--repeats takes a positive integer")
                }
                repeats = count
            case "--models":
                modelsDirectory = try value(for: argument)
            case "--shapes":
                matmulShapes = Set(try value(for: argument).split(separator: ",").map(String.init))
            case "--help", "-h":
                throw BenchmarkError(Self.usage)
            default:
                throw BenchmarkError("unknown argument \(argument)\n\(Self.usage)")
            }
        }
    }
}

/// A bad command line or a missing input, reported with a message.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
