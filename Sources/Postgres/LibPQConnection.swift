import CLibPQ
import Foundation
import Logging

/// Owns one `PGconn`; `deinit` (or ``finish()``) closes it.
///
/// Every method blocks on the network and must run on the owning ``PostgresConnection``'s
/// serial queue. `@unchecked Sendable`: instances travel into that queue's work items, and the
/// queue is the only place that touches the `PGconn` and the mutable state, one item at a time;
/// the lets are immutable.
final class LibPQConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: PreparedStatementCache
    private let noticeLogger: NoticeLogger
    private let parameters: ConnectionParameters
    /// The server process serving this connection (`pg_backend_pid()`).
    let backendProcessID: Int32
    /// The server version, e.g. `"15.18"`.
    let serverVersion: String
    /// The key for cancelling a running statement from another thread.
    let cancelSender: CancelRequestSender?

    private init(handle: OpaquePointer, configuration: PostgresConfiguration, parameters: ConnectionParameters, noticeLogger: NoticeLogger) {
        self.handle = handle
        self.parameters = parameters
        self.noticeLogger = noticeLogger
        statements = PreparedStatementCache(capacity: configuration.preparedStatementCacheCapacity)
        backendProcessID = PQbackendPID(handle)
        serverVersion = Postgres.formatVersion(Int(PQserverVersion(handle)))
        cancelSender = CancelRequestSender(connection: handle)
        PQsetNoticeReceiver(
            handle,
            { context, result in
                guard let context, let result else { return }
                Unmanaged<NoticeLogger>.fromOpaque(context).takeUnretainedValue().receive(result)
            },
            Unmanaged.passUnretained(noticeLogger).toOpaque())
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    // MARK: Opening and closing

    /// Connects (blocking up to the connect timeout) and applies the session settings.
    static func open(configuration: PostgresConfiguration, logger: Logger) -> Result<LibPQConnection, PostgresError> {
        let parameters: ConnectionParameters
        do {
            try configuration.validate()
            parameters = try ConnectionParameters(parsing: configuration.url)
        } catch {
            return .failure(error)
        }
        var settings: [(String, String)] = [("dbname", configuration.url)]
        // Only the first dbname is expanded as a URL; a later one is a plain database name.
        if let databaseName = configuration.databaseName { settings.append(("dbname", databaseName)) }
        let timeoutSeconds = max(1, (configuration.connectTimeout.millisecondsRoundedUp + 999) / 1000)
        settings.append(("connect_timeout", String(timeoutSeconds)))
        settings.append(("application_name", configuration.applicationName))
        settings.append(("client_encoding", "UTF8"))

        let keywords = settings.map { strdup($0.0) }
        let values = settings.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keywordPointers = keywords.map { UnsafePointer($0) } + [nil]
        let valuePointers = values.map { UnsafePointer($0) } + [nil]
        guard let handle = PQconnectdbParams(keywordPointers, valuePointers, 1) else {
            return .failure(PostgresError(code: .connectionFailed, message: "libpq could not allocate a connection"))
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let reason = parameters.redact(String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace())
            PQfinish(handle)
            return .failure(
                PostgresError(
                    code: .connectionFailed,
                    message: "could not connect to PostgreSQL at \(parameters.host ?? "the default host"):\(parameters.port ?? "5432"); "
                        + "check that the server runs and that the URL, user and password are right",
                    clientMessage: reason))
        }
        let noticeLogger = NoticeLogger(logger: logger)
        let connection = LibPQConnection(
            handle: handle, configuration: configuration, parameters: parameters, noticeLogger: noticeLogger)
        if let timeout = configuration.statementTimeout {
            // A number formatted here, not input: safe to put in the text.
            let setting = connection.executeScript(
                "SET statement_timeout = \(timeout.millisecondsRoundedUp)", cancellation: nil)
            if case .failure(let error) = setting {
                return .failure(
                    PostgresError(
                        code: .connectionFailed, message: "could not set the statement timeout on a new connection",
                        sqlState: error.sqlState, serverMessage: error.serverMessage, clientMessage: error.clientMessage))
            }
        }
        return .success(connection)
    }

    /// Closes the connection; later calls fail with `connectionClosed`.
    func finish() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    // MARK: State

    /// Whether the connection is open and not inside a transaction block.
    var health: ConnectionHealth {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return .closed }
        return PQtransactionStatus(handle) == PQTRANS_IDLE ? .idle : .inTransaction
    }

    /// Reads whatever the server sent while the connection sat idle, without blocking, and tells
    /// whether it is still open: a terminated backend or a restarted server has sent an error
    /// and closed the socket, which shows here.
    func checkAlive() -> Bool {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return false }
        let socket = PQsocket(handle)
        guard socket >= 0 else { return false }
        for _ in 0..<16 {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 0)
            if ready <= 0 { break }
            if PQconsumeInput(handle) == 0 { break }
        }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Number of named prepared statements on this connection.
    var preparedStatementCount: Int { statements.count }

    // MARK: Statements

    /// Runs one statement with bound parameters, preparing it once per connection when the cache
    /// has room; the result comes in binary format.
    func execute(
        _ sql: String, parameters: BoundParameters, cancellation: QueryCancellation?, usingCache: Bool = true
    ) -> Result<PostgresResult, PostgresError> {
        guard let handle else { return .failure(.connectionClosed(statement: sql)) }
        if sql.utf8.contains(0) {
            return .failure(PostgresError(code: .invalidParameter, message: "the SQL text contains a NUL character"))
        }
        guard usingCache, statements.capacity > 0 else {
            let result = parameters.withUnsafeArguments { count, types, values, lengths, formats in
                PQexecParams(handle, sql, count, types, values, lengths, formats, 1)
            }
            return checked(result, sql: sql, cancellation: cancellation)
        }
        let key = PreparedStatementCache.Key(sql: sql, parameterTypes: parameters.types)
        if let name = statements.name(for: key) {
            let outcome = executePrepared(name, parameters: parameters, sql: sql, cancellation: cancellation)
            // A plan cached before DDL changed the result type fails with 0A000 before it runs;
            // outside a transaction it is safe to prepare again and run once more.
            guard case .failure(let error) = outcome, error.sqlState == PostgresSQLState.featureNotSupported,
                health == .idle
            else { return outcome }
            statements.remove(key)
        }
        guard statements.hasRoom else {
            let result = parameters.withUnsafeArguments { count, types, values, lengths, formats in
                PQexecParams(handle, sql, count, types, values, lengths, formats, 1)
            }
            return checked(result, sql: sql, cancellation: cancellation)
        }
        let name = statements.makeName()
        let prepared = parameters.types.withUnsafeBufferPointer { types in
            PQprepare(handle, name, sql, Int32(parameters.count), types.baseAddress)
        }
        switch checked(prepared, sql: sql, cancellation: cancellation) {
        case .failure(let error): return .failure(error)
        case .success: statements.insert(name, for: key)
        }
        return executePrepared(name, parameters: parameters, sql: sql, cancellation: cancellation)
    }

    private func executePrepared(
        _ name: String, parameters: BoundParameters, sql: String, cancellation: QueryCancellation?
    ) -> Result<PostgresResult, PostgresError> {
        let result = parameters.withUnsafeArguments { count, _, values, lengths, formats in
            PQexecPrepared(handle, name, count, values, lengths, formats, 1)
        }
        return checked(result, sql: sql, cancellation: cancellation)
    }

    /// Runs SQL text through the simple query protocol: any number of statements, no parameters,
    /// all in one implicit transaction unless the text has its own BEGIN/COMMIT.
    func executeScript(_ sql: String, cancellation: QueryCancellation?) -> Result<PostgresResult, PostgresError> {
        guard let handle else { return .failure(.connectionClosed(statement: sql)) }
        if sql.utf8.contains(0) {
            return .failure(PostgresError(code: .invalidParameter, message: "the SQL text contains a NUL character"))
        }
        return checked(PQexec(handle, sql), sql: sql, cancellation: cancellation)
    }

    /// Wraps a successful result, or turns a failed one into a ``PostgresError``; frees it then.
    private func checked(_ result: OpaquePointer?, sql: String, cancellation: QueryCancellation?) -> Result<PostgresResult, PostgresError> {
        guard let result else {
            return .failure(error(result: nil, sql: sql, cancellation: cancellation))
        }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return .success(PostgresResult(taking: result))
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            PQclear(result)
            // The protocol now expects COPY data; the connection cannot be reused.
            finish()
            return .failure(
                PostgresError(
                    code: .unsupportedResult, message: "COPY is not supported through this API; the connection was closed",
                    statement: sql))
        default:
            let failure = error(result: result, sql: sql, cancellation: cancellation)
            PQclear(result)
            return .failure(failure)
        }
    }

    private func error(result: OpaquePointer?, sql: String, cancellation: QueryCancellation?) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        let sqlState = field("C")
        let connectionLost = handle.map { PQstatus($0) != CONNECTION_OK } ?? true
        var clientMessage: String?
        if connectionLost || result == nil {
            let text = result.flatMap { PQresultErrorMessage($0) }.map { String(cString: $0) } ?? ""
            let connectionText = handle.map { String(cString: PQerrorMessage($0)) } ?? ""
            clientMessage = parameters.redact((text.isEmpty ? connectionText : text).trimmingTrailingWhitespace())
        }
        let code: PostgresError.Code
        let message: String
        if connectionLost {
            code = .connectionClosed
            message = "the connection to the server was lost (server restart, terminated backend or network); retry on a new connection"
        } else if sqlState == PostgresSQLState.queryCanceled {
            if cancellation?.wasCancelRequested ?? false {
                code = .cancelled
                message = "the statement was cancelled because its task was cancelled"
            } else {
                code = .timeout
                message = "the statement was cancelled by the statement timeout"
            }
        } else if result == nil {
            code = .queryFailed
            message = "libpq could not send the statement"
        } else {
            code = .queryFailed
            message = "the server rejected the statement"
        }
        return PostgresError(
            code: code, message: message, sqlState: sqlState, serverMessage: field("M"), detail: field("D"),
            hint: field("H"), constraintName: field("n"), tableName: field("t"), columnName: field("c"),
            clientMessage: clientMessage, statement: sql)
    }
}

/// What a connection can be used for next.
enum ConnectionHealth: Sendable {
    /// Open, no transaction open: fit for the next user.
    case idle
    /// Open, inside a transaction block (or a failed one).
    case inTransaction
    /// Closed or broken.
    case closed
}

/// Receives libpq notices (`NOTICE`, `WARNING`, …) and writes them to the log instead of
/// standard error.
/// libpq calls it on the connection's queue, during other calls.
final class NoticeLogger {
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func receive(_ result: OpaquePointer) {
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        let severity = field("V") ?? "NOTICE"
        let level: LogLevel = severity == "WARNING" ? .warning : .debug
        logger.log(
            level, "PostgreSQL \(severity.lowercased()): \(field("M") ?? "")",
            ["sqlstate": .string(field("C") ?? ""), "severity": .string(severity)])
    }
}
