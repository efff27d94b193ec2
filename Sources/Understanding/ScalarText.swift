/// A message as Unicode scalars, with a folded copy of the same length for matching.
///
/// Folding maps one scalar to one scalar, so an offset into `folded` is an offset into the
/// original: ASCII letters to lower case, full-width ASCII (`ＡＢＣ１２３！`) to ASCII, `￥` to
/// `¥`, every space (ideographic, no-break, tab, newline) to `" "`, curly apostrophes to
/// `'`, and common traditional Chinese characters to simplified ones.
struct ScalarText {
    /// The original scalars.
    let scalars: [Unicode.Scalar]
    /// The folded scalars, one per original scalar.
    let folded: [Unicode.Scalar]

    init(_ text: String) {
        let original = Array(text.unicodeScalars)
        scalars = original
        folded = original.map(ScalarText.fold)
    }

    var count: Int { scalars.count }

    /// The original text of `range`.
    func text(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }

    /// The folded text of `range`.
    func foldedText(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: folded[range])
        return String(view)
    }

    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        switch v {
        case 0x41...0x5A: return Unicode.Scalar(v + 0x20)!
        case 0x09, 0x0A, 0x0D, 0xA0, 0x2000...0x200A, 0x3000: return " "
        case 0xFF01...0xFF5E: return fold(Unicode.Scalar(v - 0xFEE0)!)
        case 0xFFE5: return "¥"
        case 0x2018, 0x2019, 0x2032: return "'"
        case 0x201C, 0x201D: return "\""
        case 0x3400...0x9FFF:
            let simplified = traditionalToSimplified[Int(v - 0x3400)]
            return simplified == 0 ? s : Unicode.Scalar(simplified)!
        default: return s
        }
    }

    /// Traditional characters common in after-sales messages, mapped to simplified ones: a
    /// table over U+3400...U+9FFF, zero where a character stays.
    private static let traditionalToSimplified: [UInt32] = {
        let pairs = """
            訂订單单號号貨货發发運运遞递換换壞坏錢钱賣卖買买還还沒没麼么這这個个給给說说時时間间開开關关價价顏颜
            碼码經经過过處处應应該该讓让請请謝谢東东為为會会幫帮實实際际務务於于後后裡里損损錯错費费額额帳账戶户
            們们問问題题點点電电話话機机質质樣样聯联繫系簽签紅红綠绿黃黄藍蓝產产現现鬧闹氣气騙骗爛烂轉转態态嗎吗
            與与傳传輸输將将雙双衝冲線线鏈链網网錶表鐘钟壓压劃划傷伤險险煙烟燒烧觸触擊击腫肿醫医師师訴诉護护衛卫
            體体驗验寶宝褲裤襪袜幣币圓圆塊块萬万億亿貳贰參参陸陆週周禮礼櫃柜領领員员兩两隻只數数聲声響响亂乱鬆松
            緊紧髒脏舊旧專专備备稅税報报導导滿满廣广漲涨補补賠赔償偿綁绑紀纪錄录條条張张異异種种鐵铁熱热車车門门
            訊讯鑽钻飾饰鏡镜頭头燈灯腦脑筆笔鍵键盤盘視视調调風风鍋锅來来達达區区內内兒儿歲岁蓋盖殼壳繩绳寫写準准
            確确邊边壺壶
            """
        var table = [UInt32](repeating: 0, count: 0x9FFF - 0x3400 + 1)
        let scalars = Array(pairs.unicodeScalars.filter { !$0.properties.isWhitespace })
        var i = 0
        while i + 1 < scalars.count {
            table[Int(scalars[i].value - 0x3400)] = scalars[i + 1].value
            i += 2
        }
        return table
    }()
}

extension Unicode.Scalar {
    /// `0`...`9`.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    /// `a`...`z` or `A`...`Z`.
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    /// ASCII letter or digit.
    var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }
    /// A CJK unified ideograph (basic block or extension A), the script of Chinese words.
    var isHan: Bool { (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) }
    /// Space after folding.
    var isSpace: Bool { self == " " }
    /// Punctuation that ends a clause, in either script (after folding).
    var isClauseBreak: Bool {
        switch self {
        case ",", ".", "!", "?", ";", ":", "。", "、", "~": true
        default: false
        }
    }
}
