// runtime-bench: the inference runtime's figures, side by side with
// scripts/reference/peer_bench.py (same figure names, workloads and JSON fields).
import Foundation
import InferenceRuntime

/// Runs one part at one thread count in this process and prints its figures.
func runChild(_ part: String, threads: Int, options: BenchmarkOptions) throws {
    let models = options.modelsDirectory as NSString
    var figures: [BenchmarkFigure] = []
    switch part {
    case "matmul":
        let shapes = MatmulBenchmark.shapes.filter {
            options.workloads?.contains("\($0.m)x\($0.k)x\($0.n)") ?? true
        }
        figures = MatmulBenchmark(backend: options.backend, engine: options.engine)
            .run(threads: threads, shapes: shapes)
    case "pool":
        figures = PoolBenchmark(engine: options.engine).run(threads: threads)
    case "encoder":
        let directory = models.appendingPathComponent("all-minilm-l6-v2")
        guard FileManager.default.fileExists(atPath: directory + "/model.safetensors") else {
            throw BenchmarkError("no MiniLM under \(directory); run scripts/fetch-models.sh")
        }
        let shapes = EncoderBenchmark.shapes.filter {
            options.workloads?.contains("seq\($0.sequence)_batch\($0.batch)") ?? true
        }
        figures = try EncoderBenchmark(modelDirectory: directory, backend: options.backend, engine: options.engine)
            .run(threads: threads, shapes: shapes)
    default:
        let path = models.appendingPathComponent("smollm2-135m-instruct/SmolLM2-135M-Instruct.Q4_1.gguf")
        guard FileManager.default.fileExists(atPath: path) else {
            throw BenchmarkError("no SmolLM2 GGUF at \(path); run scripts/fetch-models.sh")
        }
        figures = try DecoderBenchmark(modelPath: path, backend: options.backend, engine: options.engine)
            .run(threads: threads)
    }
    for figure in figures { print(figure.jsonLine) }
    if part == "encoder" || part == "decoder" {
        print(BenchmarkFigure(figure: "peak_rss_mib", workload: part, engine: options.engine, threads: threads,
                              samples: [PeakMemory.mebibytes()], unit: "MiB").jsonLine)
    }
}

do {
    let options = try BenchmarkOptions(arguments: Array(CommandLine.arguments.dropFirst()))
    Stopwatch.clock = options.clock
    if let child = options.child {
        try runChild(child.part, threads: child.threads, options: options)
        exit(0)
    }
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).path
    var failed = false
    for part in options.parts {
        for threads in options.threadCounts {
            // Each part and thread count in its own process: its peak memory is its own.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(CommandLine.arguments.dropFirst()) + ["--child", "\(part):\(threads)"]
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 {
                print("{\"error\": \"\(part) at \(threads) threads exited with status \(process.terminationStatus)\"}")
                failed = true
            }
        }
    }
    exit(failed ? 1 : 0)
} catch {
    FileHandle.standardError.write(Data("runtime-bench: \(error)\n".utf8))
    exit(2)
}
