// Product nouns in both languages. English nouns also match their plural. Compound nouns are
// listed whole ("phone case", "手机壳") so the longer name wins over its head.
extension CueLexicon {
    static let productEntries: [CueEntry] = [
        CueEntry(chineseProducts, [.product]),
        CueEntry(englishProducts.flatMap { [$0, plural(of: $0)] }, [.product]),
        // Words that hold a product noun without naming one.
        CueEntry(["包装", "包邮", "红包", "包括", "包裹", "面包车", "说明书", "证书", "书面", "起床", "一笔",
                  "手机号", "手机号码", "电脑上", "刀片", "phone number", "phone no", "fan of", "ring me",
                  "watch out", "book a", "in case", "case of", "bag of", "cup of", "pot of", "table of"], []),
    ]

    private static let chineseProducts = [
        "耳机", "蓝牙耳机", "无线耳机", "耳机套", "耳塞", "耳麦", "遥控器", "羽绒服", "手机", "手机壳", "手机膜",
        "钢化膜", "充电器", "充电线", "数据线", "充电宝", "移动电源", "电饭煲", "电饭锅", "吹风机", "电吹风",
        "空气炸锅", "扫地机器人", "扫地机", "吸尘器", "键盘", "鼠标", "显示器", "笔记本电脑", "笔记本", "电脑",
        "平板", "平板电脑", "手表", "智能手表", "手环", "音箱", "音响", "蓝牙音箱", "电视", "电视机", "冰箱",
        "洗衣机", "空调", "风扇", "电风扇", "台灯", "灯泡", "床单", "被子", "被套", "枕头", "毛巾", "浴巾", "T恤",
        "衬衫", "卫衣", "毛衣", "裤子", "牛仔裤", "裙子", "连衣裙", "外套", "大衣", "夹克", "鞋", "鞋子", "运动鞋",
        "靴子", "拖鞋", "袜子", "帽子", "围巾", "手套", "包", "背包", "双肩包", "书包", "钱包", "手提包", "行李箱",
        "口红", "面膜", "洗面奶", "面霜", "乳液", "精华液", "香水", "防晒霜", "粉底液", "眼霜", "洗发水", "沐浴露",
        "牙膏", "牙刷", "电动牙刷", "剃须刀", "奶粉", "尿不湿", "纸尿裤", "奶瓶", "玩具", "积木", "乐高", "书",
        "杯子", "水杯", "保温杯", "马克杯", "碗", "盘子", "锅", "炒锅", "平底锅", "菜刀", "椅子", "桌子", "书桌",
        "沙发", "床垫", "衣柜", "电池", "相机", "镜头", "路由器", "插座", "插线板", "眼镜", "墨镜", "项链", "戒指",
        "手链", "耳环", "零食", "坚果", "茶叶", "咖啡", "水果", "月饼", "大米", "牛奶", "电热毯", "电热水壶",
        "热水壶", "烧水壶", "加湿器", "净化器", "空气净化器", "电暖器", "取暖器", "暖风机", "微波炉", "烤箱",
        "豆浆机", "榨汁机", "破壁机", "料理机", "咖啡机", "投影仪", "游戏机", "手柄", "麦克风", "摄像头", "硬盘",
        "U盘", "内存卡", "打印机", "墨盒", "窗帘", "地毯", "雨伞", "滤芯", "净水器", "热水器", "电磁炉", "吸奶器",
        "婴儿车", "安全座椅", "自行车", "头盔", "帐篷",
    ]

    private static let englishProducts = [
        "headphones", "headphone", "earphones", "earbuds", "headset", "remote", "remote control", "down jacket",
        "puffer jacket", "jacket", "coat", "phone", "smartphone", "phone case", "screen protector", "charger",
        "charging cable", "usb cable", "cable", "power bank", "rice cooker", "hair dryer", "blow dryer", "air fryer",
        "robot vacuum", "vacuum", "vacuum cleaner", "keyboard", "mouse", "monitor", "laptop", "computer", "tablet",
        "watch", "smartwatch", "fitness tracker", "speaker", "bluetooth speaker", "tv", "television", "fridge",
        "refrigerator", "washing machine", "air conditioner", "fan", "lamp", "light bulb", "bulb", "bedsheet",
        "blanket", "duvet", "pillow", "towel", "t-shirt", "tshirt", "tee", "shirt", "hoodie", "sweater", "sweatshirt",
        "pants", "trousers", "jeans", "shorts", "skirt", "dress", "sneaker", "shoe", "boot", "sandal", "slipper",
        "sock", "hat", "scarf", "glove", "bag", "backpack", "handbag", "purse", "wallet", "suitcase", "luggage",
        "lipstick", "face mask", "sheet mask", "cleanser", "face cream", "moisturizer", "serum", "perfume",
        "sunscreen", "shampoo", "toothbrush", "electric toothbrush", "razor", "shaver", "baby formula", "diaper",
        "baby bottle", "toy", "lego", "book", "mug", "cup", "water bottle", "thermos", "bowl", "plate", "frying pan",
        "pan", "knife", "chair", "desk", "table", "sofa", "couch", "mattress", "battery", "camera", "lens", "router",
        "power strip", "glasses", "sunglasses", "necklace", "bracelet", "earring", "snack", "coffee maker",
        "coffee machine", "blender", "kettle", "electric kettle", "heater", "space heater", "humidifier",
        "air purifier", "microwave", "oven", "toaster", "projector", "game console", "controller", "microphone",
        "webcam", "hard drive", "usb drive", "printer", "curtain", "rug", "umbrella", "vase", "mirror", "drone",
        "tent", "bike", "helmet", "stroller", "car seat",
    ]

    /// The English plural of a product noun (`box` → `boxes`, `battery` → `batteries`).
    static func plural(of noun: String) -> String {
        if noun.hasSuffix("s") { return noun }
        if noun.hasSuffix("x") || noun.hasSuffix("ch") || noun.hasSuffix("sh") { return noun + "es" }
        if noun.hasSuffix("y"), let before = noun.dropLast().last, !"aeiou".contains(before) {
            return noun.dropLast() + "ies"
        }
        if noun.hasSuffix("knife") { return noun.dropLast(2) + "ves" }
        return noun + "s"
    }
}
