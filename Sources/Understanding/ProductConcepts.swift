import Foundation

/// Links the products customers mention to the names on their order lines, across Chinese and
/// English and common synonyms: 耳机 ↔ 无线耳机 ↔ earbuds, 保温杯 ↔ 杯子 ↔ thermos.
///
/// A name's concept is read from its head noun, which in both languages comes last: 无线耳机
/// and "wireless earbuds" are earphones, 手机壳 and "phone case" are cases (not phones), and
/// "shoe rack" is no shoe. A mention matches a product name when both read as the same
/// concept, or when they are equal; names that read as no known concept match when one
/// contains the other (titles like 三体).
public struct ProductConcepts: Sendable {
    /// Synonym groups, each one concept in both languages.
    public let groups: [[String]]

    public init(groups: [[String]] = ProductConcepts.standardGroups) {
        self.groups = groups.map { $0.map(Self.fold) }
    }

    /// Whether `mention` (what the customer wrote) names the product called `name`.
    public func matches(mention: String, name: String) -> Bool {
        let m = Self.fold(mention)
        let n = Self.fold(name)
        guard !m.isEmpty, !n.isEmpty else { return false }
        if m == n { return true }
        let mentionConcepts = concepts(in: m)
        let nameConcepts = concepts(in: n)
        if !mentionConcepts.isEmpty || !nameConcepts.isEmpty { return !mentionConcepts.isDisjoint(with: nameConcepts) }
        return (Self.isSpecific(m) && n.contains(m)) || (Self.isSpecific(n) && m.contains(n))
    }

    /// The groups of the longest group word that is the head of `folded` (ends it, or ends a
    /// part of it separated by `,`, `/`, `(` or `+`).
    func concepts(in folded: String) -> Set<Int> {
        var best = 0
        var found: Set<Int> = []
        for (index, group) in groups.enumerated() {
            for word in group where Self.isHead(word, of: folded) {
                let length = word.unicodeScalars.count
                if length > best {
                    best = length
                    found = [index]
                } else if length == best {
                    found.insert(index)
                }
            }
        }
        return found
    }

    static let separators: Set<Character> = [",", "，", "/", "(", ")", "（", "）", "+", "、", "|"]

