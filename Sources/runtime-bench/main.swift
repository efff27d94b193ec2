import Foundation
import InferenceRuntime

do {
    let options = try BenchmarkOptions(arguments: Array(CommandLine.arguments.dropFirst()))
    if options.groups.contains("matmul") {
        let shapes = MatmulBenchmark.shapes.filter {
            options.matmulShapes?.contains("\($0.m)x\($0.n)x\($0.k)") ?? true
        }
        for threads in options.threadCounts {
            let benchmark = MatmulBenchmark(repeats: options.repeats, backend: options.backend)
            for figure in benchmark.run(threads: threads, shapes: shapes) { print(figure.jsonLine) }
        }
    }
} catch {
    FileHandle.standardError.write(Data("runtime-bench: \(error)\n".utf8))
    exit(2)
}
