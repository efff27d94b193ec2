import SupportTools
import SupportDatabase
import SupportPipeline
import CommandLineOptions
import Foundation
import Logging
import Postgres
import Worker

/// `migrate`: applies the database schema migrations.
enum MigrateCommand: Subcommand {
    static let spec = CommandSpec(
        name: "migrate",
        summary: "Apply the database schema migrations (Schemas/migrations/), once each.",
        options: [WorkerOptions.database, WorkerOptions.logLevel])

    static func run(_ options: ParsedOptions, environment: [String: String]) async throws -> Int32 {
        let logger = try WorkerOptions.logger(options, label: "migrate")
        let pool = try PostgresPool(configuration: PostgresConfiguration(url: try options.required("database-url")), logger: logger)
        defer { Task { await pool.close() } }
        let applied = try await DatabaseMigrator(logger: logger).migrate(pool)
        await pool.close()
        print(applied.isEmpty ? "database is up to date" : "applied: \(applied.joined(separator: ", "))")
        return ExitCode.success
    }
}

/// `seed-demo`: loads the demo customers, products and orders.
enum SeedDemoCommand: Subcommand {
    static let spec = CommandSpec(
        name: "seed-demo",
        summary: "Load the demo customers, products and orders (replaces earlier demo rows).",
        options: [WorkerOptions.database, WorkerOptions.logLevel])

    static func run(_ options: ParsedOptions, environment: [String: String]) async throws -> Int32 {
        let logger = try WorkerOptions.logger(options, label: "seed-demo")
        let pool = try PostgresPool(configuration: PostgresConfiguration(url: try options.required("database-url")), logger: logger)
        try await DatabaseMigrator(logger: logger).migrate(pool)
        try await DemoSeeder.seed(pool)
        await pool.close()
        print("demo data loaded: 5 customers, 11 products, 15 orders")
        return ExitCode.success
    }
}
