// Sentiment words with polarity (negative below zero), intensifiers, and phrases that only
// look polar ("不错" is praise although it holds "错"; "no problem" is not a problem).
extension CueLexicon {
    static let sentimentEntries: [CueEntry] = [
        // Strong anger and abuse.
        CueEntry(["垃圾", "骗子", "骗人", "黑店", "坑人", "坑爹", "恶心", "气死", "气死我了", "气炸了", "妈的",
                  "他妈的", "tmd", "尼玛", "卧槽", "我靠", "滚", "傻逼", "sb", "狗屁", "什么玩意", "什么东西",
                  "搞什么", "有病", "无耻", "欺诈", "诈骗", "垃圾东西", "垃圾质量", "太坑", "坑"],
                 [.sentiment(-2.5)]),
        CueEntry(["scam*", "fraud*", "rip off", "ripoff", "rip-off", "garbage", "trash", "junk", "crap", "crappy",
                  "shit*", "bullshit", "fuck*", "wtf", "disgust*", "pathetic", "worst", "horrible", "terrible",
                  "awful", "useless", "ridiculous", "unacceptable", "furious", "pissed", "liar", "lying", "thief",
                  "thieves", "never again", "outrageous", "incompetent", "🤬", "😡", "😠", "💢"], [.sentiment(-2.2)]),
        // Dissatisfaction.
        CueEntry(["差", "太差", "很差", "差劲", "差评", "烂", "太烂", "破", "失望", "生气", "愤怒", "无语", "离谱",
                  "郁闷", "崩溃", "烦", "烦死", "着急", "急死", "急", "不满", "后悔", "糟糕", "太慢", "坑人", "敷衍",
                  "忽悠", "不靠谱", "受不了", "过分", "太过分", "不爽", "难受", "麻烦死", "服了", "醉了", "呵呵",
                  "什么情况", "怎么回事", "搞什么", "到底", "凭什么", "欺骗", "虚假", "恶劣", "不厚道", "不讲理",
                  "阴阳怪气", "不舒服", "吓死", "危险", "😤", "😞", "😢", "😭", "😒", "🙄", "👎", "💔"],
                 [.sentiment(-1.2)]),
        CueEntry(["disappoint*", "frustrat*", "annoy*", "upset", "unhappy", "angry", "mad", "sucks", "bad", "poor",
                  "waste", "misleading", "rude", "dangerous", "scared", "seriously", "again", "nightmare", "fed up",
                  "sick of", "tired of", "what is going on", "what's going on", "what is happening", "why is",
                  "why hasn't", "why isn't", "is this a joke", "smh", "ugh", "unfortunately", "hate", "hated", "sad",
                  "wrong"], [.sentiment(-1.0)]),
        // Mild: problems stated as facts.
        CueEntry(["坏了", "坏", "问题", "不行", "不好", "太大", "太小", "慢", "竟然", "居然"], [.sentiment(-0.2)]),
        CueEntry(["broken", "late", "slow", "still", "problem", "issue", "even"], [.sentiment(-0.2)]),
        // Praise and thanks.
        CueEntry(["满意", "很好", "挺好", "不错", "真好", "好评", "喜欢", "好用", "棒", "赞", "给力", "方便", "开心",
                  "高兴", "爱了", "完美", "优秀", "专业", "耐心", "😊", "😄", "😁", "👍", "❤", "💕", "🥰", "😍"],
                 [.sentiment(1.0)]),
        // Thanks and friendly particles: polite, not praise.
        CueEntry(["谢谢", "感谢", "多谢", "谢啦", "辛苦了", "辛苦", "🙏", "thank*", "thx", "ty", "appreciate*"],
                 [.sentiment(0.6)]),
        CueEntry(["~", "～", "呀", "啦", "哦", "lol", "haha", "😂"], [.sentiment(0.3)]),
        CueEntry(["非常感谢", "十分感谢", "太感谢", "thanks so much", "thank you so much", "thanks a lot",
                  "many thanks"], [.sentiment(1.0)]),
        // Urgency.
        CueEntry(["赶紧", "快点", "马上", "立刻", "立即", "asap", "right now", "immediately"], [.sentiment(-0.5)]),
        CueEntry(["投诉", "complain*", "complaint"], [.sentiment(-1.0)]),
        CueEntry(["麻烦", "麻烦你", "麻烦您", "不麻烦"], []),
        CueEntry(["great", "love", "loved", "lovely", "awesome", "perfect", "excellent", "amazing", "wonderful",
                  "fantastic", "helpful", "happy", "glad", "pleased", "nice", "good", "cool", "quick help", "best",
                  "satisfied"], [.sentiment(1.0)]),
        // Look polar, are not.
        CueEntry(["不错"], [.sentiment(1.0)]),
        CueEntry(["没问题", "没关系", "没事", "不客气", "不用谢", "no problem", "no worries", "not bad", "no issue"],
                 [.sentiment(0.5)]),
        CueEntry(["good morning", "good afternoon", "good evening", "good night", "好的", "好滴", "好吧", "好久",
                  "好几", "好像", "只好", "正好", "最好", "好看", "good for", "as good as", "great day"], []),
        CueEntry(["好看", "好看的", "很好看"], [.sentiment(0.8)]),
        // Intensifiers.
        CueEntry(["很", "非常", "太", "特别", "超", "超级", "真", "真的", "极其", "十分", "好", "巨", "贼", "相当",
                  "实在"], [.intensifier(1.5)]),
        CueEntry(["very", "so", "sooo", "soo", "really", "extremely", "super", "totally", "absolutely", "incredibly",
                  "completely", "utterly", "such", "too"], [.intensifier(1.5)]),
    ]

    /// Words that negate what follows within a few characters or words.
    static let negationEntries: [CueEntry] = [
        CueEntry(["不", "没", "没有", "未", "别", "无法", "不能", "不会", "还没", "还没有", "尚未", "从没", "从来没",
                  "一直没", "根本没", "并没有", "都没", "也没", "没能", "不是", "都不", "不想"], [.negator]),
        CueEntry(["not", "no longer", "never", "don't", "dont", "do not", "doesn't", "doesnt", "does not", "didn't",
                  "didnt", "did not", "haven't", "havent", "have not", "hasn't", "hasnt", "has not", "hadn't",
                  "had not", "wasn't", "wasnt", "was not", "weren't", "isn't", "isnt", "is not", "aren't", "arent",
                  "won't", "wont", "will not", "can't", "cant", "cannot", "can not", "couldn't", "couldnt",
                  "wouldn't", "ain't", "yet to", "still not", "without", "never even", "nothing"], [.negator]),
        // Words that hold a negator character but negate nothing.
        CueEntry(["不过", "不少", "不同", "不久", "不用说", "没想到", "不知道", "无论", "不管", "差不多", "不得不",
                  "要不", "要不然", "不然", "否则", "别家", "别人", "别的", "未拆", "不仅", "未来", "no.", "not only"],
                 []),
    ]
}
