import Testing

@testable import Postgres

@Suite("Configuration and password redaction")
struct PostgresConfigurationTests {
    @Test("The defaults are the documented ones")
    func defaultsAreDocumented() throws {
        let configuration = PostgresConfiguration(url: "postgresql://support:support@127.0.0.1:5432/support")
        #expect(configuration.poolSize == 4)
        #expect(configuration.statementTimeout == .seconds(5))
        #expect(configuration.connectTimeout == .seconds(5))
        #expect(configuration.acquireTimeout == .seconds(10))
        #expect(configuration.applicationName == "support-worker")
        try configuration.validate()
    }

    @Test("The password never appears in the description")
    func descriptionRedactsPassword() {
        let configuration = PostgresConfiguration(url: "postgresql://support:p%40ss-W0rd@db.internal:5433/support?sslmode=require")
        #expect(configuration.redactedURL == "postgresql://support:***@db.internal:5433/support?sslmode=require")
        #expect(!configuration.description.contains("W0rd"))
        let query = PostgresConfiguration(url: "postgresql://db.internal/support?user=support&password=hunter22&sslmode=disable")
        #expect(query.redactedURL == "postgresql://db.internal/support?user=support&password=***&sslmode=disable")
        let keywords = PostgresConfiguration(url: "host=db.internal password='quoted secret' dbname=support")
        #expect(keywords.redactedURL == "host=db.internal password=*** dbname=support")
    }

    @Test("Any literal occurrence of a password of four or more characters is redacted")
    func literalPasswordIsRedacted() throws {
        let parameters = try ConnectionParameters(parsing: "postgresql://app:s3cr%2Ft@localhost/db")
        #expect(parameters.password == "s3cr/t")
        #expect(parameters.redact("failed for s3cr/t and s3cr%2Ft") == "failed for *** and ***")
    }

    @Test(
        "Invalid settings are refused with invalidConfiguration",
        arguments: [
            PostgresConfiguration(url: "postgresql://a:b@host:notaport/db?unknown_option=1"),
            PostgresConfiguration(url: "postgresql://support:pw@127.0.0.1/support", poolSize: 0),
            PostgresConfiguration(url: "postgresql://support:pw@127.0.0.1/support", connectTimeout: .zero),
            PostgresConfiguration(url: "postgresql://support:pw@127.0.0.1/support", statementTimeout: .milliseconds(-1)),
            PostgresConfiguration(url: "postgresql://support:pw@127.0.0.1/support", acquireTimeout: .zero),
            PostgresConfiguration(url: "postgresql://support:pw@127.0.0.1/support", preparedStatementCacheCapacity: -1),
            PostgresConfiguration(url: "host=x password=top-secret-1 bogus"),
        ])
    func invalidSettingsAreRefused(configuration: PostgresConfiguration) {
        #expect {
            try configuration.validate()
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.code == .invalidConfiguration && !error.debugDescription.contains("top-secret-1")
        }
    }

    @Test("A pool cannot be made from an invalid configuration")
    func poolRefusesInvalidConfiguration() {
        #expect(throws: PostgresError.self) {
            _ = try PostgresPool(configuration: PostgresConfiguration(url: "postgresql://x@y/z", poolSize: -3))
        }
    }
}
