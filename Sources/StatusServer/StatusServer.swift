import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal HTTP/1.1 server for operations endpoints (`/healthz`, `/readyz`, `/metrics`).
///
/// It serves one short request per connection on a dedicated thread (probes and scrapes are
/// rare), never on the cooperative pool, and answers only GET.
public final class StatusServer: Sendable {
    /// A response to a GET.
    public struct Response: Sendable {
        public var status: Int
        public var contentType: String
        public var body: String

        public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: String) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }
    }

    /// Answers a path; nil gives 404.
    public typealias Route = @Sendable (_ path: String) -> Response?

    private let host: String
    private let requestedPort: UInt16
    private let route: Route
    private let logger: Logger
    private let socket = Mutex<Int32>(-1)
    private let stopped = Mutex(false)
    private let boundPort = Mutex<UInt16>(0)

    /// - Parameters:
    ///   - host: address to listen on (`0.0.0.0`, `127.0.0.1`).
    ///   - port: TCP port; 0 picks a free one (see `port` after `start`).
    public init(host: String, port: UInt16, logger: Logger, route: @escaping Route) {
        self.host = host
        self.requestedPort = port
        self.route = route
        self.logger = logger
    }

    /// The port listened on, once started.
    public var port: UInt16 { boundPort.withLock { $0 } }

    /// Binds and starts serving on a background thread.
    public func start() throws(StatusServerError) {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StatusServerError("cannot create a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = requestedPort.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(fd)
            throw StatusServerError("\(host) is not an IPv4 address")
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw StatusServerError("cannot listen on \(host):\(requestedPort): \(reason)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        boundPort.withLock { $0 = UInt16(bigEndian: actual.sin_port) }
        socket.withLock { $0 = fd }
        let thread = Thread { [self] in serve(fd) }
        thread.name = "status-http"
        thread.start()
        logger.info("status endpoint listening", ["address": .string("\(host):\(port)")])
    }

    /// Stops accepting connections.
    public func stop() {
        stopped.withLock { $0 = true }
        let fd = socket.withLock { fd in
            defer { fd = -1 }
            return fd
        }
        if fd >= 0 {
            shutdown(fd, Int32(SHUT_RDWR))
            close(fd)
        }
    }

    private func serve(_ listener: Int32) {
        while !stopped.withLock({ $0 }) {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return  // closed by stop()
            }
            handle(client)
            close(client)
        }
    }

    private func handle(_ client: Int32) {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        var received = 0
        while received < buffer.count {
            let n = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress! + received, $0.count - received, 0) }
            if n <= 0 { break }
            received += n
            if buffer[..<received].contains(UInt8(ascii: "\n")) { break }
        }
        let requestLine = String(decoding: buffer[..<received], as: UTF8.self).split(separator: "\r\n").first ?? ""
        let parts = requestLine.split(separator: " ")
        let response: Response
        if parts.count >= 2, parts[0] == "GET" {
            let path = String(parts[1].split(separator: "?").first ?? "/")
            response = route(path) ?? Response(status: 404, body: "not found\n")
        } else {
            response = Response(status: 405, body: "only GET is served\n")
        }
        let body = Array(response.body.utf8)
        let reason = [200: "OK", 404: "Not Found", 405: "Method Not Allowed", 503: "Service Unavailable"][response.status] ?? "Status"
        let head = "HTTP/1.1 \(response.status) \(reason)\r\nContent-Type: \(response.contentType)\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + body
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { send(client, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
        }
    }
}

/// The status endpoint could not start.
public struct StatusServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
