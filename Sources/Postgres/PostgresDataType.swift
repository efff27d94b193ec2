/// A PostgreSQL data type, identified by its type OID.
///
/// The built-in types this module encodes or decodes have names; any other OID (an enum type,
/// a domain, an array) is still carried and shown as `oid N`.
public struct PostgresDataType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The type OID (`pg_type.oid`).
    public let rawValue: UInt32

    /// A type by OID.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// No type given: the server infers it from the statement.
    public static let unspecified = PostgresDataType(rawValue: 0)
    /// `bool`.
    public static let bool = PostgresDataType(rawValue: 16)
    /// `bytea`.
    public static let bytea = PostgresDataType(rawValue: 17)
    /// `"char"`, the one-byte internal type.
    public static let char = PostgresDataType(rawValue: 18)
    /// `name`, the type of identifiers in the catalogs.
    public static let name = PostgresDataType(rawValue: 19)
    /// `int8` / `bigint`.
    public static let int8 = PostgresDataType(rawValue: 20)
    /// `int2` / `smallint`.
    public static let int2 = PostgresDataType(rawValue: 21)
    /// `int4` / `integer`.
    public static let int4 = PostgresDataType(rawValue: 23)
    /// `text`.
    public static let text = PostgresDataType(rawValue: 25)
    /// `oid`.
    public static let oid = PostgresDataType(rawValue: 26)
    /// `json`.
    public static let json = PostgresDataType(rawValue: 114)
    /// `xml`.
    public static let xml = PostgresDataType(rawValue: 142)
    /// `float4` / `real`.
    public static let float4 = PostgresDataType(rawValue: 700)
    /// `float8` / `double precision`.
    public static let float8 = PostgresDataType(rawValue: 701)
    /// `unknown`, the type of an untyped literal.
    public static let unknown = PostgresDataType(rawValue: 705)
    /// `bpchar` / `character(n)`.
    public static let bpchar = PostgresDataType(rawValue: 1042)
    /// `varchar` / `character varying(n)`.
    public static let varchar = PostgresDataType(rawValue: 1043)
    /// `date`.
    public static let date = PostgresDataType(rawValue: 1082)
    /// `time`.
    public static let time = PostgresDataType(rawValue: 1083)
    /// `timestamp` (without time zone).
    public static let timestamp = PostgresDataType(rawValue: 1114)
    /// `timestamptz` / `timestamp with time zone`.
    public static let timestamptz = PostgresDataType(rawValue: 1184)
    /// `interval`.
    public static let interval = PostgresDataType(rawValue: 1186)
    /// `numeric` / `decimal`.
    public static let numeric = PostgresDataType(rawValue: 1700)
    /// `uuid`.
    public static let uuid = PostgresDataType(rawValue: 2950)
    /// `jsonb`.
    public static let jsonb = PostgresDataType(rawValue: 3802)

    /// The type's name for the built-in types above, `oid N` otherwise.
    public var description: String {
        Self.names[rawValue] ?? "oid \(rawValue)"
    }

    /// Whether the binary form of a value of this type is its UTF-8 text.
    var isTextual: Bool {
        switch self {
        case .text, .varchar, .bpchar, .name, .char, .unknown, .json, .xml: true
        default: false
        }
    }

    private static let names: [UInt32: String] = [
        0: "unspecified", 16: "bool", 17: "bytea", 18: "char", 19: "name", 20: "int8", 21: "int2",
        23: "int4", 25: "text", 26: "oid", 114: "json", 142: "xml", 700: "float4", 701: "float8",
        705: "unknown", 1042: "bpchar", 1043: "varchar", 1082: "date", 1083: "time",
        1114: "timestamp", 1184: "timestamptz", 1186: "interval", 1700: "numeric", 2950: "uuid",
        3802: "jsonb",
    ]
}
