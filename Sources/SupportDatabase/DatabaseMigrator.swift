import SupportPipeline
import Foundation
import Logging
import Postgres

/// Applies the SQL migrations embedded from `Schemas/migrations/` in order, once each.
///
/// Runs under an advisory lock, so workers starting together do not race; each migration and
/// its bookkeeping row commit together; a migration changed after it was applied is refused.
public struct DatabaseMigrator: Sendable {
    /// One migration file.
    public struct Migration: Sendable, Hashable {
        public var version: Int
        public var name: String
        public var sql: String

        /// FNV-1a 64 of the SQL text, to notice edited migrations.
        public var checksum: String {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in sql.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01B3
            }
            return String(hash, radix: 16)
        }
    }

    public let migrations: [Migration]
    let logger: Logger
    static let lockKey: Int64 = 0x5355_5050_4F52_5431  // "SUPPORT1"

    /// The embedded migrations, ordered by their numeric prefix (`0001_initial.sql`).
    public init(logger: Logger, files: [String: String] = EmbeddedMigrations.files) throws {
        var migrations: [Migration] = []
        for (file, sql) in files {
            guard file.hasSuffix(".sql"), let version = Int(file.prefix { $0.isNumber }), version > 0 else {
                throw StoreError(code: "bad_migration_name", message: "migration \(file) must be named NNNN_name.sql")
            }
            migrations.append(Migration(version: version, name: file, sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (a, b) in zip(migrations, migrations.dropFirst()) where a.version == b.version {
            throw StoreError(code: "duplicate_migration", message: "\(a.name) and \(b.name) have the same number")
        }
        self.migrations = migrations
        self.logger = logger
    }

    /// Applies what is missing; returns the names applied now.
    @discardableResult
    public func migrate(_ pool: PostgresPool) async throws -> [String] {
        try await pool.withConnection { db in
            try await db.execute("SELECT pg_advisory_lock($1)", [.int64(Self.lockKey)])
            do {
                let applied = try await apply(db)
                try await db.execute("SELECT pg_advisory_unlock($1)", [.int64(Self.lockKey)])
                return applied
            } catch {
                _ = try? await db.execute("SELECT pg_advisory_unlock($1)", [.int64(Self.lockKey)])
                throw error
            }
        }
    }

    private func apply(_ db: PostgresConnection) async throws -> [String] {
        try await db.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """)
        var done: [Int: String] = [:]
        for row in try await db.query("SELECT version, checksum FROM schema_migrations") {
            done[Int(try row.decode(column: "version", as: Int32.self))] = try row.decode(column: "checksum", as: String.self)
        }
        var applied: [String] = []
        for migration in migrations {
            if let checksum = done[migration.version] {
                guard checksum == migration.checksum else {
                    throw StoreError(
                        code: "migration_changed",
                        message: "migration \(migration.name) was changed after it was applied; add a new migration instead")
                }
                continue
            }
            try await db.withTransaction { tx in
                try await tx.executeScript(migration.sql)
                try await tx.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    [.int32(Int32(migration.version)), .text(migration.name), .text(migration.checksum)])
            }
            logger.info("applied migration", ["migration": .string(migration.name)])
            applied.append(migration.name)
        }
        let unknown = done.keys.filter { v in !migrations.contains { $0.version == v } }
        if !unknown.isEmpty {
            logger.warning(
                "the database has migrations this build does not know (a newer worker ran?)",
                ["versions": .array(unknown.sorted().map { .integer($0) })])
        }
        return applied
    }

    /// Whether every embedded migration is applied (for readiness checks).
    public func isCurrent(_ pool: PostgresPool) async throws -> Bool {
        let rows = try await pool.query(
            "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'schema_migrations'")
        guard try rows.first?.decode(column: "n", as: Int64.self) == 1 else { return false }
        let versions = Set(
            try await pool.query("SELECT version FROM schema_migrations").map { Int(try $0.decode(column: "version", as: Int32.self)) })
        return migrations.allSatisfy { versions.contains($0.version) }
    }
}
