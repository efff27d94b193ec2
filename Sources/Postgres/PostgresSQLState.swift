/// SQLSTATE codes: their condition names and which of them are worth retrying.
///
/// The names follow PostgreSQL's "Appendix A. PostgreSQL Error Codes"; only the codes an
/// application meets in practice are listed, the rest show as the bare code.
enum PostgresSQLState {
    /// Statement cancelled: by the statement timeout or a cancel request.
    static let queryCanceled = "57014"
    /// A cached plan no longer fits the statement (its result type changed after DDL).
    static let featureNotSupported = "0A000"

    /// Whether a statement that failed with `sqlState` may succeed when tried again.
    static func isRetriable(_ sqlState: String) -> Bool {
        if sqlState.hasPrefix("08") { return true }  // connection exception
        switch sqlState {
        case "40001",  // serialization_failure
            "40P01",  // deadlock_detected
            "57P01",  // admin_shutdown
            "57P02",  // crash_shutdown
            "57P03",  // cannot_connect_now
            "53300",  // too_many_connections
            "55P03",  // lock_not_available
            queryCanceled:  // statement_timeout (a cancel by us is reported as `cancelled`)
            return true
        default:
            return false
        }
    }

    /// Whether `sqlState` says the server cannot serve connections now (a connection
    /// exception, a shutdown, a server starting up, too many connections).
    static func isUnavailable(_ sqlState: String) -> Bool {
        sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(sqlState)
    }

    /// The condition name of a common SQLSTATE, or nil.
    static func conditionName(of sqlState: String) -> String? {
        names[sqlState]
    }

    private static let names: [String: String] = [
        "08000": "connection_exception",
        "08003": "connection_does_not_exist",
        "08006": "connection_failure",
        "08001": "sqlclient_unable_to_establish_sqlconnection",
        "08004": "sqlserver_rejected_establishment_of_sqlconnection",
        "08P01": "protocol_violation",
        "0A000": "feature_not_supported",
        "21000": "cardinality_violation",
        "22001": "string_data_right_truncation",
        "22003": "numeric_value_out_of_range",
        "22007": "invalid_datetime_format",
        "22008": "datetime_field_overflow",
        "22012": "division_by_zero",
        "22021": "character_not_in_repertoire",
        "22P02": "invalid_text_representation",
        "22P05": "untranslatable_character",
        "23000": "integrity_constraint_violation",
        "23502": "not_null_violation",
        "23503": "foreign_key_violation",
        "23505": "unique_violation",
        "23514": "check_violation",
        "23P01": "exclusion_violation",
        "25001": "active_sql_transaction",
        "25P01": "no_active_sql_transaction",
        "25P02": "in_failed_sql_transaction",
        "25006": "read_only_sql_transaction",
        "28000": "invalid_authorization_specification",
        "28P01": "invalid_password",
        "3D000": "invalid_catalog_name",
        "3F000": "invalid_schema_name",
        "40001": "serialization_failure",
        "40P01": "deadlock_detected",
        "42501": "insufficient_privilege",
        "42601": "syntax_error",
        "42703": "undefined_column",
        "42704": "undefined_object",
        "42710": "duplicate_object",
        "42804": "datatype_mismatch",
        "42883": "undefined_function",
        "42P01": "undefined_table",
        "42P02": "undefined_parameter",
        "42P07": "duplicate_table",
        "42P08": "ambiguous_parameter",
        "42P18": "indeterminate_datatype",
        "53100": "disk_full",
        "53200": "out_of_memory",
        "53300": "too_many_connections",
        "54000": "program_limit_exceeded",
        "55P03": "lock_not_available",
        "55006": "object_in_use",
        "57014": "query_canceled",
        "57P01": "admin_shutdown",
        "57P02": "crash_shutdown",
        "57P03": "cannot_connect_now",
        "57P04": "database_dropped",
        "XX000": "internal_error",
    ]
}
