import Foundation
import SupportModel

/// Writes replies from bilingual templates, using only the facts in the plan. Always
/// available, deterministic, and the fallback when a model's draft fails the guardrails.
public struct TemplateDrafter: ReplyDrafter {
    public let backendName = "template"

    public init() {}

    public func draft(_ plan: ReplyPlan) async throws -> String {
        render(plan)
    }

    /// The reply text for `plan` (synchronous; templates need no waiting).
    public func render(_ plan: ReplyPlan) -> String {
        let f = ReplyFormatter(language: plan.replyLanguage, timezone: plan.timezone)
        switch plan.kind {
        case .acknowledgement: return acknowledgement(plan, f)
        case .clarification: return clarification(plan, f)
        case .answer: return matchedOrder(plan, f) + answer(plan, f)
        }
    }

    /// Which order the bot took for the product the customer named (no order number given).
    private func matchedOrder(_ plan: ReplyPlan, _ f: ReplyFormatter) -> String {
        guard let product = plan.matchedProduct, let order = plan.order else { return "" }
        let names = order.productNames.isEmpty ? "" : zh(f, "（\(f.list(order.productNames))）", " (\(f.list(order.productNames)))")
        return zh(
            f, "您提到的「\(product)」在订单 \(order.id)\(names)中，以下按这个订单为您处理。",
            "The \(product) you mentioned is in order \(order.id)\(names), so I'm going by that order. ")
    }

    private func zh(_ f: ReplyFormatter, _ chinese: String, _ english: String) -> String {
        f.chinese ? chinese : english
    }

    private func acknowledgement(_ plan: ReplyPlan, _ f: ReplyFormatter) -> String {
        if plan.escalationPriority == .urgent || plan.escalationReasons.contains(.safety) {
            return zh(
                f,
                "非常抱歉发生这样的情况！您的安全最重要：请立即停止使用该商品，断开电源并远离。我们已将您的问题以最高优先级转交人工专员，专员会尽快联系您。",
                "We're very sorry this happened. Your safety comes first: please stop using the product, unplug it and keep away from it. We have passed your case to a specialist with top priority, and they will contact you shortly."
            )
        }
        return zh(
            f,
            "已为您转接人工客服，专员会尽快回复您，请稍候。对话记录已一并转交，您无需重复描述问题。",
            "I've passed your conversation to a human agent, who will reply shortly. They can see this conversation, so you won't need to repeat yourself."
        )
    }

    private func clarification(_ plan: ReplyPlan, _ f: ReplyFormatter) -> String {
        if let product = plan.matchedProduct, !plan.recentOrderIDs.isEmpty {
            return zh(
                f, "您有几个订单都包含「\(product)」：\(f.list(plan.recentOrderIDs))。请问是哪一个订单呢？",
                "Several of your orders have the \(product): \(f.list(plan.recentOrderIDs)). Which one is this about?")
        }
        var text = zh(f, "请问是哪一个订单呢？请把订单号发给我。", "Which order is this about? Please send me the order number.")
        if !plan.recentOrderIDs.isEmpty {
            text += zh(f, "您最近的订单：\(f.list(plan.recentOrderIDs))。", " Your recent orders: \(f.list(plan.recentOrderIDs)).")
        }
        return text
    }

    /// Reason codes whose sentence adds nothing to a reply that already states the facts.
    static let silentReasons: Set<String> = ["no_remedy_requested"]

    private func reasons(_ plan: ReplyPlan, _ f: ReplyFormatter) -> String {
        let sentences = (plan.decision?.reasons ?? []).filter { !Self.silentReasons.contains($0.code) }
            .map { f.chinese ? $0.zh : $0.en }.filter { !$0.isEmpty }
        return sentences.joined(separator: f.chinese ? "" : " ")
    }

    private func orderRef(_ plan: ReplyPlan, _ f: ReplyFormatter) -> String {
        guard let id = plan.order?.id else { return "" }
        return zh(f, "（订单 \(id)）", " (order \(id))")
    }

