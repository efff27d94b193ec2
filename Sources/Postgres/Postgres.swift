// Module Postgres: see README.md for its place in the architecture.
import CLibPQ

/// Facts about the PostgreSQL client library this module wraps.
///
/// The module is a thin layer over libpq: ``PostgresPool`` hands out ``PostgresConnection``s,
/// each owning one libpq connection whose blocking calls run on a serial queue of its own,
/// never on the cooperative thread pool. Parameters are always bound (``PostgresValue``), rows
/// are decoded by column name or index (``PostgresRow``), and every failure is a
/// ``PostgresError`` with a stable code.
public enum Postgres {
    /// The version of the libpq library linked at run time, e.g. `"15.18"`.
    public static var libpqVersion: String {
        formatVersion(Int(PQlibVersion()))
    }

    /// Formats a libpq/server version number (`150018` → `"15.18"`, `90624` → `"9.6.24"`).
    static func formatVersion(_ number: Int) -> String {
        if number >= 100_000 {
            return "\(number / 10_000).\(number % 10_000)"
        }
        return "\(number / 10_000).\(number / 100 % 100).\(number % 100)"
    }
}
