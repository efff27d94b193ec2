import Foundation

/// Times a workload the way the peer script does: a few warm-up runs, then runs until both
/// a minimum count and a time budget are reached (at most 200).
enum Stopwatch {
    /// Which clock times the runs.
    enum Clock: String {
        /// Wall-clock time (what a caller waits).
        case wall
        /// CPU time of the whole process: leaves out the time other processes held the cores,
        /// so single-thread figures stay comparable on a busy machine.
        case cpu
    }

    /// The clock in use (set once from the command line, before any timing).
    nonisolated(unsafe) static var clock = Clock.wall

    /// Seconds of each timed run of `body`.
    static func samples(
        budget: Double = 0.6, minimum: Int = 5, warmup: Int = 2, _ body: () throws -> Void
    ) rethrows -> [Double] {
        for _ in 0..<warmup { try body() }
        var samples: [Double] = []
        let start = now()
        while samples.count < minimum || now() - start < budget {
            let t0 = now()
            try body()
            samples.append(now() - t0)
            if samples.count >= 200 { break }
        }
        return samples
    }

    /// Seconds on the chosen clock.
    static func now() -> Double {
        switch clock {
        case .wall:
            return Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        case .cpu:
            var time = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
    }
}
