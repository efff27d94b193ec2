import SupportModel
import Testing
import Understanding

@Suite struct SentimentTests {
    @Test(arguments: ["垃圾！骗子！！！", "什么垃圾东西，骗子黑店", "This is a SCAM!!! Terrible terrible service", "worst company ever, you are thieves!!"])
    func strongAngerIsNegativeWithAHighScore(text: String) throws {
        let sentiment = try Analyze.message(text).sentiment
        #expect(sentiment.label == .negative)
        #expect(sentiment.score >= 0.9)
    }

    @Test(arguments: ["太失望了", "非常不满意，太差了", "I'm really disappointed", "this is so frustrating"])
    func dissatisfactionIsNegative(text: String) throws {
        #expect(try Analyze.message(text).sentiment.label == .negative)
    }

    @Test(arguments: ["非常感谢，很满意！", "谢谢你，东西很好用👍", "Thanks so much, you're awesome", "love it, great service"])
    func praiseIsPositive(text: String) throws {
        #expect(try Analyze.message(text).sentiment.label == .positive)
    }

    @Test(arguments: ["我的订单到哪了", "请问可以开发票吗", "Can I change my address?", "order 202611150001"])
    func plainQuestionsAreNeutral(text: String) throws {
        #expect(try Analyze.message(text).sentiment.label == .neutral)
    }

    @Test func negationFlipsPolarity() throws {
        #expect(try Analyze.message("很满意").sentiment.label == .positive)
        #expect(try Analyze.message("很不满意，太失望").sentiment.label == .negative)
        #expect(try Analyze.message("not bad at all").sentiment.label != .negative)
    }

    @Test func intensifiersAndShoutingMakeAngerStronger() throws {
        let plain = try Analyze.message("this is bad").sentiment
        let intensified = try Analyze.message("this is so bad").sentiment
        let shouted = try Analyze.message("this is so bad!!! WHERE IS MY MONEY").sentiment
        #expect(plain.label == .negative && intensified.label == .negative && shouted.label == .negative)
        #expect(plain.score < intensified.score)
        #expect(intensified.score < shouted.score)
    }

    @Test func aBareDefectReportIsNeutralButAnUpsetOneIsNegative() throws {
        #expect(try Analyze.message("the remote doesn't work").sentiment.label == .neutral)
        #expect(try Analyze.message("the remote doesn't work!! so annoying").sentiment.label == .negative)
    }
}
