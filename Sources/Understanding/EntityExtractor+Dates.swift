import SupportModel

// Dates, normalized against the reference day: 2026-11-20, 2026年11月20日, 11月20日, 20号,
// 11/20 (month first unless the first number exceeds 12), Nov 20, 20 November, 今天/昨天/前天,
// yesterday, 上周一, last Monday, 3天前, two weeks ago, 双十一.
//
// A month and day without a year is in the reference year unless that is more than a month
// after the reference day; then it is in the year before (customers talk about past orders).
// A festival is its occurrence nearest to the reference day.
// A bare English weekday or "last <weekday>" is the latest such day before the reference
// day; a Chinese weekday is in the reference week (上周 the week before; weeks start Monday).
extension EntityExtractor {
    /// Dates written with digits or Chinese numerals.
    mutating func scanNumericDates() {
        let folded = text.folded
        var i = 0
        while i < folded.count {
            guard !taken[i], folded[i].isASCIIDigit || ChineseNumeral.isNumeral(folded[i]),
                i == 0 || !(folded[i - 1].isASCIIAlphanumeric || folded[i - 1] == "/" || folded[i - 1] == "-"
                    || folded[i - 1] == "." || ChineseNumeral.isNumeral(folded[i - 1]))
            else { i += 1; continue }
            if let (end, day) = numericDate(at: i), isFree(i..<end) {
                add(.date, i..<end, normalized: day.description)
                i = end
            } else {
                i += 1
            }
        }
        scanMonthNameDates()
    }

    private func numericDate(at start: Int) -> (Int, CalendarDay)? {
        let folded = text.folded
        guard let first = readInt(at: start) else { return nil }
        var i = first.end
        guard i < folded.count else { return nil }
        let separator = folded[i]
        // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY年MM月DD日
        if first.digits == 4, (1990...2100).contains(first.value) {
            guard separator == "-" || separator == "/" || separator == "." || separator == "年",
                let month = readInt(at: i + 1), month.digits <= 2
            else { return nil }
            let secondSeparator: Unicode.Scalar = separator == "年" ? "月" : separator
            guard month.end < folded.count, folded[month.end] == secondSeparator, let day = readInt(at: month.end + 1),
                day.digits <= 2, let date = CalendarDay(validating: first.value, month.value, day.value)
            else { return nil }
            i = day.end
            if separator == "年", i < folded.count, folded[i] == "日" || folded[i] == "号" { i += 1 }
            guard i == folded.count || !folded[i].isASCIIDigit else { return nil }
            return (i, date)
        }
        guard first.digits <= 2 else { return nil }
        // M月D日, M月D号
        if separator == "月" {
            guard let day = readInt(at: i + 1), day.digits <= 2 else { return nil }
            i = day.end
            if i < folded.count, folded[i] == "日" || folded[i] == "号" { i += 1 }
            guard let date = inferYear(month: first.value, day: day.value) else { return nil }
            return (i, date)
        }
        // M/D, M/D/YYYY
        if separator == "/", first.isDigits, let second = readInt(at: i + 1), second.isDigits, second.digits <= 2 {
            i = second.end
            var (month, day) = (first.value, second.value)
            if month > 12, day <= 12 { (month, day) = (day, month) }
            if i + 1 < folded.count, folded[i] == "/", let year = readInt(at: i + 1), year.isDigits,
                year.digits == 4 || year.digits == 2
            {
                i = year.end
                guard let date = CalendarDay(validating: year.digits == 2 ? 2000 + year.value : year.value, month, day)
                else { return nil }
                return (i, date)
            }
            guard i == folded.count || !(folded[i].isASCIIDigit || folded[i] == "/" || folded[i] == "%") else { return nil }
            guard let date = inferYear(month: month, day: day) else { return nil }
            return (i, date)
        }
        // 20号, 20日: a day of the reference month.
        if separator == "号" || separator == "日", first.value >= 1, first.value <= 31 {
            let end = i + 1
            if end < folded.count, "楼电池线房门店箱口码位台".unicodeScalars.contains(folded[end]) { return nil }
            let before = start > 0 ? folded[start - 1] : " "
            if "换穿码尺寸".unicodeScalars.contains(before) { return nil }
            // An address: 光华路1号, 中山街12号, 3栋5号.
            if "路街道巷弄村栋楼区".unicodeScalars.contains(before) { return nil }
            let reference = context.referenceDay
            guard let date = CalendarDay(validating: reference.year, reference.month, first.value) else { return nil }
            return (end, date)
        }
        return nil
    }

