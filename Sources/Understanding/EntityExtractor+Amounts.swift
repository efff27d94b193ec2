import SupportModel

// Amounts of money: a currency sign, code or word before or after a number (¥399, 399元,
// 三百九十九元, $12.50, 12.50 USD, RMB 100, 3块5), or a bare number right after a money word
// ("refund 5000", "降了100") in the message's default currency.
extension EntityExtractor {
    /// Currency marks written before the number, folded, longest first.
    static let currencyPrefixes: [(mark: [Unicode.Scalar], currency: String?)] = [
        ("人民币", "CNY"), ("us$", "USD"), ("hk$", "HKD"), ("rmb", "CNY"), ("cny", "CNY"), ("usd", "USD"), ("eur", "EUR"),
        ("gbp", "GBP"), ("hkd", "HKD"), ("¥", nil), ("$", nil), ("€", "EUR"), ("£", "GBP"),
    ].map { (Array($0.0.unicodeScalars), $0.1) }

    /// Scalars a currency mark before a number can start with.
    static let currencyPrefixStarts = Set(currencyPrefixes.map { $0.mark[0] })

    /// Currency marks written after the number, folded, longest first; `nil` currency is
    /// the regional one for `元`/`块`/`$`.
    static let currencySuffixes: [(mark: [Unicode.Scalar], currency: String?, scale: Int)] = [
        ("万元", nil, 10_000), ("万块", nil, 10_000), ("块钱", nil, 1), ("元钱", nil, 1), ("美元", "USD", 1), ("美金", "USD", 1),
        ("欧元", "EUR", 1), ("英镑", "GBP", 1), ("港币", "HKD", 1), ("港元", "HKD", 1), ("元", nil, 1), ("块", nil, 1),
        ("刀", "USD", 1), ("dollars", "USD", 1), ("dollar", "USD", 1), ("bucks", "USD", 1), ("rmb", "CNY", 1),
        ("cny", "CNY", 1), ("usd", "USD", 1), ("eur", "EUR", 1), ("euros", "EUR", 1), ("euro", "EUR", 1), ("gbp", "GBP", 1),
        ("hkd", "HKD", 1), ("yuan", "CNY", 1),
    ].map { (Array($0.0.unicodeScalars), $0.1, $0.2) }

    /// Amounts with a currency sign, code or word.
    mutating func scanMarkedAmounts() {
        let folded = text.folded
        var i = 0
        while i < folded.count {
            if !taken[i], let (end, minor, currency) = markedAmount(at: i), isFree(i..<end) {
                add(.amount, i..<end, normalized: "\(minor) \(currency)")
                i = end
            } else {
                i += 1
            }
        }
    }

    private func markedAmount(at start: Int) -> (end: Int, minor: Int64, currency: String)? {
        let folded = text.folded
        let first = folded[start]
        guard first.isASCIIDigit || EntityExtractor.currencyPrefixStarts.contains(first) || ChineseNumeral.isNumeral(first)
        else { return nil }
        var i = start
        var currency: String?
        var hasPrefix = false
        if let prefix = EntityExtractor.currencyPrefixes.first(where: { has($0.mark, at: start) }) {
            if prefix.mark[0].isASCIILetter, start > 0, folded[start - 1].isASCIILetter { return nil }
            hasPrefix = true
            currency = prefix.currency ?? regionalCurrency(forSign: prefix.mark[0])
            i += prefix.mark.count
            while i < folded.count, folded[i] == " ", i - start - prefix.mark.count < 2 { i += 1 }
        } else if start > 0, folded[start - 1].isASCIIDigit || folded[start - 1] == "." || folded[start - 1] == ","
            || ChineseNumeral.isNumeral(folded[start - 1])
        {
            return nil
        }
        guard let number = parseNumber(at: i) else { return nil }
        i = number.end
        var minor = number.minor
        var afterSpace = i
        while afterSpace < folded.count, folded[afterSpace] == " ", afterSpace - i < 1 { afterSpace += 1 }
        if let suffix = EntityExtractor.currencySuffixes.first(where: { suffix in
            let at = suffix.mark[0].isASCIILetter ? afterSpace : i
            return has(suffix.mark, at: at)
                && (!suffix.mark[0].isASCIILetter || at + suffix.mark.count >= folded.count
                    || !folded[at + suffix.mark.count].isASCIILetter)
        }) {
            let at = suffix.mark[0].isASCIILetter ? afterSpace : i
            if suffix.mark.last == "块", number.isChinese, number.minor <= 1000, at + 1 < folded.count, folded[at + 1].isHan,
                folded[at + 1] != "钱"
            {
                return nil  // "一块手表" counts a watch, not money
            }
            currency = currency ?? suffix.currency ?? regionalCurrency(forSign: "¥")
            minor *= Int64(suffix.scale)
            i = at + suffix.mark.count
            if suffix.mark.last == "块", let jiao = jiao(at: i) {
                minor += jiao.minor
                i = jiao.end
            }
        } else if !hasPrefix {
            return nil
        }
        guard let currency else { return nil }
        return (i, minor, currency)
    }

    /// "3块5": a single digit after 块 is tenths (角).
    private func jiao(at i: Int) -> (minor: Int64, end: Int)? {
        let folded = text.folded
        guard i < folded.count else { return nil }
        let value: Int?
        if folded[i].isASCIIDigit { value = Int(folded[i].value - 48) } else { value = ChineseNumeral.digit(folded[i]) }
        guard let value, value > 0 else { return nil }
        if i + 1 < folded.count, folded[i + 1].isASCIIDigit || ChineseNumeral.isNumeral(folded[i + 1]) || folded[i + 1].isHan {
            return nil
        }
        return (Int64(value) * 10, i + 1)
    }

