import Dispatch
import Foundation
import Logging
import Synchronization

/// Runs services together and shuts them down in order.
///
/// On SIGTERM or SIGINT (or when any service ends or fails), services are asked to shut down
/// one at a time in reverse order of the list — the intake first, the things it depends on
/// last — and each is awaited before the next is asked. A second signal exits the process at
/// once with status 130. When the orderly shutdown takes longer than
/// `gracefulShutdownTimeout`, every service still running is cancelled (its task), so a service
/// stuck in its shutdown cannot keep the process alive.
public final class ServiceGroup: Sendable {
    private let services: [any Service]
    private let logger: Logger
    private let handleSignals: Bool
    private let gracefulShutdownTimeout: Duration?
    private let shutdownRequested = Mutex(false)
    private let shutdownStream: AsyncStream<Void>
    private let shutdownInput: AsyncStream<Void>.Continuation

    /// - Parameters:
    ///   - services: in dependency order: a service may depend on those before it.
    ///   - handleSignals: install SIGTERM/SIGINT handlers (off in tests).
    ///   - gracefulShutdownTimeout: how long the orderly shutdown may take before the services
    ///     still running are cancelled; nil waits for them however long they take.
    public init(
        services: [any Service], logger: Logger, handleSignals: Bool = true, gracefulShutdownTimeout: Duration? = nil
    ) {
        self.services = services
        self.logger = logger
        self.handleSignals = handleSignals
        self.gracefulShutdownTimeout = gracefulShutdownTimeout
        (shutdownStream, shutdownInput) = AsyncStream.makeStream(of: Void.self)
    }

    /// Asks the group to shut down, as a signal would.
    public func triggerGracefulShutdown() {
        let first = shutdownRequested.withLock { requested in
            defer { requested = true }
            return !requested
        }
        if first { shutdownInput.yield() }
    }

    /// Runs every service until all have ended. Rethrows the first failure, after the orderly
    /// shutdown of the others.
    public func run() async throws {
        let signalSources = handleSignals ? installSignalHandlers() : []
        defer { signalSources.forEach { $0.cancel() } }

        let completions = services.map { _ in Completion() }
        let firstFailure = FirstFailure()
        let shutdownStarted = Completion()
        await withTaskGroup(of: GroupEvent.self) { group in
            for (service, completion) in zip(services, completions) {
                group.addTask {
                    do {
                        try await service.run()
                        self.logger.info("service ended", ["service": .string(service.name)])
                    } catch {
                        self.logger.error(
                            "service failed", ["service": .string(service.name), "error": .string("\(error)")])
                        firstFailure.record(error)
                    }
                    completion.signal()
                    // Any service ending brings the others down.
                    self.triggerGracefulShutdown()
                    return .serviceEnded
                }
            }
            group.addTask {
                for await _ in self.shutdownStream { break }
                shutdownStarted.signal()
                self.logger.notice("shutting down", ["services": .integer(self.services.count)])
                for (service, completion) in zip(self.services, completions).reversed() {
                    service.triggerGracefulShutdown()
                    await completion.wait()
                }
                return .shutdownFinished
            }
            if let timeout = gracefulShutdownTimeout {
                group.addTask {
                    await shutdownStarted.wait()
                    // Cancelled (and so returning early) once everything has ended.
                    try? await Task.sleep(for: timeout)
                    return Task.isCancelled ? .shutdownFinished : .shutdownTimedOut
                }
            }
            var running = services.count
            while let event = await group.next() {
                switch event {
                case .serviceEnded:
                    running -= 1
                    if running == 0 { group.cancelAll() }  // ends the timer
                case .shutdownFinished:
                    break
                case .shutdownTimedOut:
                    logger.warning(
                        "graceful shutdown timed out; cancelling the services still running",
                        ["running": .integer(running)])
                    group.cancelAll()
                }
            }
        }
        shutdownInput.finish()
        if let error = firstFailure.error { throw error }
    }

    private func installSignalHandlers() -> [any DispatchSourceSignal] {
        let signals: [Int32] = [SIGTERM, SIGINT]
        return signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            let count = Mutex(0)
            source.setEventHandler { [self] in
                let n = count.withLock { c in
                    c += 1
                    return c
                }
                if n == 1 {
                    logger.notice("signal received; finishing in-flight work", ["signal": .integer(number)])
                    triggerGracefulShutdown()
                } else {
                    logger.warning("second signal; exiting now", ["signal": .integer(number)])
                    exit(130)
                }
            }
            source.resume()
            return source
        }
    }
}

/// What the tasks of a running group report.
enum GroupEvent: Sendable {
    case serviceEnded
    case shutdownFinished
    case shutdownTimedOut
}

/// A one-shot event: `wait` returns once `signal` was called (before or after).
final class Completion: Sendable {
    private let state = Mutex<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func signal() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.done = true
            defer { s.waiters = [] }
            return s.waiters
        }
        waiters.forEach { $0.resume() }
    }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { s -> Bool in
                if s.done { return true }
                s.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}

/// The first error of any service.
final class FirstFailure: Sendable {
    private let storage = Mutex<(any Error)?>(nil)

    func record(_ error: any Error) {
        storage.withLock { if $0 == nil { $0 = error } }
    }

    var error: (any Error)? { storage.withLock { $0 } }
}
