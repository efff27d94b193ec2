import SupportTools
import SupportDatabase
import SupportPipeline
import Foundation
import JSONSchema

/// Streams JSON Lines from standard input (or the files named) through `process`, writing one
/// output line per non-blank input line, in order. A line that fails is reported on its own
/// output line by `process`; the rest go on.
enum JSONLinesRunner {
    struct Summary {
        var processed = 0
        var failed = 0
    }

    /// - Parameters:
    ///   - concurrency: lines processed at once (their outputs still come in input order), so
    ///     an analyzer backed by a pooled model batches them.
    ///   - process: the output line for one input line (its bytes, without the line break),
    ///     and whether it is an error; nil to skip the line.
    static func run(
        inputs: [String], concurrency: Int = 1, process: @escaping @Sendable ([UInt8]) async -> (line: String, failed: Bool)?
    ) async throws -> Summary {
        var summary = Summary()
        let handles: [FileHandle]
        if inputs.isEmpty || inputs == ["-"] {
            handles = [FileHandle.standardInput]
        } else {
            handles = try inputs.map { path in
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    throw UsageError("cannot read input file \(path)")
                }
                return handle
            }
        }
        let output = FileHandle.standardOutput
        let width = max(1, concurrency)
        for handle in handles {
            var pending: [UInt8] = []
            func drain(final: Bool) async throws {
                var lines: [[UInt8]] = []
                var start = 0
                while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                    lines.append(Self.cleaned(pending[start..<newline]))
                    start = newline + 1
                }
                pending.removeSubrange(..<start)
                if final && !pending.isEmpty {
                    lines.append(Self.cleaned(pending[...]))
                    pending = []
                }
                lines.removeAll { $0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
                var out = Data()
                var index = 0
                while index < lines.count {
                    let window = Array(lines[index..<min(index + width, lines.count)])
                    index += window.count
                    let results = await withTaskGroup(of: (Int, (line: String, failed: Bool)?).self) { group in
                        for (position, line) in window.enumerated() {
                            group.addTask { (position, await process(line)) }
                        }
                        var results = [(line: String, failed: Bool)?](repeating: nil, count: window.count)
                        for await (position, result) in group { results[position] = result }
                        return results
                    }
                    for case let result? in results {
                        summary.processed += 1
                        if result.failed { summary.failed += 1 }
                        out.append(contentsOf: result.line.utf8)
                        out.append(UInt8(ascii: "\n"))
                    }
                }
                if !out.isEmpty { try output.write(contentsOf: out) }
            }
            while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                pending.append(contentsOf: chunk)
                try await drain(final: false)
            }
            try await drain(final: true)
        }
        return summary
    }

    /// A line without its carriage return.
    private static func cleaned(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        Array(bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes)
    }

    static func exitCode(_ summary: Summary, command: String) -> Int32 {
        if summary.failed > 0 {
            printError("\(command): \(summary.failed) of \(summary.processed) lines were errors (reported in the output)")
            return ExitCode.failure
        }
        return ExitCode.success
    }
}

/// The output line is an error line (`{"…", "error": …}`).
func isErrorLine(_ line: String) -> Bool {
    guard let value = try? JSONValue.parse(line) else { return true }
    return value["error"] != nil
}

/// The text of an input line, or an error line when it is not UTF-8.
func utf8Line(_ bytes: [UInt8], idKey: String) -> Result<String, ErrorLine> {
    if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
    let id = InboundIDScanner.bestEffortID(bytes, key: idKey)
    return .failure(ErrorLine(line: JSONValue.object([idKey: id, "error": "line is not valid UTF-8"]).serialized()))
}

struct ErrorLine: Error {
    let line: String
}

/// Reads an id field from a line that is not valid UTF-8 (the id itself may be intact).
enum InboundIDScanner {
    static func bestEffortID(_ bytes: [UInt8], key: String) -> JSONValue {
        let cleaned = String(decoding: bytes, as: UTF8.self)
        guard let value = try? JSONValue.parse(cleaned) else { return .null }
        return value[key] ?? .null
    }
}