    /// "Nov 20", "November 20th, 2026", "20 Nov", "20th of November".
    private mutating func scanMonthNameDates() {
        let folded = text.folded
        for (index, match) in matches.enumerated() {
            guard let month = effects[index].lazy.compactMap({ effect -> Int? in
                if case .month(let m) = effect { return m }
                return nil
            }).first else { continue }
            // Month then day.
            var i = match.end
            if i < folded.count, folded[i] == "." { i += 1 }
            var spaced = i
            while spaced < folded.count, folded[spaced] == " " { spaced += 1 }
            if spaced > i || folded[i - 1] == ".", let day = readInt(at: spaced), day.isDigits, day.digits <= 2 {
                var end = skipOrdinal(day.end)
                guard end == folded.count || !folded[end].isASCIIAlphanumeric && folded[end] != ":" else { continue }
                var year: Int?
                if end + 2 < folded.count, folded[end] == ",", folded[end + 1] == " ", let y = readInt(at: end + 2), y.digits == 4 {
                    year = y.value
                    end = y.end
                } else if end + 1 < folded.count, folded[end] == " ", let y = readInt(at: end + 1), y.digits == 4,
                    (1990...2100).contains(y.value)
                {
                    year = y.value
                    end = y.end
                }
                let date = year.flatMap { CalendarDay(validating: $0, month, day.value) }
                    ?? (year == nil ? inferYear(month: month, day: day.value) : nil)
                if let date { add(.date, match.start..<end, normalized: date.description) }
                continue
            }
            // Day then month.
            var before = match.start
            if before >= 4, has(Array("of ".unicodeScalars), at: before - 3) { before -= 3 }
            guard before >= 2, folded[before - 1] == " " else { continue }
            var dayEnd = before - 1
            for suffix in ["st", "nd", "rd", "th"] where dayEnd >= 3 && has(Array(suffix.unicodeScalars), at: dayEnd - 2) {
                dayEnd -= 2
            }
            var dayStart = dayEnd
            while dayStart > 0, folded[dayStart - 1].isASCIIDigit, dayEnd - dayStart < 2 { dayStart -= 1 }
            guard dayStart < dayEnd, dayStart == 0 || !folded[dayStart - 1].isASCIIAlphanumeric,
                let day = readInt(at: dayStart), let date = inferYear(month: month, day: day.value)
            else { continue }
            add(.date, dayStart..<match.end, normalized: date.description)
        }
    }

    private func skipOrdinal(_ i: Int) -> Int {
        for suffix in ["st", "nd", "rd", "th"] where has(Array(suffix.unicodeScalars), at: i) { return i + 2 }
        return i
    }

    /// Dates made of words: relative days, weekdays, "N days ago", festivals.
    mutating func scanWordDates() {
        let reference = context.referenceDay
        for (index, match) in matches.enumerated() {
            for effect in effects[index] {
                switch effect {
                case .relativeDay(let offset):
                    add(.date, match.start..<match.end, normalized: reference.adding(days: offset).description)
                case .weekday(let weekday):
                    addWeekday(weekday, matchIndex: index)
                case .daysAgoUnit(let unit):
                    addDaysAgo(unit: unit, match: match)
                case .festivalDay(let month, let day):
                    if let date = nearestOccurrence(month: month, day: day) {
                        add(.date, match.start..<match.end, normalized: date.description)
                    }
                default: break
                }
            }
        }
    }