    /// Numbers after a money word ("refund 5000", "退我200", "降了100") with no currency:
    /// the regional currency of the locale, else CNY for Chinese text and USD for English.
    mutating func scanBareAmounts() {
        let folded = text.folded
        for cue in contextCues where cue.kind == .money {
            var i = cue.end
            while i < folded.count, folded[i] == " ", i - cue.end < 1 { i += 1 }
            guard i < folded.count, folded[i].isASCIIDigit, !taken[i], let number = parseNumber(at: i), !number.isChinese,
                number.integerDigits <= 7, number.minor > 0
            else { continue }
            var next = number.end
            while next < folded.count, folded[next] == " " { next += 1 }
            if next < folded.count, !(folded[next].isClauseBreak || isWordOtherThanUnit(at: next)) {
                continue
            }
            add(.amount, i..<number.end, normalized: "\(number.minor) \(defaultCurrency)")
        }
    }

    /// English words that make a bare number a count, not money ("5 days").
    static let countUnits: Set<String> = [
        "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute", "minutes", "item",
        "items", "pcs", "pieces", "piece", "times", "time", "orders", "order", "units", "unit", "pairs", "percent", "x",
    ]

    /// Whether an English word other than a unit starts at `i` ("refund 5000 now").
    private func isWordOtherThanUnit(at i: Int) -> Bool {
        let folded = text.folded
        guard folded[i].isASCIILetter else { return false }
        var end = i
        while end < folded.count, folded[end].isASCIILetter { end += 1 }
        var word = ""
        word.unicodeScalars.append(contentsOf: folded[i..<end])
        return !EntityExtractor.countUnits.contains(word)
    }

    /// The currency of amounts written without one.
    var defaultCurrency: String {
        if let region = context.localeRegion, let currency = EntityExtractor.regionCurrencies[region] { return currency }
        if let language = context.localeLanguage { return language == "zh" ? "CNY" : "USD" }
        let han = text.scalars.lazy.filter(\.isHan).count
        let letters = text.scalars.lazy.filter(\.isASCIILetter).count
        return han >= letters ? "CNY" : "USD"
    }

    static let regionCurrencies: [String: String] = [
        "CN": "CNY", "US": "USD", "GB": "GBP", "UK": "GBP", "HK": "HKD", "TW": "TWD", "SG": "SGD", "CA": "CAD", "AU": "AUD",
        "MO": "MOP", "DE": "EUR", "FR": "EUR", "IT": "EUR", "ES": "EUR", "NL": "EUR", "IE": "EUR",
    ]

    /// `¥`/`元` is CNY and `$` is USD unless the locale's region uses its own.
    private func regionalCurrency(forSign sign: Unicode.Scalar) -> String {
        let region = context.localeRegion
        if sign == "$" {
            switch region {
            case "HK": return "HKD"
            case "TW": return "TWD"
            case "SG": return "SGD"
            case "CA": return "CAD"
            case "AU": return "AUD"
            default: return "USD"
            }
        }
        return region == "TW" ? "TWD" : region == "HK" && sign != "¥" ? "HKD" : "CNY"
    }

    /// A number in digits (`1,299.00`, `12.5`) or Chinese numerals (`三百九十九`), in minor units.
    func parseNumber(at start: Int) -> (end: Int, minor: Int64, integerDigits: Int, isChinese: Bool)? {
        let folded = text.folded
        guard start < folded.count else { return nil }
        if ChineseNumeral.isNumeral(folded[start]) {
            guard let (value, end) = ChineseNumeral.parse(folded, from: start), value > 0, value < 1_000_000_000 else { return nil }
            return (end, Int64(value) * 100, String(value).count, true)
        }
        guard folded[start].isASCIIDigit else { return nil }
        var i = start
        var integer: Int64 = 0
        var digits = 0
        while i < folded.count, folded[i].isASCIIDigit {
            guard digits < 12 else { return nil }
            integer = integer * 10 + Int64(folded[i].value - 48)
            digits += 1
            i += 1
        }
        // Thousands separators: "1,299", "12,000,000"; a comma not followed by exactly three
        // digits ends the number.
        while digits <= 9, i + 3 < folded.count, folded[i] == ",", (1...3).allSatisfy({ folded[i + $0].isASCIIDigit }),
            i + 4 == folded.count || !folded[i + 4].isASCIIDigit
        {
            for offset in 1...3 { integer = integer * 10 + Int64(folded[i + offset].value - 48) }
            digits += 3
            i += 4
        }
        var minor = integer * 100
        if i + 1 < folded.count, folded[i] == ".", folded[i + 1].isASCIIDigit {
            var fractionEnd = i + 1
            while fractionEnd < folded.count, folded[fractionEnd].isASCIIDigit { fractionEnd += 1 }
            guard fractionEnd - i - 1 <= 2 else { return nil }
            let first = Int64(folded[i + 1].value - 48)
            let second = fractionEnd - i - 1 == 2 ? Int64(folded[i + 2].value - 48) : 0
            minor += first * 10 + second
            i = fractionEnd
        }
        return (i, minor, digits, false)
    }

    /// Whether the folded text at `index` starts with `mark`.
    func has(_ mark: [Unicode.Scalar], at index: Int) -> Bool {
        let folded = text.folded
        guard index >= 0, index + mark.count <= folded.count else { return false }
        for (offset, scalar) in mark.enumerated() where folded[index + offset] != scalar { return false }
        return true
    }
}
