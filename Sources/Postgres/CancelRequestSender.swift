import CLibPQ

/// Owns one `PGcancel`, the key for asking the server to cancel the statement running on a
/// connection; `deinit` frees it.
///
/// `@unchecked Sendable`: libpq documents `PQcancel` as safe to call from any thread, also
/// while the connection itself is in use on another; the `PGcancel` is never modified after
/// `PQgetCancel`.
final class CancelRequestSender: @unchecked Sendable {
    private let handle: OpaquePointer

    /// The cancel key of `connection`, or nil if libpq cannot make one.
    init?(connection: OpaquePointer) {
        guard let handle = PQgetCancel(connection) else { return nil }
        self.handle = handle
    }

    deinit {
        PQfreeCancel(handle)
    }

    /// Sends a cancel request; blocks until the server took it. True if it was sent.
    func send() -> Bool {
        var errorBuffer = [CChar](repeating: 0, count: 256)
        return PQcancel(handle, &errorBuffer, Int32(errorBuffer.count)) == 1
    }
}
