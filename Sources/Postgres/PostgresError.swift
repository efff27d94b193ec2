/// A failure of the PostgreSQL module: connecting, running a statement, decoding a row, or
/// using the pool.
///
/// ``description`` is generic and safe to log: it says what failed with the stable ``code``,
/// the SQLSTATE and the names of schema objects, never values. Server messages and details,
/// which can quote the data that failed, appear only in ``debugDescription``. The password of
/// the connection URL appears in neither.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// A stable, machine-readable kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as written in logs and metrics, e.g. `"queryFailed"`.
        public let rawValue: String

        init(_ rawValue: String) { self.rawValue = rawValue }

        public var description: String { rawValue }

        /// The configuration is invalid (malformed URL, non-positive sizes or timeouts).
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// Could not open a connection to the server.
        public static let connectionFailed = Code("connectionFailed")
        /// The connection broke or was closed (server restart, terminated backend, network).
        public static let connectionClosed = Code("connectionClosed")
        /// The server rejected or failed the statement; see ``PostgresError/sqlState``.
        public static let queryFailed = Code("queryFailed")
        /// The statement ran past the statement timeout (SQLSTATE 57014).
        public static let timeout = Code("timeout")
        /// The task was cancelled; a running statement was cancelled on the server.
        public static let cancelled = Code("cancelled")
        /// A transaction ended in a rollback although its body succeeded, because a statement
        /// inside it failed and the error was caught.
        public static let transactionRolledBack = Code("transactionRolledBack")
        /// A parameter cannot be sent (e.g. text containing a NUL character, a date out of range).
        public static let invalidParameter = Code("invalidParameter")
        /// A column could not be decoded as the requested Swift type.
        public static let decodingFailed = Code("decodingFailed")
        /// The server answered in a way this module does not support (e.g. COPY).
        public static let unsupportedResult = Code("unsupportedResult")
        /// The pool is closed.
        public static let poolClosed = Code("poolClosed")
        /// No connection became free within the pool's acquire timeout.
        public static let acquireTimeout = Code("acquireTimeout")
    }

    /// The kind of failure.
    public var code: Code
    /// What failed and what to do, without values from the data.
    public var message: String
    /// The five-character SQLSTATE reported by the server, e.g. `"23505"`.
    public var sqlState: String?
    /// The server's primary message; may quote data.
    public var serverMessage: String?
    /// The server's detail; may quote data (e.g. the duplicate key).
    public var detail: String?
    /// The server's hint.
    public var hint: String?
    /// The constraint that was violated, if any.
    public var constraintName: String?
    /// The table the error concerns, if the server named one.
    public var tableName: String?
    /// The column the error concerns, if the server named one.
    public var columnName: String?
    /// libpq's own message for client-side failures (connecting, a dropped connection).
    public var clientMessage: String?
    /// The SQL text of the failed statement, shortened; never parameter values.
    public var statement: String?

    /// Creates an error; the module makes these, tests and adapters may too.
    public init(
        code: Code, message: String, sqlState: String? = nil, serverMessage: String? = nil,
        detail: String? = nil, hint: String? = nil, constraintName: String? = nil,
        tableName: String? = nil, columnName: String? = nil, clientMessage: String? = nil,
        statement: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.serverMessage = serverMessage
        self.detail = detail
        self.hint = hint
        self.constraintName = constraintName
        self.tableName = tableName
        self.columnName = columnName
        self.clientMessage = clientMessage
        self.statement = statement.map(Self.shorten)
    }

    /// The condition name of ``sqlState`` (`"unique_violation"`), for the common ones.
    public var conditionName: String? {
        sqlState.flatMap { PostgresSQLState.conditionName(of: $0) }
    }

    /// Whether trying again later, on a fresh connection, may succeed: connection problems
    /// (SQLSTATE class 08, 57P01–57P03, a dropped connection), serialization failures (40001),
    /// deadlocks (40P01), statement timeouts, too many connections (53300), lock timeouts (55P03)
    /// and a busy pool. Constraint violations, syntax errors and decoding failures are not.
    public var isRetriable: Bool {
        switch code {
        case .connectionFailed, .connectionClosed, .timeout, .acquireTimeout:
            return true
        case .queryFailed:
            return sqlState.map(PostgresSQLState.isRetriable) ?? false
        default:
            return false
        }
    }

    /// Whether the failure is the server (or the way to it) being unavailable rather than
    /// something about the statement: no connection could be opened or it broke, the pool had
    /// none free, or the server refused connections (SQLSTATE class 08, 57P01–57P03, 53300).
    /// A statement timeout, a serialization failure or a deadlock is retriable but not this.
    public var isServerUnavailable: Bool {
        switch code {
        case .connectionFailed, .connectionClosed, .acquireTimeout:
            return true
        case .queryFailed:
            return sqlState.map(PostgresSQLState.isUnavailable) ?? false
        default:
            return false
        }
    }

    public var description: String {
        var text = "PostgreSQL \(code): \(message)"
        if let sqlState {
            text += " [SQLSTATE \(sqlState)"
            if let conditionName { text += " \(conditionName)" }
            if let constraintName { text += ", constraint \(constraintName)" }
            text += "]"
        }
        return text
    }

    public var debugDescription: String {
        var parts = [description]
        if let serverMessage { parts.append("server: \(serverMessage)") }
        if let detail { parts.append("detail: \(detail)") }
        if let hint { parts.append("hint: \(hint)") }
        if let tableName { parts.append("table: \(tableName)") }
        if let columnName { parts.append("column: \(columnName)") }
        if let clientMessage { parts.append("libpq: \(clientMessage)") }
        if let statement { parts.append("statement: \(statement)") }
        return parts.joined(separator: "; ")
    }

    private static func shorten(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count > 300 ? String(flat.prefix(300)) + "…" : flat
    }
}

extension PostgresError {
    static func invalidConfiguration(_ message: String) -> PostgresError {
        PostgresError(code: .invalidConfiguration, message: message)
    }

    static func poolClosed() -> PostgresError {
        PostgresError(code: .poolClosed, message: "the connection pool is closed")
    }

    static func cancelled(statement: String? = nil) -> PostgresError {
        PostgresError(code: .cancelled, message: "the task was cancelled", statement: statement)
    }

    static func connectionClosed(statement: String? = nil) -> PostgresError {
        PostgresError(
            code: .connectionClosed, message: "the connection is closed; use a new connection",
            statement: statement)
    }
}
