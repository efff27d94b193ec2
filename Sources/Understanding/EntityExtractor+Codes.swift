import SupportModel

// Emails, URLs, phone numbers, order numbers and tracking numbers.
extension EntityExtractor {
    /// Carrier prefixes of tracking numbers written as letters then digits (SF, YT, JD, …).
    static let carrierPrefixes: Set<String> = [
        "sf", "yt", "yto", "zto", "zt", "sto", "jd", "jdv", "jdx", "jdvb", "jdva", "jt", "yd", "yunda", "ems", "db", "dpk",
        "best", "ht", "zjs", "ane", "ky", "kye", "dhl", "tt", "uu", "lb", "lp", "cn",
    ]

    mutating func scanEmails() {
        let folded = text.folded
        for at in folded.indices where folded[at] == "@" {
            var start = at
            while start > 0, EntityExtractor.isEmailLocal(folded[start - 1]) { start -= 1 }
            while start < at, folded[start] == "." { start += 1 }
            var end = at + 1
            while end < folded.count, folded[end].isASCIIAlphanumeric || folded[end] == "-" || folded[end] == "." { end += 1 }
            while end > at + 1, folded[end - 1] == "." || folded[end - 1] == "-" { end -= 1 }
            guard start < at, end > at + 1 else { continue }
            let domain = folded[(at + 1)..<end]
            guard let lastDot = domain.lastIndex(of: "."), lastDot > at + 1, end - lastDot - 1 >= 2,
                folded[(lastDot + 1)..<end].allSatisfy(\.isASCIILetter)
            else { continue }
            add(.email, start..<end, normalized: text.foldedText(start..<end))
        }
    }

    private static func isEmailLocal(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCIIAlphanumeric || "._%+-".unicodeScalars.contains(scalar)
    }

    /// URLs are taken, not reported, so the digits in them are not order numbers.
    mutating func scanURLs() {
        let folded = text.folded
        var i = 0
        while i < folded.count {
            if startsURL(at: i) {
                var end = i
                while end < folded.count, folded[end].isASCII, folded[end] != " " { end += 1 }
                take(i..<end)
                i = end
            } else {
                i += 1
            }
        }
    }

    private static let urlPrefixes: [[Unicode.Scalar]] = ["http://", "https://", "www."].map { Array($0.unicodeScalars) }

    private func startsURL(at i: Int) -> Bool {
        let folded = text.folded
        guard folded[i] == "h" || folded[i] == "w", i == 0 || !folded[i - 1].isASCIIAlphanumeric else { return false }
        return EntityExtractor.urlPrefixes.contains { has($0, at: i) }
    }

    /// Phone numbers written with `+`, parentheses, spaces or hyphens: `+86 139 1234 5678`,
    /// `(415) 555-0132`, `021-62345678`, `138-1234-5678`.
    mutating func scanSeparatedPhones() {
        let folded = text.folded
        var i = 0
        while i < folded.count {
            guard !taken[i], folded[i] == "+" || folded[i] == "(" || folded[i].isASCIIDigit,
                i == 0 || !(folded[i - 1].isASCIIAlphanumeric || folded[i - 1] == "/" || folded[i - 1] == "."
                    || folded[i - 1] == "-" || folded[i - 1] == "#" || folded[i - 1] == "$" || folded[i - 1] == "¥")
            else { i += 1; continue }
            if let (end, groups, separators) = phoneShape(at: i), isFree(i..<end),
                isPhone(groups: groups, separators: separators, plus: folded[i] == "+", cue: context(before: i) == .phone)
            {
                var digits = folded[i..<end].filter(\.isASCIIDigit)
                if folded[i] == "+" { digits.insert("+", at: 0) }
                var normalized = ""
                normalized.unicodeScalars.append(contentsOf: digits)
                add(.phone, i..<end, normalized: normalized)
                i = end
            } else {
                i += 1
            }
        }
    }

    /// Reads digit groups joined by single separators; returns the end, the group lengths and
    /// the separators used.
    private func phoneShape(at start: Int) -> (Int, [Int], Set<Unicode.Scalar>)? {
        let folded = text.folded
        var i = start
        var separators = Set<Unicode.Scalar>()
        if folded[i] == "+" { i += 1 }
        var groups: [Int] = []
        var parenthesized = false
        if i < folded.count, folded[i] == "(" {
            parenthesized = true
            separators.insert("(")
            i += 1
        }
        while i < folded.count {
            var end = i
            while end < folded.count, folded[end].isASCIIDigit { end += 1 }
            guard end > i else { return nil }
            groups.append(end - i)
            i = end
            if parenthesized, i < folded.count, folded[i] == ")" {
                parenthesized = false
                i += 1
                if i < folded.count, folded[i] == " " { i += 1 }
                guard i < folded.count, folded[i].isASCIIDigit else { return nil }
                continue
            }
            guard i + 1 < folded.count, folded[i] == " " || folded[i] == "-", folded[i + 1].isASCIIDigit else { break }
            separators.insert(folded[i])
            i += 1
        }
        if parenthesized { return nil }
        if i < folded.count, folded[i].isASCIILetter || folded[i] == "/" || (folded[i] == "." && i + 1 < folded.count
            && folded[i + 1].isASCIIDigit)
        {
            return nil
        }
        return (i, groups, separators)
    }

