import CLibPQ

/// The parts of a connection URL the module needs to know, parsed by libpq itself
/// (`PQconninfoParse`), and the redaction of its password from any text.
struct ConnectionParameters: Sendable {
    /// The password given in the URL, if any.
    let password: String?
    /// Host, port, user and database, for log metadata (nil when not given).
    let host: String?
    let port: String?
    let user: String?
    let database: String?

    /// Parses `url` the way libpq will; throws `invalidConfiguration` if libpq cannot.
    init(parsing url: String) throws(PostgresError) {
        if url.utf8.contains(0) {
            throw .invalidConfiguration("the database URL contains a NUL character")
        }
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &errorMessage) else {
            let reason = errorMessage.map { String(cString: $0) } ?? "out of memory"
            if let errorMessage { PQfreemem(errorMessage) }
            // libpq's message can quote the URL; cut any password out.
            let redacted = Self.redactStructure(reason.trimmingTrailingWhitespace())
            throw .invalidConfiguration("the database URL cannot be parsed: \(redacted)")
        }
        defer { PQconninfoFree(options) }
        var values: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                values[String(cString: keyword)] = String(cString: value)
            }
            option += 1
        }
        password = values["password"]
        host = values["host"] ?? values["hostaddr"]
        port = values["port"]
        user = values["user"]
        database = values["dbname"]
    }

    /// `text` with the password replaced by `***`: in URL user-info, in `password=` settings,
    /// and, for passwords of four or more characters, wherever it appears literally.
    func redact(_ text: String) -> String {
        var result = Self.redactStructure(text)
        if let password, password.count >= 4 {
            result = result.replacing(password, with: "***")
            let encoded = Self.percentEncoded(password)
            if encoded != password { result = result.replacing(encoded, with: "***") }
        }
        return result
    }

    /// Replaces the password of `scheme://user:password@host` and of `password=value`.
    static func redactStructure(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        // user:password@ after a scheme.
        while let schemeEnd = rest.firstRange(of: "://") {
            result += rest[..<schemeEnd.upperBound]
            rest = rest[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0.isWhitespace }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                result += authority[...colon] + "***" + authority[at...]
            } else {
                result += authority
            }
            rest = rest[authorityEnd...]
        }
        result += rest
        // password=value in a query string or a key=value connection string.
        var output = ""
        var remaining = Substring(result)
        while let key = remaining.firstRange(of: "password=") {
            output += remaining[..<key.upperBound]
            remaining = remaining[key.upperBound...]
            let quoted = remaining.first == "'"
            let valueEnd: Substring.Index
            if quoted {
                let afterQuote = remaining.index(after: remaining.startIndex)
                valueEnd = remaining[afterQuote...].firstIndex(of: "'").map { remaining.index(after: $0) } ?? remaining.endIndex
            } else {
                valueEnd = remaining.firstIndex(where: { $0 == "&" || $0.isWhitespace || $0 == "\"" }) ?? remaining.endIndex
            }
            output += "***"
            remaining = remaining[valueEnd...]
        }
        output += remaining
        return output
    }

    private static func percentEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar) {
                encoded.unicodeScalars.append(scalar)
            } else {
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return encoded
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var text = self
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
