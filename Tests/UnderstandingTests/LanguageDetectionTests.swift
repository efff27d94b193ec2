import SupportModel
import Testing
import Understanding

@Suite struct LanguageDetectionTests {
    @Test(arguments: [
        ("我想 return 这个", Language.mixed, Language.chinese),
        ("I need 人工客服 please", .mixed, .english),
        ("麻烦帮我 check 一下物流", .mixed, .chinese),
        ("我的订单到哪了", .chinese, .chinese),
        ("where is my order", .english, .english),
        ("我的iPhone坏了", .chinese, .chinese),
        ("订单号SF1402938475612到哪了", .chinese, .chinese),
        ("XL码的有货吗", .chinese, .chinese),
        ("ok", .english, .english),
        ("請問我的訂單出貨了嗎", .chinese, .chinese),
        ("？？？", .chinese, .chinese),
    ])
    func languageFollowsTheScriptsThatCarryMeaning(text: String, language: Language, reply: Language) throws {
        let analysis = try Analyze.message(text)
        #expect(analysis.language == language)
        #expect(analysis.replyLanguage == reply)
    }

    @Test func theLocaleDecidesWhenTheTextHasNoWords() throws {
        #expect(try Analyze.message("202611150001", locale: "en-US").replyLanguage == .english)
        #expect(try Analyze.message("202611150001", locale: "zh_CN").replyLanguage == .chinese)
        #expect(try Analyze.message("👍").replyLanguage == .chinese)
    }

    @Test func theReplyLanguageIsNeverMixed() throws {
        for text in ["我想 return 这个", "hello 在吗", "ok 好的 thx", "I need 人工客服 please"] {
            #expect(try Analyze.message(text).replyLanguage != .mixed)
        }
    }
}
