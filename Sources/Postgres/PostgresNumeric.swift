/// Reads PostgreSQL's binary `numeric`: a header of four 16-bit fields (digit count, weight of
/// the first digit, sign, display scale) and then base-10000 digits, most significant first.
/// The value is Σ digit[i] · 10000^(weight − i), shown with `display scale` decimals.
enum PostgresNumeric {
    private static let positive: UInt16 = 0x0000
    private static let negative: UInt16 = 0x4000
    private static let notANumber: UInt16 = 0xC000
    private static let positiveInfinity: UInt16 = 0xD000
    private static let negativeInfinity: UInt16 = 0xF000

    /// The decimal text of a binary numeric, as PostgreSQL prints it (`"-12.50"`, `"NaN"`,
    /// `"Infinity"`); nil when the bytes are malformed.
    static func text(from bytes: UnsafeRawBufferPointer) -> String? {
        guard bytes.count >= 8 else { return nil }
        let digitCount = Int(bytes.readBigEndian(Int16.self, at: 0))
        let weight = Int(bytes.readBigEndian(Int16.self, at: 2))
        let sign = bytes.readBigEndian(UInt16.self, at: 4)
        let scale = Int(bytes.readBigEndian(Int16.self, at: 6))
        guard digitCount >= 0, scale >= 0, bytes.count == 8 + 2 * digitCount else { return nil }
        switch sign {
        case notANumber: return "NaN"
        case positiveInfinity: return "Infinity"
        case negativeInfinity: return "-Infinity"
        case positive, negative: break
        default: return nil
        }
        var digits: [Int] = []
        digits.reserveCapacity(digitCount)
        for index in 0..<digitCount {
            let digit = Int(bytes.readBigEndian(Int16.self, at: 8 + 2 * index))
            guard (0...9999).contains(digit) else { return nil }
            digits.append(digit)
        }
        func digit(_ index: Int) -> Int { digits.indices.contains(index) ? digits[index] : 0 }

        var text = sign == negative ? "-" : ""
        if weight < 0 {
            text += "0"
        } else {
            text += String(digit(0))
            if weight >= 1 {
                for index in 1...weight { text += padded(digit(index)) }
            }
        }
        if scale > 0 {
            var fraction = ""
            var index = weight + 1
            while fraction.count < scale {
                fraction += padded(digit(index))
                index += 1
            }
            text += "." + fraction.prefix(scale)
        }
        return text
    }

    /// The integer a numeric text denotes when it has no non-zero fraction and fits `Int64`.
    static func integer(fromText text: String) -> Int64? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2, parts[1].contains(where: { $0 != "0" }) { return nil }
        return Int64(parts[0])
    }

    private static func padded(_ digit: Int) -> String {
        let text = String(digit)
        return String(repeating: "0", count: 4 - text.count) + text
    }
}
