import Foundation

/// Runs kcat, an independent Kafka client built on the command line, if it is installed.
enum Kcat {
    /// kcat's path on `PATH`, or `nil` when it is not installed.
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        for directory in directories {
            let candidate = "\(directory)/kcat"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static var isInstalled: Bool { path != nil }

    struct Failure: Error, CustomStringConvertible {
        var status: Int32
        var standardError: String
        var description: String { "kcat exited with \(status): \(standardError)" }
    }

    /// Runs kcat with `arguments`, feeding `input` on standard input; returns standard output.
    static func run(_ arguments: [String], input: String = "") async throws -> String {
        guard let path else { throw Failure(status: -1, standardError: "kcat is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let exited = AsyncStream<Int32> { continuation in
            process.terminationHandler = { process in
                continuation.yield(process.terminationStatus)
                continuation.finish()
            }
        }
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read before waiting, so a full pipe cannot block kcat.
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        var status: Int32 = -1
        for await code in exited { status = code }
        guard status == 0 else {
            throw Failure(status: status, standardError: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }
}
