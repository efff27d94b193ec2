import SupportModel
import Testing
import Understanding

/// Whether a message shows its language at all (the reply language of one that does not
/// follows the conversation).
@Suite struct LanguageSignalTests {
    @Test(arguments: ["202611120007", "👍", "ok", "OK!", "好", "好的", "嗯嗯", "#A7X92K", "1Z999AA10123456784", "?"])
    func showsNoLanguage(text: String) throws {
        #expect(!(try Analyze.message(text)).languageIsClear, "\(text)")
    }

    @Test(arguments: [
        ("where is it?", Language.english), ("thanks", .english), ("到哪了", .chinese), ("我的订单202611120007", .chinese),
        ("order 202611120007 please", .english),
    ])
    func showsItsLanguage(text: String, language: Language) throws {
        let analysis = try Analyze.message(text)
        #expect(analysis.languageIsClear, "\(text)")
        #expect(analysis.replyLanguage == language)
    }
}
