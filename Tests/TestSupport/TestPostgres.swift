import Foundation
import Postgres

/// The PostgreSQL server the tests use (`SUPPORT_TEST_DATABASE_URL`, which scripts/test.sh
/// sets), and databases of their own on it: every suite run creates uniquely named databases
/// and drops only those, so two runs on one machine never touch each other's data.
public enum TestPostgres {
    /// The server URL, or nil when the variable is not set.
    public static let url: String? = {
        let value = ProcessInfo.processInfo.environment["SUPPORT_TEST_DATABASE_URL"] ?? ""
        return value.isEmpty ? nil : value
    }()

    /// Set by scripts/test.sh: a missing server is then a failure, not a skip.
    public static let required = ProcessInfo.processInfo.environment["SUPPORT_REQUIRE_SERVICES"] == "1"

    /// Whether the suites that need PostgreSQL run (when the server is required they run and fail).
    public static var enabled: Bool { url != nil || required }

    /// Why they are skipped otherwise, and how to run them.
    public static let skipReason = """
        PostgreSQL tests are disabled: SUPPORT_TEST_DATABASE_URL is not set. Run \
        `export SUPPORT_TEST_DATABASE_URL="$(scripts/start-postgres.sh)"` or scripts/test.sh.
        """

    /// The server URL, or an error saying how to get one.
    public static func serverURL() throws -> String {
        guard let url else { throw TestServiceError(skipReason) }
        return url
    }

    /// The same server URL with another database.
    public static func url(_ url: String, database: String) -> String {
        let (base, query) = url.firstIndex(of: "?").map { (String(url[..<$0]), String(url[$0...])) } ?? (url, "")
        guard let scheme = base.range(of: "://") else { return url }
        let rest = base[scheme.upperBound...]
        let authority = rest.firstIndex(of: "/").map { rest[..<$0] } ?? rest
        return String(base[..<scheme.upperBound]) + authority + "/" + database + query
    }

    /// A name no other test or test run uses (`prefix_` and 12 random hex digits).
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased())"
    }

    /// Creates a fresh database and returns its URL and name.
    public static func createDatabase(prefix: String) async throws -> (url: String, name: String) {
        let server = try serverURL()
        let name = uniqueName(prefix)
        let admin = try PostgresPool(configuration: PostgresConfiguration(url: server, poolSize: 1))
        defer { Task { await admin.close() } }
        try await admin.executeScript("CREATE DATABASE \(name)")
        return (url(server, database: name), name)
    }

    /// Drops a database created by ``createDatabase(prefix:)``, closing its other sessions.
    public static func dropDatabase(_ name: String) async {
        guard let server = url, let admin = try? PostgresPool(configuration: PostgresConfiguration(url: server, poolSize: 1))
        else { return }
        _ = try? await admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        await admin.close()
    }
}

/// A service the tests need is not there.
public struct TestServiceError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