    private func answer(_ plan: ReplyPlan, _ f: ReplyFormatter) -> String {
        guard let decision = plan.decision else { return facts(plan, f) }
        let refund = decision.refund ?? .zero("CNY")
        let amount = f.money(refund)
        let id = plan.order?.id ?? ""
        let ref = orderRef(plan, f)
        let payer = f.payer(decision.returnShippingPaidBy)
        let shipBy = decision.deadlines.sorted { $0.key < $1.key }.first { $0.key.contains("ship") || $0.key.contains("return") }
            .map { f.date($0.value) }
        let why = reasons(plan, f)
        switch decision.outcome {
        case .approveCancel:
            if refund.isZero {
                return zh(f, "订单 \(id) 尚未付款，可以直接取消，无需退款。", "Order \(id) hasn't been paid, so it can be cancelled with nothing to refund.")
            }
            return zh(
                f, "订单 \(id) 还未发货，可以为您取消。\(amount) 将原路退回到您的支付账户。",
                "Order \(id) hasn't shipped yet, so it can be cancelled. \(amount) will be refunded to your original payment method.")
        case .approveRefundOnly:
            return zh(
                f, "您的退款申请已通过\(ref)：\(amount) 将原路退回，无需寄回商品。\(why)",
                "Your refund has been approved\(ref): \(amount) will go back to your original payment method, and you don't need to send anything back. \(why)")
        case .approveReturnRefund:
            var text = zh(f, "您的退货退款申请已通过\(ref)。", "Your return has been approved\(ref).")
            if let shipBy { text += zh(f, "请在 \(shipBy) 前寄回商品", " Please send the item back by \(shipBy)") }
            else { text += zh(f, "请寄回商品", " Please send the item back") }
            if let payer { text += zh(f, "，退货运费由\(payer)承担。", "; return shipping is paid by \(payer).") }
            else { text += zh(f, "。", ".") }
            text += zh(f, "我们收到退货后将退款 \(amount)。", " Once it arrives, we'll refund \(amount).")
            return text + (why.isEmpty ? "" : (f.chinese ? why : " " + why))
        case .approveExchange:
            var text = zh(f, "可以为您换货\(ref)。", "We can exchange it for you\(ref).")
            if let shipBy { text += zh(f, "请在 \(shipBy) 前寄回原商品", " Please send the original item back by \(shipBy)") }
            else { text += zh(f, "请寄回原商品", " Please send the original item back") }
            if let payer { text += zh(f, "，运费由\(payer)承担", "; shipping is paid by \(payer)") }
            text += zh(f, "，我们收到后会寄出新的商品。", ", and we'll send the replacement once it arrives.")
            return text
        case .approvePriceProtection:
            return zh(
                f, "价保申请已通过\(ref)：差价 \(amount) 将原路退回。",
                "Your price protection claim has been approved\(ref): the difference of \(amount) will go back to your original payment method.")
        case .repairReferral:
            return zh(
                f, "商品已超过退换期限，但仍在保修期内\(ref)，可以为您安排保修维修。\(why)",
                "The item is past the return and exchange period but still under warranty\(ref), so we can arrange a warranty repair. \(why)")
        case .manualReview:
            return zh(
                f, "您的申请需要人工审核\(ref)，审核结果会尽快通知您。\(why)",
                "Your request needs a review by our team\(ref); we'll let you know the result as soon as possible. \(why)")
        case .needInfo:
            return zh(
                f, "没有找到这个订单号对应的订单，请核对后再发给我。",
                "I couldn't find an order with that number. Please check it and send it again.")
        case .deny:
            if decision.reasons.contains(where: { $0.code == "in_transit_within_grace" }), plan.order != nil {
                return facts(plan, f) + (f.chinese ? why : " " + why)
            }
            return zh(f, "很抱歉，这次的申请无法通过\(ref)。\(why)", "I'm sorry, we can't approve this request\(ref). \(why)")
        case .none:  // facts only
            return facts(plan, f) + (why.isEmpty ? "" : (f.chinese ? why : " " + why))
        }
    }

    /// Replies that only state facts (no remedy asked).
    private func facts(_ plan: ReplyPlan, _ f: ReplyFormatter) -> String {
        switch plan.intent {
        case .orderStatus, .shippingDelay, .notReceived:
            guard let order = plan.order else { return greeting(f) }
            var text = plan.intent == .shippingDelay ? zh(f, "抱歉让您久等了。", "Sorry for the wait. ") : ""
            text += zh(f, "订单 \(order.id) 当前状态：\(f.orderStatus(order.status))。", "Order \(order.id) is \(f.orderStatus(order.status)).")
            if let carrier = order.carrier, let tracking = order.trackingNumber {
                text += zh(f, "承运商 \(carrier)，运单号 \(tracking)", " Carrier: \(carrier), tracking number \(tracking)")
                if let cs = order.carrierStatus { text += zh(f, "，物流状态：\(f.carrierStatus(cs))", " (\(f.carrierStatus(cs)))") }
                text += zh(f, "。", ".")
            }
            if let promised = order.promisedDeliveryBy, order.status == .shipped || order.status == .paid {
                text += zh(f, "预计 \(f.date(promised)) 前送达。", " Expected delivery by \(f.date(promised)).")
            }
            if let delivered = order.deliveredAt, order.status.isDelivered {
                text += zh(f, "签收时间：\(f.date(delivered))。", " Delivered on \(f.date(delivered)).")
            }
            return text
        case .refundStatus:
            if let refund = plan.openRefund {
                let status = ["requested": ("已提交", "submitted"), "processing": ("处理中", "being processed"),
                              "completed": ("已完成", "completed"), "rejected": ("未通过", "rejected")][refund.status]
                let word = status.map { f.chinese ? $0.0 : $0.1 } ?? refund.status
                return zh(
                    f, "您的退款 \(f.money(refund.amount))\(orderRef(plan, f))目前状态：\(word)。",
                    "Your refund of \(f.money(refund.amount))\(orderRef(plan, f)) is \(word).")
            }
            return zh(f, "没有查到这个订单进行中的退款。", "I couldn't find a refund in progress for this order.")
        case .invoice:
            return zh(
                f, "电子发票可以在订单详情页申请开具，开具后可在同一页面下载。",
                "You can request an electronic invoice on the order details page, and download it there once it's issued.")
        case .productUsage:
            return zh(
                f, "建议先参考商品说明书。方便的话，请描述一下具体的现象，我来帮您看看。",
                "The product manual is a good first step. If you can describe what happens, I'll help you look into it.")
        case .complaint:
            return zh(f, "非常抱歉给您带来不好的体验，您的反馈我们已经记录。", "I'm very sorry about this experience. I've recorded your feedback.")
        case .changeOrder:
            guard let order = plan.order else { return greeting(f) }
            return zh(
                f, "订单 \(order.id) 当前状态：\(f.orderStatus(order.status))。发货前可在订单详情页修改收货信息。",
                "Order \(order.id) is \(f.orderStatus(order.status)). Delivery details can be changed on the order page until it ships.")
        default:
            return greeting(f)
        }
    }

    private func greeting(_ f: ReplyFormatter) -> String {
        zh(
            f, "您好！我是售后助手，可以帮您查询订单和物流，办理退货、换货和退款。",
            "Hello! I'm the after-sales assistant. I can check orders and deliveries, and handle returns, exchanges and refunds.")
    }
}
