import SupportModel

// Escalation cues: a request for a person, legal, regulator or media threats, and safety.
// Guards are longer phrases with no effect ("fire tv" hides "fire", "工商银行" hides "工商").
extension CueLexicon {
    static let escalationEntries: [CueEntry] = [
        // human_request
        CueEntry(["转人工", "人工客服", "人工服务", "找人工", "要人工", "接人工", "转接人工", "人工", "真人", "真人客服", "活人", "找个真人", "找你们经理", "叫你们经理", "你们经理", "经理", "找你们领导", "你们领导", "领导", "主管",
                  "负责人", "打电话给我", "给我打电话", "回电", "回个电话", "不要机器人", "别用机器人"],
                 [.escalation(.humanRequest), .intent(.humanAgent, 3)]),
        CueEntry(["talk to a human", "speak to a human", "speak with a human", "talk to a person", "speak to a person",
                  "real person", "real human", "live person", "live agent", "human agent", "a human",
                  "actual person", "talk to someone", "speak to someone", "speak with someone", "talk with someone",
                  "talk to an agent", "speak to an agent", "an agent", "agent", "representative", "customer rep",
                  "supervisor", "manager", "operator", "call me back", "call me", "give me a call", "someone call me",
                  "escalate", "no bot", "stop the bot"],
                 [.escalation(.humanRequest), .intent(.humanAgent, 3)]),
        CueEntry(["人工智能", "人工费", "人工成本", "人工湖", "agent of", "travel agent", "user agent", "agent's",
                  "are you human", "are you a human", "human error", "project manager", "manager's special", "store manager said",
                  "i am a manager", "i'm a manager", "call me when", "call me if"], []),
        // legal_threat
        CueEntry(["12315", "12345", "315", "消协", "消费者协会", "消保委", "工商", "工商局", "市场监管", "市场监督管理局", "市监局",
                  "投诉到", "律师", "律师函", "起诉", "告你们", "告你", "法院", "仲裁", "报警", "警察", "曝光", "媒体",
                  "微博", "抖音曝光", "小红书曝光", "黑猫投诉", "维权", "法律", "打官司", "举报"],
                 [.escalation(.legalThreat), .intent(.complaint, 1.5)]),
        CueEntry(["chargeback", "charge back", "file a dispute", "open a dispute", "dispute the charge", "lawyer*", "attorney*",
                  "sue", "suing", "lawsuit", "legal action", "small claims", "court", "bbb", "better business bureau", "ftc",
                  "consumer protection", "attorney general", "report you", "reporting you", "report this to", "police",
                  "trading standards", "go to the media", "the press", "social media"],
                 [.escalation(.legalThreat), .intent(.complaint, 1.5)]),
        CueEntry(["工商银行", "工商卡", "多媒体", "自媒体", "微博上看到", "在微博看到", "微博看到", "法律规定", "警察局旁",
                  "court shoes", "food court", "basketball court", "tennis court", "report card", "press the", "press and hold",
                  "pressure", "sue me"], []),
        // safety
        CueEntry(["起火", "着火", "失火", "冒烟", "冒火", "火花", "烧起来", "烧着", "爆炸", "炸了", "自燃", "烧焦", "焦味", "触电",
                  "漏电", "被电", "电到", "电击", "烫伤", "烧伤", "灼伤", "受伤", "划伤", "割伤", "流血", "住院", "医院", "食物中毒",
                  "中毒", "拉肚子", "腹泻", "呕吐", "过敏", "起疹子", "红疹", "皮疹", "窒息", "噎"],
                 [.escalation(.safety)]),
        CueEntry(["fire", "caught fire", "on fire", "burst into flames", "flames", "smoke", "smoking", "smoked", "exploded",
                  "explode*", "explosion", "burn", "burned", "burnt", "burns", "burning", "electric shock", "shocked me",
                  "got shocked", "got a shock", "electrocut*", "sparks", "sparking", "injur*", "got hurt", "hurt myself",
                  "was hurt", "hurt my", "cut myself", "bleeding", "hospital", "emergency room", "food poisoning", "poison*",
                  "got sick", "made me sick", "vomit*", "diarrhea", "allergic reaction", "allergic", "rash", "hives", "choking",
                  "choked", "toxic"],
                 [.escalation(.safety)]),
        CueEntry(["fire tv", "firestick", "fire stick", "kindle fire", "fire hd", "fire tablet", "fire red", "ceasefire",
                  "fire emoji", "smoke grey", "smoke gray", "smoked glass", "smoke detector", "smoke alarm", "no smoking",
                  "burn a cd", "burn-in", "burn in", "poison ivy", "hypoallergenic", "allergic to cats", "allergic to dust",
                  "烟灰色", "烟灰", "烟熏妆", "防过敏", "抗过敏", "过敏体质", "过敏肌", "会过敏吗", "会不会过敏", "容易过敏",
                  "低敏", "心态炸了", "气炸了", "炸鸡", "油炸", "炸串", "医院用", "hurt my feelings"], []),
    ]

    static let conditionEntries: [CueEntry] = [
        CueEntry(["没拆封", "没拆", "未拆封", "未拆", "未开封", "没开封", "没有拆封", "没有开封", "全新未拆", "原封", "原封不动",
                  "包装完好", "塑封", "unopened", "still sealed", "sealed", "factory sealed", "never opened", "in the box still",
                  "still in the box", "brand new in box", "in its original packaging"], [.condition(.unopened)]),
        CueEntry(["拆封", "开封", "拆了", "拆开", "打开", "拆开了", "开箱"], [.condition(.openedIntact)],
                 negated: [.condition(.unopened)]),
        CueEntry(["opened", "opened it", "opened the box", "tried it on", "tried on", "试了", "试穿", "试穿了"],
                 [.condition(.openedIntact)], negated: [.condition(.unopened)]),
        CueEntry(["用过", "用了", "使用过", "穿过", "穿了", "戴过", "洗过", "used", "wore", "worn",
                  "washed", "used it"], [.condition(.used)], negated: [.condition(.openedIntact)]),
        CueEntry(["unused", "unworn", "never used", "never worn", "tags still on", "with tags", "吊牌还在", "吊牌没剪", "没用过",
                  "没穿过", "没有使用"], [.condition(.openedIntact)]),
        CueEntry(["我摔", "我摔坏", "摔了一下", "不小心", "我弄坏", "被我", "自己弄", "自己摔", "孩子摔", "dropped it", "i dropped",
                  "accidentally", "spilled", "my fault", "my dog", "my kid broke", "stepped on"], [.condition(.damagedByCustomer)]),
        CueEntry(["坏了", "坏的", "坏掉", "坏", "故障", "质量问题", "不能用", "用不了", "没反应", "碎了", "破损", "裂了", "漏水", "瑕疵",
                  "次品", "defective", "faulty", "broken", "broke", "stopped working", "damaged", "cracked", "dead on arrival",
                  "malfunction*", "doa"], [.condition(.defective)]),
        CueEntry(["发错", "错发", "寄错", "不是我买的", "不是我要的", "wrong item", "wrong size", "wrong color", "wrong colour",
                  "wrong model", "wrong product", "not what i ordered", "isn't what i ordered"], [.condition(.wrongItem)]),
        CueEntry(["少发", "漏发", "少了", "缺", "缺少", "少件", "missing", "empty box", "was empty"], [.condition(.missingPart)]),
    ]
}
