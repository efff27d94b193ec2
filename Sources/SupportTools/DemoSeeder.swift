import Postgres
import SupportPipeline

/// Loads the demo customers, products and orders (`demo/seed.sql`).
public enum DemoSeeder {
    public static func seed(_ pool: PostgresPool) async throws {
        guard let sql = EmbeddedDemoData.files["seed.sql"] else {
            throw StoreError(code: "missing_demo_data", message: "demo/seed.sql is not embedded; run scripts/embed-resources.py")
        }
        try await pool.executeScript(sql)
    }
}
