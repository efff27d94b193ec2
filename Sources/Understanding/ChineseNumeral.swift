/// Chinese numerals in everyday and formal (banking) characters: 三百九十九, 两千, 一千二 (1200),
/// 壹佰. Parsing stops at the first character that is not part of a numeral.
enum ChineseNumeral {
    /// The digit a character stands for, if it is one.
    static func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "零", "〇": 0
        case "一", "壹": 1
        case "二", "两", "贰": 2
        case "三", "叁": 3
        case "四", "肆": 4
        case "五", "伍": 5
        case "六", "陆": 6
        case "七", "柒": 7
        case "八", "捌": 8
        case "九", "玖": 9
        default: nil
        }
    }

    /// The power of ten a unit character multiplies by, if it is one.
    static func unit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "十", "拾": 10
        case "百", "佰": 100
        case "千", "仟": 1000
        case "万": 10_000
        default: nil
        }
    }

    /// Whether `scalar` can be part of a numeral.
    static func isNumeral(_ scalar: Unicode.Scalar) -> Bool { digit(scalar) != nil || unit(scalar) != nil }

    /// Parses the numeral starting at `start`; returns its value and where it ends.
    static func parse(_ scalars: [Unicode.Scalar], from start: Int) -> (value: Int, end: Int)? {
        var total = 0
        var section = 0
        var pending: Int?
        var lastUnit = 0
        var i = start
        while i < scalars.count {
            let scalar = scalars[i]
            if let d = digit(scalar) {
                if pending != nil { break }  // two digits in a row: not a numeral of this kind
                if d == 0 {
                    lastUnit = 0  // "一千零五": the digit after 零 counts as ones
                } else {
                    pending = d
                }
            } else if let u = unit(scalar) {
                if u == 10_000 {
                    section += pending ?? 0
                    guard section > 0 else { break }
                    total += section * 10_000
                    section = 0
                    lastUnit = 10_000
                } else {
                    if pending == nil, u != 10 || section != 0 { break }
                    section += (pending ?? 1) * u
                    lastUnit = u
                }
                pending = nil
            } else {
                break
            }
            i += 1
        }
        guard i > start else { return nil }
        if let trailing = pending {
            // "一千二" is 1200: a digit after a unit counts in the next lower unit.
            section += lastUnit >= 100 && lastUnit < 10_000 ? trailing * lastUnit / 10 : trailing
        }
        let value = total + section
        if i == start + 1, scalars[start] == "零" || scalars[start] == "〇" { return nil }
        return (value, i)
    }
}
