"""A deterministic corpus of strings for tokenizer parity: English and Chinese support
messages, emoji, mixed scripts, odd whitespace, long words, numbers, URLs and punctuation."""
import random

PRODUCTS = ["phone case", "wireless earbuds", "rice cooker", "running shoes", "USB-C cable", "desk lamp",
            "coffee grinder", "winter jacket", "smart watch", "yoga mat", "bluetooth speaker", "kettle"]
ZH_PRODUCTS = ["手机壳", "无线耳机", "电饭煲", "跑步鞋", "数据线", "台灯", "咖啡研磨机", "羽绒服", "智能手表", "瑜伽垫", "蓝牙音箱", "电水壶"]
EN_TEMPLATES = [
    "Hi, my order #{order} hasn't arrived yet. It's been {days} days!",
    "I want a refund for the {product}, it arrived broken.",
    "Can I return the {product}? I paid ${amount} on {date}.",
    "The {product} doesn't work. I'm really disappointed :(",
    "Where is my package?? Tracking number {tracking}",
    "Please cancel order {order} ASAP, I ordered the wrong size.",
    "You charged me twice ({amount} USD each). I'd like my money back.",
    "I received a {product} but I ordered {product2}. What's going on?",
    "Thanks for the quick help!!! 5 stars",
    "My email is {email}, please send the return label there.",
    "Is it possible to exchange the {product} for a different color?",
    "THE {product} IS DAMAGED. I WANT TO SPEAK TO A HUMAN.",
    "we'll wait until {date}, but if it doesn't come we're done.",
    "Order {order}: {qty} x {product} @ {amount} each = {total}",
]
ZH_TEMPLATES = [
    "你好，我的订单{order}还没有到，已经{days}天了！",
    "我要退款，{product}收到的时候就是坏的。",
    "这个{product}可以退货吗？我{date}付了{amount}元。",
    "{product}用不了，太失望了。",
    "快递到哪里了？？运单号{tracking}",
    "请帮我取消订单{order}，尺码买错了。",
    "你们重复扣款了（每次{amount}元），请退钱。",
    "我收到的是{product}，但是我买的是{product2}。怎么回事？",
    "谢谢，客服很耐心！！！五星好评",
    "我要投诉！找人工客服！",
    "能不能换一个颜色的{product}？",
    "订单号：{order}，金额：¥{amount}，日期：{date}",
]
EMOJI = ["😀", "😡", "👍", "👍🏽", "❤️", "🎉", "📦", "💔", "🙏", "😭", "🔥", "✅", "❌", "🇨🇳", "🇺🇸",
         "👨‍👩‍👧‍👦", "🧑🏿‍💻", "🥰", "🫠", "🤬", "☹", "⭐", "©", "™"]
WHITESPACE = ["\t", "  ", "   ", "\r\n", "\n", "\n\n", "\u00a0", "\u3000", "\u2003", " \t ", "\r", "\u200b", "\u200c",
              "\u200d", "\ufeff", "\u2028", "\u0085"]