    private mutating func addWeekday(_ weekday: Int, matchIndex: Int) {
        let match = matches[matchIndex]
        let reference = context.referenceDay
        let isChinese = text.folded[match.start].isHan
        var start = match.start
        var day: CalendarDay
        if isChinese {
            var shift = 0
            if matchIndex > 0 {
                let previous = matches[matchIndex - 1]
                for case .weekShift(let s) in effects[matchIndex - 1] where previous.end >= match.start - 1 {
                    shift = s
                    start = previous.start
                }
            }
            let monday = reference.adding(days: -(reference.weekday - 1))
            day = monday.adding(days: 7 * shift + weekday - 1)
        } else {
            var direction = -1
            if matchIndex > 0 {
                let previous = matches[matchIndex - 1]
                for case .occurrenceShift(let s) in effects[matchIndex - 1] where match.start - previous.end <= 1 {
                    direction = s
                    start = previous.start
                }
            }
            var offset = (weekday - reference.weekday) % 7
            if direction < 0 {
                if offset >= 0 { offset -= 7 }
            } else if offset <= 0 {
                offset += 7
            }
            day = reference.adding(days: offset)
        }
        add(.date, start..<match.end, normalized: day.description)
    }

    private mutating func addDaysAgo(unit: Int, match: CueMatch) {
        let folded = text.folded
        var end = match.start
        while end > 0, folded[end - 1] == " " { end -= 1 }
        var start = end
        var count: Int?
        while start > 0, folded[start - 1].isASCIIDigit || ChineseNumeral.isNumeral(folded[start - 1]) { start -= 1 }
        if start < end {
            if folded[start].isASCIIDigit {
                count = readInt(at: start).flatMap { $0.end == end ? $0.value : nil }
            } else {
                count = ChineseNumeral.parse(folded, from: start).flatMap { $0.end == end ? $0.value : nil }
            }
        } else {
            while start > 0, folded[start - 1].isASCIILetter { start -= 1 }
            var word = ""
            word.unicodeScalars.append(contentsOf: folded[start..<end])
            count = EntityExtractor.englishNumbers[word]
        }
        guard let count, count > 0, count <= 366 else { return }
        add(.date, start..<match.end, normalized: context.referenceDay.adding(days: -count * unit).description)
    }

    static let englishNumbers: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "few": 3,
    ]

    /// The month and day in the reference year, or the year before when that would be more
    /// than 31 days after the reference day.
    func inferYear(month: Int, day: Int) -> CalendarDay? {
        let reference = context.referenceDay
        guard let candidate = CalendarDay(validating: reference.year, month, day) else {
            return CalendarDay(validating: reference.year - 1, month, day)
        }
        if candidate.daysSinceEpoch - reference.daysSinceEpoch > 31 {
            return CalendarDay(validating: reference.year - 1, month, day)
        }
        return candidate
    }

    /// The occurrence of a yearly day nearest to the reference day (Christmas said in
    /// November is the coming one; 双十一 said in November is the last one).
    func nearestOccurrence(month: Int, day: Int) -> CalendarDay? {
        let reference = context.referenceDay
        let candidates = (reference.year - 1...reference.year + 1).compactMap { CalendarDay(validating: $0, month, day) }
        return candidates.min { abs($0.daysSinceEpoch - reference.daysSinceEpoch) < abs($1.daysSinceEpoch - reference.daysSinceEpoch) }
    }

    /// An integer in ASCII digits or Chinese numerals at `start`.
    private func readInt(at start: Int) -> (value: Int, end: Int, digits: Int, isDigits: Bool)? {
        let folded = text.folded
        guard start < folded.count else { return nil }
        if folded[start].isASCIIDigit {
            var value = 0
            var i = start
            while i < folded.count, folded[i].isASCIIDigit, i - start < 6 {
                value = value * 10 + Int(folded[i].value - 48)
                i += 1
            }
            if i < folded.count, folded[i].isASCIIDigit { return nil }
            return (value, i, i - start, true)
        }
        guard let (value, end) = ChineseNumeral.parse(folded, from: start), value < 100 else { return nil }
        return (value, end, end - start, false)
    }
}
