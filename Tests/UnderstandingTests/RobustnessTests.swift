import SupportModel
import Testing
import Understanding

@Suite struct RobustnessTests {
    @Test func emptyAndOverlongTextsAreRefusedWithTheirCode() throws {
        for text in ["", "   ", "\n\t　"] {
            do {
                _ = try Analyze.message(text)
                Issue.record("an empty text was accepted")
            } catch {
                #expect(error.code == .emptyText)
            }
        }
        let analyzer = RuleBasedAnalyzer(maximumLength: 100)
        do {
            _ = try analyzer.analysis(of: String(repeating: "退", count: 101), context: AnalysisContext(referenceDay: Analyze.referenceDay))
            Issue.record("an over-long text was accepted")
        } catch {
            #expect(error.code == .textTooLong)
            #expect(!error.description.contains("退"))
        }
    }

    /// Random messages made of the characters scanners care about never crash the analyzer,
    /// and every span it reports is exact.
    @Test func randomMessagesGiveExactSpansAndNeverCrash() throws {
        let alphabet = Array("0123456789０１２３+-()/.,:：#@¥$元块号月日年天前周一二三十百千万两订单号快递电话退款坏了没收到不满意转人工 abcxyzSFJDTUPSorder refund lastMonday😡👍\u{301}\u{FE0F}")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 58) + 1
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            guard text.contains(where: { !$0.isWhitespace }) else { continue }
            let analysis = try Analyze.message(text)
            let scalars = text.unicodeScalars.count
            for entity in analysis.entities {
                #expect(entity.start >= 0 && entity.start < entity.end && entity.end <= scalars)
                #expect(Analyze.slice(text, entity.start, entity.end) == entity.text, "\(text)")
            }
            #expect((0...1).contains(analysis.intentConfidence))
            #expect((0...1).contains(analysis.sentiment.score))
        }
    }

    @Test func aLongMessageIsAnalyzedWhole() throws {
        let text = String(repeating: "我的耳机坏了，", count: 500) + "订单号202611150001"
        let analysis = try Analyze.message(text)
        #expect(analysis.intent == .damagedOrDefective)
        #expect(analysis.entities(of: .orderID).first?.start == 3_503)
    }
}
