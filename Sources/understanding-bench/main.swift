// Measures the rule-based analyzer: microseconds per message over the evaluation messages.
//
//     swift run -c release understanding-bench [path/to/eval.jsonl] [passes]
//
// Prints the mean, median and 99th percentile time per message, messages per second on one
// core, the mean of each message's best time over the passes (robust when other processes
// share the cores), and the mean time by message length. Run it in release mode; debug
// builds are many times slower.
import Foundation
import JSONSchema
import Understanding

let arguments = CommandLine.arguments
let path = arguments.count > 1 ? arguments[1] : "Tests/UnderstandingTests/Fixtures/eval.jsonl"
let passes = arguments.count > 2 ? Int(arguments[2]) ?? 50 : 50

guard let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("understanding-bench: cannot read \(path)\n".utf8))
    exit(1)
}
var texts: [String] = []
for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
    if let text = (try? JSONValue.parse(String(line)))?["text"]?.stringValue { texts.append(text) }
}
guard !texts.isEmpty else {
    FileHandle.standardError.write(Data("understanding-bench: no {\"text\": …} lines in \(path)\n".utf8))
    exit(1)
}

let analyzer = RuleBasedAnalyzer()
let context = AnalysisContext(referenceDay: try CalendarDay(iso: "2026-11-20"))
var sink = 0
for text in texts { sink &+= try analyzer.analysis(of: text, context: context).entities.count }  // warm-up

let lengths = texts.map { $0.unicodeScalars.count }
let clock = ContinuousClock()
var perMessage: [Double] = []
perMessage.reserveCapacity(texts.count * passes)
var byLength: [Int: (total: Double, count: Int)] = [:]
var best = [Double](repeating: .infinity, count: texts.count)
let started = clock.now
for _ in 0..<passes {
    for (index, (text, length)) in zip(texts, lengths).enumerated() {
        let start = clock.now
        sink &+= try analyzer.analysis(of: text, context: context).entities.count
        let elapsed = start.duration(to: clock.now)
        let micros = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
        perMessage.append(micros)
        best[index] = min(best[index], micros)
        let bucket = min(length / 40, 4)
        byLength[bucket, default: (0, 0)].total += micros
        byLength[bucket, default: (0, 0)].count += 1
    }
}
let wall = started.duration(to: clock.now)
let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
perMessage.sort()
func format(_ x: Double) -> String { String(format: "%.1f", x) }
let mean = perMessage.reduce(0, +) / Double(perMessage.count)
print("understanding-bench: \(texts.count) messages x \(passes) passes, one thread")
print("  per message: mean \(format(mean)) µs, p50 \(format(perMessage[perMessage.count / 2])) µs, p99 \(format(perMessage[perMessage.count * 99 / 100])) µs")
print("  best of \(passes) per message, averaged: \(format(best.reduce(0, +) / Double(best.count))) µs")
print("  throughput: \(Int(Double(perMessage.count) / wallSeconds)) messages/s")
for bucket in byLength.keys.sorted() {
    let (total, count) = byLength[bucket]!
    let label = bucket == 4 ? "160+" : "\(bucket * 40)-\(bucket * 40 + 39)"
    print("  \(label) scalars: mean \(format(total / Double(count))) µs (\(count / passes) messages)")
}
if sink == -1 { print(sink) }
