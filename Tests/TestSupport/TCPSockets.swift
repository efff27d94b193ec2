import Foundation

/// The kernel's view of this machine's TCP sockets (Linux `/proc/net/tcp`), so a test can wait
/// for a network event itself instead of sleeping for a while and hoping it happened.
public enum TCPSockets {
    /// `ESTABLISHED` in `/proc/net/tcp`.
    static let established = "01"

    /// Whether a socket whose local port is `localPort` is still established: false once the
    /// peer's FIN arrived (the socket waits to be closed) or the socket was closed here.
    public static func isEstablished(localPort: Int) -> Bool {
        let port = String(format: "%04X", localPort)
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count > 3, fields[1].hasSuffix(":" + port) else { continue }
                if fields[3] == established { return true }
            }
        }
        return false
    }
}
