// Measures the Transformer understanding end to end (tokenizer, encoder through the
// InferencePool, heads, merge with the rules) on realistic messages.
//
//     swift run -c release nlu-bench [--model DIR] [--data FILE] [--passes N]
//
// Defaults: the shipped model, the held-out test set (training/data/test/test.source.txt),
// 3 passes. Prints per-message latency with one compute thread and one message at a time
// (p50/p90/p99; the target is p99 ≤ 15 ms), then throughput and latency with
// concurrent messages batched by the pool on every core. Run it in release mode.
import Foundation
import InferenceRuntime
import SupportTools
import TransformerUnderstanding
import Understanding

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("nlu-bench: \(message)\n".utf8))
    exit(2)
}

var modelDirectory: String?
var dataPath = "training/data/test/test.source.txt"
var passes = 3
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--model":
        guard let value = arguments.next() else { fail("--model needs a folder") }
        modelDirectory = value
    case "--data":
        guard let value = arguments.next() else { fail("--data needs a file") }
        dataPath = value
    case "--passes":
        guard let value = arguments.next().flatMap(Int.init), value > 0 else { fail("--passes needs a positive number") }
        passes = value
    case "-h", "--help":
        print("usage: nlu-bench [--model DIR] [--data FILE] [--passes N]")
        exit(0)
    default: fail("unknown argument \(argument)")
    }
}
guard let text = try? String(contentsOfFile: dataPath, encoding: .utf8) else { fail("cannot read \(dataPath)") }
let texts: [String]
do {
    texts = try UnderstandingEvaluation.read(text).map(\.text)
} catch {
    fail("\(dataPath): \(error)")
}
let model: UnderstandingModel
do {
    model = try UnderstandingModel(directory: try modelDirectory ?? UnderstandingModel.defaultDirectory())
} catch {
    fail("\(error)")
}
let context = AnalysisContext(referenceDay: try CalendarDay(iso: "2026-11-20"))
let cores = ProcessInfo.processInfo.activeProcessorCount

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15
}
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}
func analyzer(threads: Int) throws -> (TransformerAnalyzer, InferencePool) {
    let pool = try InferencePool(
        encoders: [UnderstandingEngine.encoderName: model.encoder],
        encoderVariants: [UnderstandingEngine.encoderName: UnderstandingModel.variant],
        configuration: InferencePoolConfiguration(threadCount: threads, maximumBatchSize: 16))
    return (TransformerAnalyzer(model: model, pool: pool, timeout: .seconds(60)), pool)
}

let tokens = texts.map { model.input($0).ids.count }
print("nlu-bench: \(model.name), \(texts.count) messages from \(dataPath) (mean \(tokens.reduce(0, +) / tokens.count) tokens, max \(tokens.max() ?? 0)), \(cores) cores")

// One message at a time, one compute thread.
do {
    let (single, pool) = try analyzer(threads: 1)
    for text in texts.prefix(50) { _ = try await single.analyze(text, context: context) }  // warm-up
    var latencies: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<passes {
        for text in texts {
            let start = clock.now
            _ = try await single.analyze(text, context: context)
            latencies.append(milliseconds(start.duration(to: clock.now)))
        }
    }
    pool.shutDown()
    latencies.sort()
    let mean = latencies.reduce(0, +) / Double(latencies.count)
    print(String(
        format: "one at a time, 1 thread:  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  mean %.2f ms  (%d analyses)",
        percentile(latencies, 0.5), percentile(latencies, 0.9), percentile(latencies, 0.99), mean, latencies.count))
}

// Concurrent messages batched by the pool.
for concurrency in [8, 32] {
    let (batched, pool) = try analyzer(threads: cores)
    let clock = ContinuousClock()
    let all = Array(repeating: texts, count: passes).flatMap { $0 }
    let started = clock.now
    let latencies = try await withThrowingTaskGroup(of: Double.self) { group in
        var next = 0
        var results: [Double] = []
        func submit() {
            let text = all[next]
            next += 1
            group.addTask {
                let start = clock.now
                _ = try await batched.analyze(text, context: context)
                return milliseconds(start.duration(to: clock.now))
            }
        }
        while next < min(concurrency, all.count) { submit() }
        while let latency = try await group.next() {
            results.append(latency)
            if next < all.count { submit() }
        }
        return results.sorted()
    }
    let seconds = milliseconds(started.duration(to: clock.now)) / 1000
    let counters = pool.counters
    pool.shutDown()
    print(String(
        format: "%2d in flight, %d threads: %.0f messages/s  p50 %.1f ms  p99 %.1f ms  mean batch %.1f",
        concurrency, cores, Double(all.count) / seconds, percentile(latencies, 0.5), percentile(latencies, 0.99),
        Double(counters.batchedRequests) / Double(max(1, counters.batches))))
}