SCRIPTS = ["Привет, мир", "Γειά σου κόσμε", "مرحبا بالعالم", "नमस्ते दुनिया", "こんにちは世界", "カタカナ", "안녕하세요 세계",
           "สวัสดีชาวโลก", "Ünïcödé àçcéñts", "naïve café résumé", "Straße", "İstanbul ıi", "ﬁnance ﬂow", "Ⅻ ½ ² ⑤",
           "ｆｕｌｌｗｉｄｔｈ ＡＢＣ１２３", "e\u0301cole\u0300", "a\u0308\u0304", "Å Å", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ꙮ", "𠀀𠀁 𪜀"]
PUNCT = ["!!!", "?!", "...", "…", "—", "–", "«quoted»", "\"double\"", "'single'", "(parens)", "[brackets]", "{braces}",
         "@#$%^&*", "~`|\\", "、。，！？；：", "【】《》", "“”‘’", "!?!?", "---", "___", "***", "<tag>", "a/b\\c", "½%"]
CONTRACTIONS = ["don't", "I'm", "we'll", "DON'T", "it's", "they've", "you're", "she'd", "O'Neil", "rock'n'roll",
                "'s", "''", "'tis", "can't", "Y'ALL'RE"]


def fill(template, rng):
    return template.format(
        order=rng.choice(["A" + str(rng.randint(10000, 99999)), str(rng.randint(10 ** 7, 10 ** 9)), "#" + str(rng.randint(1, 999))]),
        days=rng.randint(2, 40), product=rng.choice(PRODUCTS if template.isascii() else ZH_PRODUCTS),
        product2=rng.choice(PRODUCTS if template.isascii() else ZH_PRODUCTS),
        amount=rng.choice([str(rng.randint(1, 999)), f"{rng.uniform(1, 2000):.2f}", f"{rng.randint(1, 99)},{rng.randint(100, 999)}.00"]),
        date=rng.choice(["2024-03-15", "March 3rd", "3/15/2024", "上周五", "11月11日", "yesterday"]),
        tracking="SF" + str(rng.randint(10 ** 11, 10 ** 12)), email=f"user{rng.randint(1, 999)}@example.com",
        qty=rng.randint(1, 12), total=f"{rng.uniform(10, 5000):.2f}")


def random_unicode(rng, length):
    ranges = [(0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x590, 0x6FF), (0x900, 0x97F), (0xE00, 0xE7F),
              (0x1100, 0x11FF), (0x2000, 0x206F), (0x2190, 0x23FF), (0x3000, 0x30FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3),
              (0xFF00, 0xFFEF), (0x1F300, 0x1FAFF), (0x20000, 0x2A6DF), (0x300, 0x36F)]
    chars = []
    for _ in range(length):
        low, high = rng.choice(ranges)
        chars.append(chr(rng.randint(low, high)))
    return "".join(chars)


def build(count=2500, seed=20240611):
    rng = random.Random(seed)
    fixed = ["", " ", "  ", "\n", "a", "A", "1", "!", "中", "😀", "hello world", "Hello World", "HELLO", "[CLS] hi [SEP]",
             "[UNK]", "[MASK] it", "<|im_start|>user\nI want a refund<|im_end|>\n<|im_start|>assistant\n",
             "<|endoftext|>", "<|im_end|><|im_end|>", "x" * 99, "x" * 100, "x" * 101, "y" * 250,
             "supercalifragilisticexpialidocious", "antidisestablishmentarianism" * 3, "1234567890", "3.14159",
             "-42", "1,000,000.00", "¥99.00", "$19.99", "€5", "+1 (555) 123-4567", "138-0013-8000",
             "https://shop.example.com/orders/12345?ref=email&utm_source=x#top", "http://例子.测试/路径",
             "www.example.org", "mailto:help@example.com", "C:\\Users\\me\\file.txt", "~/path/to/file.py",
             "   leading spaces", "trailing spaces   ", "\ttabbed\tvalues\t", "line one\r\nline two\r\n",
             "a\u200bb\u200cc\u200dd\ufeffe", "caf\u00e9 vs cafe\u0301", "don't stop", "I'm here", "'s'tis'",
             "   \n\n  x", "x \n\n  y", "x  \t  y", "😀😀😀", "🇨🇳🇺🇸", "👨‍👩‍👧‍👦 family", "数字123和abc混合",
             "全角：ＡＢＣ１２３！", "1st 2nd 3rd 4th", "2024年11月11日", "00:00:00", "12.5%", "A/B test", "C++ & C#",
             "e-mail", "x\u0000y", "x\ufffdy", "x\u007fy", "\u0001\u0002\u0003"]
    strings = list(fixed)
    makers = [
        (0.16, lambda: fill(rng.choice(EN_TEMPLATES), rng)),
        (0.14, lambda: fill(rng.choice(ZH_TEMPLATES), rng)),
        (0.08, lambda: fill(rng.choice(EN_TEMPLATES), rng) + " " + fill(rng.choice(ZH_TEMPLATES), rng)),
        (0.07, lambda: rng.choice(["", "I love it ", "太棒了", "ugh "]) + "".join(rng.choice(EMOJI) for _ in range(rng.randint(1, 4)))
            + rng.choice(["", " thanks", "谢谢", "!!"])),
        (0.12, lambda: rng.choice(WHITESPACE).join(rng.choice([fill(rng.choice(EN_TEMPLATES), rng), rng.choice(SCRIPTS),
                                                              rng.choice(CONTRACTIONS), rng.choice(PUNCT)]) for _ in range(rng.randint(2, 4)))
            + rng.choice(["", rng.choice(WHITESPACE)])),
        (0.05, lambda: "".join(rng.choice("abcdefghijklmnopqrstuvwxyzéü中") for _ in range(rng.randint(20, 140)))),
        (0.07, lambda: " ".join(rng.choice([str(rng.randint(0, 10 ** rng.randint(1, 12))), f"{rng.uniform(-1000, 1000):.{rng.randint(0, 4)}f}",
                                              f"{rng.randint(1, 9)}{rng.choice(['%', 'kg', 'cm', '元', 'x', 'th'])}"]) for _ in range(rng.randint(1, 5)))),
        (0.05, lambda: rng.choice(["https", "http"]) + "://" + rng.choice(["shop", "www", "api", "m"]) + ".example."
            + rng.choice(["com", "cn", "co.uk"]) + "/" + "/".join(rng.choice(["orders", "item", "p", "退货", "a-b_c"]) for _ in range(rng.randint(1, 3)))
            + rng.choice(["", "?id=" + str(rng.randint(1, 99999)), "#frag", "?q=a+b&x=%20"])),
        (0.07, lambda: rng.choice(CONTRACTIONS) + rng.choice([" ", "", "  "]) + rng.choice(PUNCT) + " " + rng.choice(CONTRACTIONS)),
        (0.12, lambda: random_unicode(rng, rng.randint(1, 24))),
        (0.07, lambda: rng.choice(SCRIPTS) + rng.choice([" ", "", "\n"]) + rng.choice(SCRIPTS)),
    ]
    weights = [w for w, _ in makers]
    while len(strings) < count:
        _, make = rng.choices(makers, weights=weights)[0]
        text = make()
        # Lone surrogates cannot be encoded as UTF-8.
        if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
            continue
        strings.append(text)
    return strings
