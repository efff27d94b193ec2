import Foundation
import JSONSchema
import RefundPolicy
import SupportModel
import Testing
import Understanding
@testable import SupportPipeline

/// Which order a message is about when it names none (the product it names), references typed
/// in other shapes, and the reply language of messages that show none.
@Suite struct OrderAndLanguageTests {
    /// u1 with three more orders: earbuds (one), a kettle, and a second jacket order.
    func harness(settings: PipelineSettings = PipelineSettings()) throws -> PipelineHarness {
        let h = try PipelineHarness(settings: settings)
        h.store.state.withLock { s in
            let base = s.orders["202611150001"]!
            func order(_ id: String, _ name: String, _ category: ProductCategory, daysAgo: Double) -> OrderSnapshot {
                var o = base
                o.id = id
                o.paidAt = PipelineHarness.now.addingTimeInterval(-daysAgo * 86_400)
                o.lines = [OrderLine(lineNo: 1, sku: id, productName: name, category: category, quantity: 1, unitPricePaid: Money(minorUnits: 9_900, currency: "CNY"))]
                return o
            }
            s.orders["202611100002"] = order("202611100002", "无线耳机", "electronics", daysAgo: 10)
            s.orders["202611180003"] = order("202611180003", "电热水壶", "appliances", daysAgo: 2)
            s.orders["202611190004"] = order("202611190004", "羽绒服", "apparel", daysAgo: 1)
        }
        return h
    }

    @Test func aProductNamedWithoutANumberPicksTheOneOrderHoldingItAndSaysWhich() async throws {
        let h = try harness()
        await h.handle(h.inbound("耳机坏了，左边没声音"))
        let reply = try #require(h.published(.reply).last)
        #expect(reply["kind"] == "answer")
        #expect(h.lastOrder("c1") == "202611100002")
        #expect(reply["text"]?.stringValue?.contains("202611100002") == true)
        // In English, and by a synonym across languages.
        await h.handle(h.inbound("my earbuds stopped working", conversation: "c2"))
        let english = try #require(h.published(.reply).last)
        #expect(h.lastOrder("c2") == "202611100002")
        #expect(english["text"]?.stringValue?.contains("earbuds") == true)
    }

    @Test func aProductInSeveralOrdersListsThoseOrders() async throws {
        let h = try harness()
        await h.handle(h.inbound("羽绒服想退货"))
        let reply = try #require(h.published(.reply).last)
        #expect(reply["kind"] == "clarification")
        let text = reply["text"]?.stringValue ?? ""
        #expect(text.contains("202611150001") && text.contains("202611190004"))
        #expect(!text.contains("202611180003") && !text.contains("202611100002"))
    }

    @Test func orderReferencesInOtherShapesNameTheCustomersOrder() async throws {
        let h = try harness()
        for (index, text) in ["订单号：202611100002，耳机坏了", "order #202611100002 is broken", "２０２６１１１００００２ 坏了"].enumerated() {
            await h.handle(h.inbound(text, conversation: "shape-\(index)"))
            #expect(h.lastOrder("shape-\(index)") == "202611100002", "\(text)")
        }
        #expect(OrderReference.matches("TB-3849201756", orderID: "3849201756"))
        #expect(OrderReference.matches("jd2938", orderID: "JD-2938"))
        #expect(!OrderReference.matches("2026111000", orderID: "202611100002"))
    }

    @Test func aShopPatternAddsReferencesTheUnderstandingMisses() async throws {
        var settings = PipelineSettings()
        settings.orderReferencePattern = try OrderReferencePattern("SO-[0-9]{4}")
        let h = try harness(settings: settings)
        h.store.state.withLock { s in
            var o = s.orders["202611180003"]!
            o.id = "SO-7788"
            s.orders[o.id] = o
        }
        await h.handle(h.inbound("SO-7788 到哪了"))
        #expect(h.lastOrder("c1") == "SO-7788")
        #expect(throws: OrderReferencePatternError.self) { try OrderReferencePattern("([") }
        #expect(throws: OrderReferencePatternError.self) { try OrderReferencePattern("x*") }
    }

    @Test func aMessageWithoutLanguageKeepsTheConversationsThenTheCustomersLanguage() async throws {
        let h = try harness()
        await h.handle(h.inbound("Where is my order?", conversation: "lang"))
        #expect(h.published(.reply).last?["language"] == "en")
        await h.handle(h.inbound("202611150001", conversation: "lang"))
        let answer = try #require(h.published(.reply).last)
        #expect(answer["language"] == "en")
        #expect(answer["kind"] == "answer")

        // A new conversation: the customer's preferred language decides.
        h.store.state.withLock { $0.preferredLanguages["u1"] = .english }
        await h.handle(h.inbound("202611150001", conversation: "fresh"))
        #expect(h.published(.reply).last?["language"] == "en")
        // A message in Chinese is answered in Chinese whatever came before.
        await h.handle(h.inbound("我的订单到哪了", conversation: "lang"))
        #expect(h.published(.reply).last?["language"] == "zh")
    }
}

extension PipelineHarness {
    /// The order the conversation is about now.
    func lastOrder(_ conversation: String) -> String? {
        store.state.withLock { $0.conversations[conversation]?.lastOrderID }
    }
}