    /// Whether `word` occurs in `text` as the last noun of a part: nothing of its script
    /// follows it before the part ends (digits, spaces and a plural "s" may), and a Latin word
    /// starts at a word boundary ("cup" is not in "cupboard", "shoe" is not the head of
    /// "shoe rack").
    static func isHead(_ word: String, of text: String) -> Bool {
        let latin = word.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic }
        var searchStart = text.startIndex
        while let range = text.range(of: word, range: searchStart..<text.endIndex) {
            defer { searchStart = text.index(after: range.lowerBound) }
            if latin, range.lowerBound > text.startIndex {
                let before = text[text.index(before: range.lowerBound)]
                if before.isASCII && before.isLetter { continue }
            }
            var rest = text[range.upperBound...]
            if let separator = rest.firstIndex(where: { separators.contains($0) }) { rest = rest[..<separator] }
            if latin, rest.first == "s" { rest = rest.dropFirst() }
            let sameScript = rest.contains { character in
                latin ? (character.isASCII && character.isLetter) : character.unicodeScalars.contains { $0.properties.isIdeographic }
            }
            if !sameScript { return true }
        }
        return false
    }

    /// Long enough to be matched inside other names: two Han characters, or four Latin letters.
    static func isSpecific(_ word: String) -> Bool {
        let han = word.unicodeScalars.filter { $0.properties.isIdeographic }.count
        let latin = word.unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic }.count
        return han >= 2 || latin >= 4
    }

    /// Lower case, full width to half width, no spaces at the ends, inner spaces single.
    static func fold(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The concepts shoppers name most, Chinese and English.
    public static let standardGroups: [[String]] = [
        ["耳机", "蓝牙耳机", "无线耳机", "耳塞", "耳麦", "earbuds", "earbud", "earphones", "earphone", "headphones", "headphone", "headset", "airpods"],
        ["手机", "智能手机", "折叠屏", "smartphone", "phone", "iphone", "mobile"],
        ["手机壳", "保护壳", "phone case", "case"],
        ["手机膜", "钢化膜", "贴膜", "screen protector"],
        ["充电器", "充电头", "charger", "adapter"],
        ["充电线", "数据线", "cable", "charging cable", "usb cable"],
        ["充电宝", "移动电源", "power bank"],
        ["遥控器", "遥控", "remote", "remote control"],
        ["电饭煲", "电饭锅", "rice cooker"],
        ["吹风机", "电吹风", "hair dryer", "blow dryer", "hairdryer"],
        ["空气炸锅", "air fryer"],
        ["扫地机器人", "扫地机", "robot vacuum"],
        ["吸尘器", "vacuum", "vacuum cleaner"],
        ["键盘", "keyboard"], ["鼠标", "mouse"], ["显示器", "monitor", "screen"],
        ["笔记本电脑", "笔记本", "电脑", "laptop", "notebook", "computer"],
        ["平板", "平板电脑", "tablet", "ipad"],
        ["手表", "智能手表", "watch", "smartwatch"], ["手环", "fitness tracker", "band"],
        ["音箱", "音响", "蓝牙音箱", "speaker", "bluetooth speaker"],
        ["电视", "电视机", "tv", "television"], ["冰箱", "fridge", "refrigerator"], ["洗衣机", "washing machine", "washer"],
        ["空调", "air conditioner"], ["风扇", "电风扇", "fan"], ["台灯", "灯", "lamp", "light"],
        ["羽绒服", "羽绒外套", "down jacket", "puffer jacket", "puffer", "down coat"],
        ["外套", "夹克", "大衣", "jacket", "coat"],
        ["卫衣", "hoodie", "sweatshirt"], ["毛衣", "针织衫", "sweater", "jumper"],
        ["t恤", "短袖", "t-shirt", "tshirt", "tee"], ["衬衫", "shirt", "blouse"],
        ["裤子", "pants", "trousers"], ["牛仔裤", "jeans"], ["裙子", "半身裙", "skirt"], ["连衣裙", "dress"],
        ["鞋", "鞋子", "运动鞋", "跑鞋", "跑步鞋", "球鞋", "shoes", "shoe", "sneakers", "sneaker", "running shoes", "trainers"],
        ["靴子", "boots", "boot"], ["袜子", "socks", "sock"], ["拖鞋", "slippers", "slipper"],
        ["背包", "双肩包", "书包", "backpack"], ["手提包", "包包", "handbag", "purse", "bag"], ["钱包", "wallet"],
        ["行李箱", "拉杆箱", "suitcase", "luggage"],
        ["口红", "唇膏", "lipstick"], ["面膜", "face mask", "sheet mask"], ["洗面奶", "cleanser", "face wash"],
        ["面霜", "乳液", "face cream", "moisturizer", "lotion"], ["精华", "精华液", "serum"], ["香水", "perfume"],
        ["防晒霜", "防晒", "sunscreen"], ["洗发水", "shampoo"], ["沐浴露", "body wash", "shower gel"],
        ["牙刷", "电动牙刷", "toothbrush", "electric toothbrush"], ["剃须刀", "razor", "shaver"],
        ["杯子", "水杯", "保温杯", "马克杯", "cup", "mug", "thermos", "tumbler", "water bottle"],
        ["电热水壶", "热水壶", "烧水壶", "水壶", "kettle", "electric kettle"],
        ["锅", "炒锅", "平底锅", "不粘锅", "pan", "frying pan", "wok", "pot"],
        ["枕头", "pillow"], ["毛巾", "浴巾", "towel"], ["被子", "被套", "羽绒被", "blanket", "duvet", "quilt"], ["床单", "bedsheet", "sheets"],
        ["加湿器", "humidifier"], ["空气净化器", "净化器", "air purifier", "purifier"],
        ["取暖器", "电暖器", "暖风机", "heater", "space heater"], ["微波炉", "microwave"], ["烤箱", "oven"],
        ["咖啡机", "coffee machine", "coffee maker"], ["榨汁机", "破壁机", "料理机", "blender", "juicer"],
        ["投影仪", "projector"], ["游戏机", "game console", "console"], ["手柄", "controller", "gamepad"],
        ["麦克风", "话筒", "microphone", "mic"], ["摄像头", "webcam"], ["相机", "camera"], ["路由器", "router"],
        ["打印机", "printer"], ["玩具", "toy", "toys"], ["积木", "乐高", "building blocks", "blocks", "lego"],
        ["书", "图书", "book", "books", "novel"], ["蛋糕", "cake"], ["鲜花", "花束", "flowers", "bouquet"],
        ["奶粉", "baby formula", "formula"], ["纸尿裤", "尿不湿", "diapers", "diaper", "nappies"],
        ["雨伞", "umbrella"], ["眼镜", "墨镜", "glasses", "sunglasses"], ["项链", "necklace"], ["戒指", "ring"],
    ]
}
