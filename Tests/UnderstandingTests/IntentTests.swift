import SupportModel
import Testing
import Understanding

@Suite struct IntentTests {
    @Test(arguments: [
        ("还没收到货", Intent.notReceived),
        ("我没有收到包裹", .notReceived),
        ("I haven't received my package", .notReceived),
        ("the parcel never arrived", .notReceived),
        ("收到了，谢谢", .chitchat),
        ("I received it, thanks!", .chitchat),
        ("还没发货吗？都五天了", .shippingDelay),
        ("it still hasn't shipped", .shippingDelay),
    ])
    func negationTurnsArrivalIntoItsAbsence(text: String, intent: Intent) throws {
        #expect(try Analyze.message(text).intent == intent)
    }

    @Test(arguments: [
        ("耳机坏了，我要退款", Intent.damagedOrDefective),
        ("the remote is broken, I want to return it", .damagedOrDefective),
        ("发错货了，给我换一个", .wrongOrMissingItem),
        ("东西一直没到，我要退款", .notReceived),
        ("退款什么时候到账", .refundStatus),
        ("I still haven't received my refund", .refundStatus),
        ("降价了，退差价", .priceProtection),
        ("地址填错了，还没发货的话帮我改一下", .changeOrder),
    ])
    func theProblemDecidesOverTheRemedyAskedWithIt(text: String, intent: Intent) throws {
        #expect(try Analyze.message(text).intent == intent)
    }

    @Test(arguments: [
        ("我的订单到哪了", Intent.orderStatus), ("where is my order", .orderStatus),
        ("物流太慢了，卡了三天", .shippingDelay), ("why is shipping taking so long", .shippingDelay),
        ("显示已签收但我没收到", .notReceived), ("package marked as delivered but not here", .notReceived),
        ("我想退货", .returnRequest), ("I'd like to return this", .returnRequest),
        ("我要退款", .refundRequest), ("please refund me", .refundRequest),
        ("退款进度怎么样了", .refundStatus), ("what's the status of my refund", .refundStatus),
        ("可以换个大一号的吗", .exchangeRequest), ("can I exchange it for a larger size", .exchangeRequest),
        ("屏幕碎了", .damagedOrDefective), ("it stopped working after a day", .damagedOrDefective),
        ("少发了一件", .wrongOrMissingItem), ("I got the wrong item", .wrongOrMissingItem),
        ("帮我取消订单", .cancelOrder), ("please cancel my order", .cancelOrder),
        ("能改一下收货地址吗", .changeOrder), ("I need to change the shipping address", .changeOrder),
        ("买完就降价了，能保价吗", .priceProtection), ("do you offer price protection", .priceProtection),
        ("可以开发票吗", .invoice), ("please send me an invoice", .invoice),
        ("这个耳机怎么连蓝牙", .productUsage), ("how do I pair the headphones", .productUsage),
        ("你们客服态度太差了，我要投诉", .complaint), ("I want to file a complaint", .complaint),
        ("转人工", .humanAgent), ("let me talk to a human", .humanAgent),
        ("你好", .chitchat), ("thanks, bye", .chitchat),
    ])
    func everyIntentIsRecognizedInBothLanguages(text: String, intent: Intent) throws {
        #expect(try Analyze.message(text).intent == intent)
    }

    @Test func confidenceIsHighForClearMessagesAndLowForGibberishOrConflicts() throws {
        let greeting = try Analyze.message("你好")
        let gibberish = try Analyze.message("asdfghjkl qwerty")
        let conflicted = try Analyze.message("我想退货，也想改地址，还想开发票")
        let clear = try Analyze.message("我要退货")
        #expect(greeting.intent == .chitchat && greeting.intentConfidence >= 0.7)
        #expect(gibberish.intentConfidence < 0.3)
        #expect(clear.intentConfidence >= 0.8)
        #expect(conflicted.intentConfidence < clear.intentConfidence - 0.2)
    }

    @Test func candidatesAreAtMostThreeSortedAndStartWithTheIntent() throws {
        for text in ["我想退货，也想改地址，还想开发票", "你好", "asdf", "where is my refund, I want to cancel"] {
            let analysis = try Analyze.message(text)
            #expect(analysis.intentCandidates.count <= 3)
            #expect(analysis.intentCandidates.first?.intent == analysis.intent)
            #expect(analysis.intentCandidates.first?.probability == analysis.intentConfidence)
            #expect(zip(analysis.intentCandidates, analysis.intentCandidates.dropFirst()).allSatisfy { $0.probability >= $1.probability })
            #expect(analysis.intentCandidates.reduce(0) { $0 + $1.probability } <= 1.0000001)
        }
    }

    @Test func aBareOrderNumberAsksAboutThatOrder() throws {
        let analysis = try Analyze.message("202611150001")
        #expect(analysis.intent == .orderStatus)
        #expect(analysis.intentConfidence < 0.9)
    }
}