    private func isPhone(groups: [Int], separators: Set<Unicode.Scalar>, plus: Bool, cue: Bool) -> Bool {
        let digits = groups.reduce(0, +)
        guard (7...15).contains(digits), groups.count <= 5 else { return false }
        if plus { return groups.count >= 2 || digits >= 10 }
        guard groups.count >= 2 || separators.contains("(") else { return false }
        if cue { return groups.last! >= 3 }
        if separators.contains("(") { return digits == 10 }
        let shapes: [[Int]] = [[3, 3, 4], [3, 4, 4], [3, 8], [4, 7], [4, 8], [3, 7], [1, 3, 3, 4], [2, 3, 4, 4]]
        guard shapes.contains(groups) else { return false }
        return separators == ["-"] || groups == [3, 4, 4] || groups == [3, 3, 4]
    }

    /// Runs of letters and digits: tracking numbers by their format, then numbers by the
    /// words around them.
    mutating func scanCodes() {
        let folded = text.folded
        var i = 0
        while i < folded.count {
            guard folded[i].isASCIIAlphanumeric, i == 0 || !folded[i - 1].isASCIIAlphanumeric else { i += 1; continue }
            var end = i
            while end < folded.count, folded[end].isASCIIAlphanumeric { end += 1 }
            if isFree(i..<end) { classifyCode(i..<end) }
            i = end
        }
    }

    private mutating func classifyCode(_ range: Range<Int>) {
        let token = text.folded[range]
        var digitCount = 0
        for scalar in token where scalar.isASCIIDigit { digitCount += 1 }
        if digitCount == token.count {
            classifyNumber(range)
            return
        }
        guard digitCount >= 6 else { return }
        if isTrackingFormat(token) || (context(before: range.lowerBound) == .tracking && (10...22).contains(token.count)) {
            add(.trackingNumber, range, normalized: text.text(range).uppercased())
        }
    }

    /// UPS (`1Z` + 16), UPU S10 (`EA123456789CN`), or a carrier prefix and digits.
    private func isTrackingFormat(_ token: ArraySlice<Unicode.Scalar>) -> Bool {
        let chars = Array(token)
        if chars.count == 18, chars[0] == "1", chars[1] == "z" { return true }
        if chars.count == 13, chars[0].isASCIILetter, chars[1].isASCIILetter, chars[11].isASCIILetter, chars[12].isASCIILetter,
            chars[2..<11].allSatisfy(\.isASCIIDigit)
        {
            return true
        }
        guard let firstDigit = chars.firstIndex(where: \.isASCIIDigit), firstDigit > 0,
            chars[firstDigit...].allSatisfy(\.isASCIIDigit), (9...20).contains(chars.count - firstDigit)
        else { return false }
        var prefix = ""
        prefix.unicodeScalars.append(contentsOf: chars[..<firstDigit])
        return EntityExtractor.carrierPrefixes.contains(prefix)
    }

    /// A run of digits: a tracking or phone number after its cue word, an order number after
    /// its cue or when the message is little more than the number, a Chinese mobile number
    /// by its shape.
    private mutating func classifyNumber(_ range: Range<Int>) {
        let folded = text.folded
        let length = range.count
        var digits = ""
        digits.unicodeScalars.append(contentsOf: folded[range])
        let plus = range.lowerBound > 0 && folded[range.lowerBound - 1] == "+"
        let hash = range.lowerBound > 0 && folded[range.lowerBound - 1] == "#"
        let cue = context(before: range.lowerBound - (plus || hash ? 1 : 0))
        let isMobile = length == 11 && folded[range.lowerBound] == "1" && ("3"..."9").contains(folded[range.lowerBound + 1])
        if plus, (8...15).contains(length) {
            add(.phone, (range.lowerBound - 1)..<range.upperBound, normalized: "+" + digits)
            return
        }
        switch cue {
        case .tracking? where (10...22).contains(length):
            add(.trackingNumber, range, normalized: digits)
            return
        case .phone? where (7...15).contains(length):
            add(.phone, range, normalized: digits)
            return
        case .order? where (8...20).contains(length):
            add(.orderID, range, normalized: digits)
            return
        default: break
        }
        guard (8...20).contains(length) else { return }
        if hash || hasContext(.order, after: range.upperBound) {
            add(.orderID, range, normalized: digits)
        } else if isMobile {
            add(.phone, range, normalized: digits)
        } else if isShortReply(around: range) {
            add(.orderID, range, normalized: digits)
        }
    }

    /// Whether the message is little besides `range`: at most six other letters, digits or
    /// characters ("单号 202611180555", "4478200011").
    private func isShortReply(around range: Range<Int>) -> Bool {
        var other = 0
        for i in text.folded.indices where !range.contains(i) {
            let scalar = text.folded[i]
            if scalar.isASCIIAlphanumeric || scalar.isHan { other += 1 }
        }
        return other <= 6
    }
}
