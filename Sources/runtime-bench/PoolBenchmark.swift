import Foundation
import InferenceRuntime
import Synchronization

/// The cost of one fork-join region of the compute pool (microseconds per `parallelFor` with
/// empty tasks), and the share of tasks the helper threads took in regions of small
/// compute tasks: what a kernel pays to go parallel.
struct PoolBenchmark {
    var engine: String

    func run(threads: Int) -> [BenchmarkFigure] {
        let pool = ComputeThreadPool(threadCount: threads)
        let empty = Stopwatch.samples(budget: 0.4) {
            for _ in 0..<100 { pool.parallelFor(threads * 4) { _ in } }
        }
        // Tasks of about 5 µs each; count how many ran off the calling thread.
        let caller = pthread_self()
        let offCaller = Atomic<Int>(0)
        let total = Atomic<Int>(0)
        let sink = Atomic<Int>(0)
        let busy = Stopwatch.samples(budget: 0.4) {
            pool.parallelFor(threads * 4) { task in
                var x = task  // a linear congruential walk the optimizer cannot fold away
                for _ in 0..<4000 { x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 }
                sink.wrappingAdd(x, ordering: .relaxed)
                total.wrappingAdd(1, ordering: .relaxed)
                if pthread_equal(pthread_self(), caller) == 0 { offCaller.wrappingAdd(1, ordering: .relaxed) }
            }
        }
        let share = Double(offCaller.load(ordering: .relaxed)) / Double(max(1, total.load(ordering: .relaxed)))
        return [
            BenchmarkFigure(figure: "pool_region_us", workload: "empty\(threads * 4)", engine: engine,
                            threads: threads, samples: empty.map { $0 / 100 * 1e6 }, unit: "µs"),
            BenchmarkFigure(figure: "pool_region_us", workload: "busy\(threads * 4)", engine: engine,
                            threads: threads, samples: busy.map { $0 * 1e6 }, unit: "µs"),
            BenchmarkFigure(figure: "pool_helper_task_share", workload: "busy\(threads * 4)", engine: engine,
                            threads: threads, samples: [share], unit: "fraction"),
        ]
    }
}
