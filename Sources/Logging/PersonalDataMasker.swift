/// Masks personal data in log text: email addresses, phone numbers and street addresses.
///
/// Order numbers and tracking numbers are kept: they identify a case for operators and
/// are not personal data on their own. Metadata values under keys that name personal data
/// (`phone`, `email`, `address`, `text`, …) are replaced entirely.
public enum PersonalDataMasker {
    /// Keys whose values are always replaced by `[redacted]`.
    public static let sensitiveKeys: Set<String> = [
        "phone", "email", "address", "text", "customer_text", "name", "recipient", "payload",
    ]

    /// The replacement written for an email address.
    public static let emailMark = "[email]"
    /// The replacement written for a phone number.
    public static let phoneMark = "[phone]"
    /// The replacement written for a street address.
    public static let addressMark = "[address]"

    /// Returns `text` with emails, phone numbers and street addresses replaced.
    public static func mask(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "@" || ("0"..."9").contains($0) || $0.value > 0x2E7F })
        else { return text }
        var scalars = Array(text.unicodeScalars)
        maskEmails(&scalars)
        maskPhones(&scalars)
        var result = String(String.UnicodeScalarView(scalars))
        result = maskAddresses(result)
        return result
    }

    /// Masks every string inside `metadata`, and whole values under sensitive keys.
    public static func mask(_ metadata: LogMetadata) -> LogMetadata {
        var out = LogMetadata(minimumCapacity: metadata.count)
        for (key, value) in metadata {
            out[key] = sensitiveKeys.contains(key.lowercased()) ? .string("[redacted]") : mask(value)
        }
        return out
    }

    static func mask(_ value: LogValue) -> LogValue {
        switch value {
        case .string(let s): .string(mask(s))
        case .array(let items): .array(items.map(mask))
        case .object(let dict): .object(mask(dict))
        case .int, .double, .bool: value
        }
    }

    // MARK: Emails

    private static func isLocalPart(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic && c.isASCII || ("0"..."9").contains(c) || "._%+-".unicodeScalars.contains(c)
    }

    private static func isDomainPart(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == ".")
    }

    private static func maskEmails(_ s: inout [Unicode.Scalar]) {
        var i = 0
        while i < s.count {
            guard s[i] == "@" else { i += 1; continue }
            var start = i
            while start > 0 && isLocalPart(s[start - 1]) { start -= 1 }
            var end = i + 1
            while end < s.count && isDomainPart(s[end]) { end += 1 }
            while end > i + 1 && s[end - 1] == "." { end -= 1 }
            let domain = s[(i + 1)..<end]
            if start < i && domain.contains(".") && domain.first != "." {
                let mark = Array(emailMark.unicodeScalars)
                s.replaceSubrange(start..<end, with: mark)
                i = start + mark.count
            } else {
                i += 1
            }
        }
    }

    // MARK: Phones

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    /// An ASCII letter or digit: part of an identifier.
    private static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        isDigit(c) || c.isASCII && c.properties.isAlphabetic
    }

    /// Characters that join the parts of one identifier (`default-2026.11.1`, UUID groups, `a_b/c`).
    private static func isJoiner(_ c: Unicode.Scalar) -> Bool { c == "-" || c == "." || c == "_" || c == "/" }

    /// Masks Chinese mobile numbers (11 digits, `1[3-9]…`), numbers with a `+` country code,
    /// and digit groups joined by separators that look like phone numbers (`010-12345678`,
    /// `(415) 555-0123`, `138 0013 8000`). Plain digit runs of other lengths (order numbers)
    /// are kept.
    private static func maskPhones(_ s: inout [Unicode.Scalar]) {
        var i = 0
        while i < s.count {
            let startsPlus = s[i] == "+" && i + 1 < s.count && isDigit(s[i + 1])
            let startsParen = s[i] == "(" && i + 1 < s.count && isDigit(s[i + 1])
            guard isDigit(s[i]) || startsPlus || startsParen else { i += 1; continue }
            if i > 0 && (isWordCharacter(s[i - 1]) || isJoiner(s[i - 1]) && i > 1 && isWordCharacter(s[i - 2])) {
                // Inside a longer token (an id like A1234…, a version like default-2026.11.1, a
                // UUID's groups): skip the whole token.
                while i < s.count && (isWordCharacter(s[i]) || isJoiner(s[i]) && i + 1 < s.count && isWordCharacter(s[i + 1])) {
                    i += 1
                }
                continue
            }
            // Scan a candidate: digits with single separators between groups.
            var end = i
            var digits = 0
            var groups = 0
            var inGroup = false
            var groupLengths: [Int] = []
            var j = i
            if startsPlus || startsParen { j += 1 }
            while j < s.count {
                let c = s[j]
                if isDigit(c) {
                    digits += 1
                    if !inGroup { groups += 1; inGroup = true; groupLengths.append(0) }
                    groupLengths[groupLengths.count - 1] += 1
                    j += 1
                    end = j
                } else if (c == "-" || c == " " || c == "." || c == ")") && j + 1 < s.count
                    && (isDigit(s[j + 1]) || (c == ")" && s[j + 1] == " " && j + 2 < s.count && isDigit(s[j + 2])))
                {
                    inGroup = false
                    j += (c == ")" && s[j + 1] == " ") ? 2 : 1
                } else {
                    break
                }
            }
            // A token that goes on after the digits (`…-a5c7`, `….1b`) is not a phone number.
            let followedByWordChar = end < s.count
                && (isWordCharacter(s[end]) || isJoiner(s[end]) && end + 1 < s.count && s[end + 1].isASCII
                    && s[end + 1].properties.isAlphabetic)
            let plainRun = groups == 1 && !startsPlus
            let isMobileCN = plainRun && digits == 11 && s[i] == "1" && ("3"..."9").contains(s[i + 1])
            let looksLikeDate = groupLengths == [4, 2, 2] || groupLengths == [2, 2, 4]
            // Phone numbers end in a group of three or more digits (0123, 8000); versions and
            // dates (2026.11.1, 3.2.10) do not.
            let isSeparated = groups >= 2 && (7...15).contains(digits) && !looksLikeDate && (groupLengths.last ?? 0) >= 3
            let isInternational = startsPlus && (7...15).contains(digits)
            if !followedByWordChar && (isMobileCN || isSeparated || isInternational) {
                let mark = Array(phoneMark.unicodeScalars)
                s.replaceSubrange(i..<end, with: mark)
                i += mark.count
            } else {
                i = max(end, i + 1)
            }
        }
    }

    // MARK: Addresses

    /// Chinese street addresses: a run of CJK characters and digits that ends in a house
    /// number (`…路88号`, `…弄3号`, `…栋1201室`). English: `123 Main Street`, `45 Elm Ave`.
    private static func maskAddresses(_ text: String) -> String {
        var result = text
        result = result.replacing(chineseAddress) { _ in addressMark }
        result = result.replacing(englishAddress) { _ in addressMark }
        return result
    }

    nonisolated(unsafe) private static let chineseAddress =
        #/[\p{Han}0-9A-Za-z]{0,24}?(?:省|市|区|县|镇|街道|路|街|道|巷|弄)[\p{Han}0-9]{0,12}?[0-9一二三四五六七八九十百]+(?:号楼|号院|号|栋|幢|单元|室)(?:[0-9A-Za-z\-]*(?:室|单元|层|楼))?/#
    nonisolated(unsafe) private static let englishAddress =
        #/\b\d{1,6}\s+(?:[A-Z][a-z]+\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl)\b\.?/#
}
