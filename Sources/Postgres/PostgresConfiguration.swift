import CLibPQ

/// How to reach PostgreSQL and how the pool behaves. A value type with documented defaults;
/// ``validate()`` checks it (the pool and ``PostgresConnection/connect(configuration:logger:)``
/// call it).
///
/// The password in ``url`` is never written to logs, errors or ``description``.
public struct PostgresConfiguration: Sendable, CustomStringConvertible {
    /// The connection URL or libpq connection string, passed to libpq as is:
    /// `postgresql://user:password@host:port/database?sslmode=prefer`. Any libpq parameter may
    /// be given in it.
    public var url: String
    /// Use this database instead of the URL's (e.g. a throwaway database in tests). Default: nil.
    public var databaseName: String?
    /// The most connections the pool opens. Default: 4.
    public var poolSize: Int
    /// How long opening a connection may take; libpq rounds up to whole seconds, at least 2.
    /// Default: 5 s.
    public var connectTimeout: Duration
    /// `statement_timeout` set on every connection; a statement running longer fails with
    /// SQLSTATE 57014 (code `timeout`). nil keeps the server's setting. Default: 5 s.
    public var statementTimeout: Duration?
    /// `application_name`, shown in `pg_stat_activity`. Default: `support-worker`.
    public var applicationName: String
    /// How long a caller waits for a free pooled connection before `acquireTimeout`.
    /// Default: 10 s.
    public var acquireTimeout: Duration
    /// Named prepared statements kept per connection, keyed by SQL text and parameter types;
    /// statements beyond this run unprepared. 0 disables preparing (e.g. behind a transaction
    /// pooler). Default: 256.
    public var preparedStatementCacheCapacity: Int

    /// A configuration with the defaults above; see ``validate()``.
    public init(
        url: String,
        databaseName: String? = nil,
        poolSize: Int = 4,
        connectTimeout: Duration = .seconds(5),
        statementTimeout: Duration? = .seconds(5),
        applicationName: String = "support-worker",
        acquireTimeout: Duration = .seconds(10),
        preparedStatementCacheCapacity: Int = 256
    ) {
        self.url = url
        self.databaseName = databaseName
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.statementTimeout = statementTimeout
        self.applicationName = applicationName
        self.acquireTimeout = acquireTimeout
        self.preparedStatementCacheCapacity = preparedStatementCacheCapacity
    }

    /// Throws `invalidConfiguration` naming the first problem: a URL libpq cannot parse, a
    /// non-positive pool size or timeout, a negative cache capacity, a NUL character.
    public func validate() throws(PostgresError) {
        _ = try ConnectionParameters(parsing: url)
        guard poolSize >= 1 else {
            throw .invalidConfiguration("the pool size must be at least 1 (it is \(poolSize))")
        }
        guard connectTimeout > .zero else { throw .invalidConfiguration("the connect timeout must be positive") }
        guard acquireTimeout > .zero else { throw .invalidConfiguration("the acquire timeout must be positive") }
        if let statementTimeout, statementTimeout <= .zero {
            throw .invalidConfiguration("the statement timeout must be positive, or nil for the server's setting")
        }
        guard preparedStatementCacheCapacity >= 0 else {
            throw .invalidConfiguration("the prepared statement cache capacity must not be negative")
        }
        if applicationName.utf8.contains(0) || (databaseName?.utf8.contains(0) ?? false) {
            throw .invalidConfiguration("the application name and database name must not contain NUL characters")
        }
    }

    /// The URL with its password replaced by `***`.
    public var redactedURL: String {
        (try? ConnectionParameters(parsing: url))?.redact(url) ?? "<unparsable connection URL>"
    }

    public var description: String {
        var text = "PostgresConfiguration(url: \(redactedURL)"
        if let databaseName { text += ", databaseName: \(databaseName)" }
        text += ", poolSize: \(poolSize), connectTimeout: \(connectTimeout)"
        text += ", statementTimeout: \(statementTimeout.map { "\($0)" } ?? "server default")"
        text += ", applicationName: \(applicationName), acquireTimeout: \(acquireTimeout)"
        text += ", preparedStatementCacheCapacity: \(preparedStatementCacheCapacity))"
        return text
    }
}

extension Duration {
    /// Whole milliseconds, rounded up.
    var millisecondsRoundedUp: Int64 {
        let (seconds, attoseconds) = components
        let millis = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return attoseconds % 1_000_000_000_000_000 > 0 ? millis + 1 : millis
    }
}
