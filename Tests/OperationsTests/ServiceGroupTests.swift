import Foundation
import Logging
import Synchronization
import Testing
@testable import Lifecycle
@testable import StatusServer

/// A service that runs until asked to stop, recording the order of events.
final class RecordingService: Service {
    let name: String
    let journal: Journal
    let stopped = Completion()
    let failure: (any Error)?

    init(_ name: String, journal: Journal, failing failure: (any Error)? = nil) {
        self.name = name
        self.journal = journal
        self.failure = failure
    }

    func run() async throws {
        journal.append("\(name) started")
        if let failure { throw failure }
        await stopped.wait()
        journal.append("\(name) stopped")
    }

    func triggerGracefulShutdown() {
        journal.append("\(name) asked to stop")
        stopped.signal()
    }
}

final class Journal: Sendable {
    private let entries = Mutex<[String]>([])
    func append(_ entry: String) { entries.withLock { $0.append(entry) } }
    var all: [String] { entries.withLock { $0 } }
}

struct Boom: Error {}

@Suite struct ServiceGroupTests {
    @Test func shutsServicesDownInReverseOrderOneAtATime() async throws {
        let journal = Journal()
        let services = ["database", "producer", "consumer"].map { RecordingService($0, journal: journal) }
        let group = ServiceGroup(services: services, logger: .disabled, handleSignals: false)
        async let running: Void = group.run()
        while journal.all.filter({ $0.hasSuffix("started") }).count < 3 { try await Task.sleep(for: .milliseconds(5)) }
        group.triggerGracefulShutdown()
        try await running
        let shutdown = journal.all.filter { !$0.hasSuffix("started") }
        #expect(
            shutdown == [
                "consumer asked to stop", "consumer stopped", "producer asked to stop", "producer stopped",
                "database asked to stop", "database stopped",
            ])
    }

    @Test func aFailingServiceBringsTheOthersDownAndItsErrorIsRethrown() async {
        let journal = Journal()
        let services = [RecordingService("database", journal: journal), RecordingService("consumer", journal: journal, failing: Boom())]
        let group = ServiceGroup(services: services, logger: .disabled, handleSignals: false)
        await #expect(throws: Boom.self) { try await group.run() }
        #expect(journal.all.contains("database stopped"))
    }
}

@Suite struct StatusServerTests {
    @Test func servesRoutesAnd404() async throws {
        let server = StatusServer(host: "127.0.0.1", port: 0, logger: .disabled) { path in
            path == "/healthz" ? .init(status: 200, body: "ok\n") : nil
        }
        try server.start()
        defer { server.stop() }
        let ok = try #require(httpGet(port: server.port, path: "/healthz"))
        #expect(ok.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(ok.hasSuffix("\r\n\r\nok\n"))
        #expect(try #require(httpGet(port: server.port, path: "/nope")).hasPrefix("HTTP/1.1 404"))
    }
}

/// A raw HTTP GET over a socket (FoundationNetworking is not a dependency).
func httpGet(port: UInt16, path: String) -> String? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return nil }
    let request = Array("GET \(path) HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
    _ = request.withUnsafeBytes { send(fd, $0.baseAddress!, $0.count, 0) }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
        if n <= 0 { break }
        response += buffer[..<n]
    }
    return String(decoding: response, as: UTF8.self)
}

/// A service whose shutdown never finishes by itself; it only stops when its task is cancelled.
final class StuckService: Service {
    let name = "stuck"
    let started = Completion()

    func run() async throws {
        started.signal()
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
    }

    func triggerGracefulShutdown() {}
}

@Suite struct ServiceGroupTimeoutTests {
    @Test func aServiceStuckInItsShutdownIsCancelledAfterTheTimeout() async throws {
        let journal = Journal()
        let stuck = StuckService()
        let other = RecordingService("database", journal: journal)
        let group = ServiceGroup(
            services: [other, stuck], logger: .disabled, handleSignals: false, gracefulShutdownTimeout: .milliseconds(300))
        async let running: Void = group.run()
        await stuck.started.wait()
        group.triggerGracefulShutdown()
        try await running
        #expect(journal.all.contains("database stopped"), "the services after the stuck one still shut down in order")
    }

    @Test func withoutATimeoutTheGroupEndsAsSoonAsEveryServiceEnded() async throws {
        let journal = Journal()
        let group = ServiceGroup(
            services: [RecordingService("a", journal: journal)], logger: .disabled, handleSignals: false,
            gracefulShutdownTimeout: .seconds(3600))
        async let running: Void = group.run()
        while journal.all.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        group.triggerGracefulShutdown()
        try await running  // returns without waiting for the hour
        #expect(journal.all == ["a started", "a asked to stop", "a stopped"])
    }
}
