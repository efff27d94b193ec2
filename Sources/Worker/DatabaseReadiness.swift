import Lifecycle
import Postgres
import Synchronization

/// Checks every few seconds that the database answers, for `/readyz`.
final class DatabaseReadiness: Service {
    let name = "readiness"
    let pool: PostgresPool
    private let state = Mutex((ready: false, stopped: false))

    init(pool: PostgresPool) {
        self.pool = pool
    }

    var isReady: Bool { state.withLock { $0.ready && !$0.stopped } }

    func run() async throws {
        while !state.withLock({ $0.stopped }) && !Task.isCancelled {
            let ok = (try? await pool.query("SELECT 1")) != nil
            state.withLock { $0.ready = ok }
            for _ in 0..<20 where !state.withLock({ $0.stopped }) && !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    func triggerGracefulShutdown() {
        state.withLock { $0.stopped = true }
    }
}
