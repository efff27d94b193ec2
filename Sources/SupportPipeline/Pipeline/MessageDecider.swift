import Conversation
import Drafting
import Escalation
import Foundation
import RefundPolicy
import SupportEvents
import SupportModel
import Understanding

/// Decides what to do with one understood message, given the conversation and the customer's
/// data: which order, which policy decision, whether to escalate, and what to say. Pure: no
/// I/O, no clock (`now` is an input); tested with plain values.
public struct MessageDecider: Sendable {
    public let policy: PolicyEngine
    public let escalation: EscalationRules
    public let replyTimeZone: String
    /// Links the products customers name to their order lines.
    public let products: ProductConcepts

    public init(
        policy: PolicyEngine, escalation: EscalationRules, replyTimeZone: String = "Asia/Shanghai",
        products: ProductConcepts = ProductConcepts()
    ) {
        self.policy = policy
        self.escalation = escalation
        self.replyTimeZone = replyTimeZone
        self.products = products
    }

    /// Intents that are about a particular order.
    static let orderIntents: Set<Intent> = [
        .orderStatus, .shippingDelay, .notReceived, .returnRequest, .refundRequest, .refundStatus, .exchangeRequest,
        .damagedOrDefective, .wrongOrMissingItem, .cancelOrder, .changeOrder, .priceProtection,
    ]

    /// Intents that ask for a remedy (money, goods or a cancellation).
    static let remedyIntents: Set<Intent> = [
        .notReceived, .returnRequest, .refundRequest, .exchangeRequest, .damagedOrDefective, .wrongOrMissingItem,
        .cancelOrder, .priceProtection,
    ]

    /// Intents whose repetition after an answer counts as "the same problem raised again".
    static let problemIntents: Set<Intent> = orderIntents.union([.complaint, .productUsage])

    public func decide(
        message: InboundMessage, analysis: MessageAnalysis, context: CustomerContext, now: Date
    ) -> MessageDecision {
        var conversation = context.conversation
        conversation.turnCount += 1

        // A conversation with a human: the bot stays silent until an agent releases it.
        guard conversation.botAnswers else {
            return MessageDecision(
                intent: analysis.intent, order: nil, policyDecision: nil, escalation: nil, reply: nil,
                suggestedReply: nil, conversation: conversation, executesRefund: false)
        }

        let mentionedOrderIDs = Self.orderIDs(in: analysis)
        let intent = effectiveIntent(analysis, conversation, mentionsOrder: !mentionedOrderIDs.isEmpty)
        let language = Self.replyLanguage(analysis, conversation: context.conversation, preferred: context.preferredLanguage)

        // Which order: one the message names (only this customer's are loaded, and a
        // reference counts only when it is one of them), else the one holding the product the
        // message names, else the conversation's, else the customer's only recent one.
        var order: OrderSnapshot?
        var namedOrderMissing = false
        var matchedProduct: String?
        var productOrders: [OrderSnapshot] = []
        let ownOrders = (context.orders + context.recentOrders).filter { $0.customerID == message.customerID }
        let current = conversation.lastOrderID.flatMap { id in ownOrders.first { $0.id == id } }
        if !mentionedOrderIDs.isEmpty {
            order = mentionedOrderIDs.lazy.compactMap { named in ownOrders.first { OrderReference.matches(named, orderID: $0.id) } }.first
            namedOrderMissing = order == nil
        } else if let link = productLink(analysis, current: current, recent: context.recentOrders, customerID: message.customerID) {
            matchedProduct = link.product
            if link.orders.count == 1 { order = link.orders[0] } else { productOrders = link.orders }
        } else if let current {
            order = current
        } else if context.recentOrders.count == 1 && Self.orderIntents.contains(intent) {
            order = context.recentOrders.first
        }

        // An order intent with no order identified: ask which one (listing the orders that
        // hold the product named, when several do).
        if order == nil && !namedOrderMissing && (Self.orderIntents.contains(intent) || !productOrders.isEmpty) {
            conversation.openSlot = .orderID
            conversation.pendingIntent = intent
            conversation.lastIntent = intent
            conversation.language = language
            conversation.repeatCount = 0
            let ask = ReplyPlan(
                language: language, kind: .clarification, intent: intent, timezone: replyTimeZone, asksFor: "order_id",
                recentOrderIDs: productOrders.isEmpty ? context.recentOrders.prefix(3).map(\.id) : productOrders.prefix(5).map(\.id),
                matchedProduct: productOrders.isEmpty ? nil : matchedProduct)
            return finish(
                intent: intent, analysis: analysis, context: context, order: nil, decision: nil, plan: ask,
                conversation: conversation, now: now)
        }

        var decision: PolicyDecision?
        if order != nil || namedOrderMissing {
            let policyCase = PolicyCase(
                now: now, customer: context.customer, order: order, catalog: context.catalog,
                request: request(intent: intent, analysis: analysis, order: order, context: context, customerID: message.customerID,
                                 namedOrderID: mentionedOrderIDs.first))
            decision = policy.decide(policyCase)
        }
        if namedOrderMissing {
            // Ask again, revealing nothing about the number given.
            conversation.openSlot = Self.orderIntents.contains(intent) ? .orderID : nil
            conversation.pendingIntent = Self.orderIntents.contains(intent) ? intent : nil
        } else {
            conversation.openSlot = nil
            conversation.pendingIntent = nil
        }
        conversation.lastOrderID = order?.id ?? conversation.lastOrderID
        conversation.lastIntent = intent
        conversation.lastOutcome = decision?.outcome
        conversation.language = language
        let plan = ReplyPlan(
            language: language, kind: .answer, intent: intent, timezone: replyTimeZone,
            order: order.map(Self.orderFacts), decision: decision.map(Self.decisionFacts),
            openRefund: intent == .refundStatus ? order.flatMap(Self.openRefundFacts) : nil,
            matchedProduct: order == nil ? nil : matchedProduct)
        return finish(
            intent: intent, analysis: analysis, context: context, order: order, decision: decision, plan: plan,
            conversation: conversation, now: now)
    }

    /// Applies the escalation rules and settles the reply, the conversation and the refund.
    private func finish(
        intent: Intent, analysis: MessageAnalysis, context: CustomerContext, order: OrderSnapshot?,
        decision: PolicyDecision?, plan: ReplyPlan, conversation: ConversationState, now: Date
    ) -> MessageDecision {
        var conversation = conversation
        let repeated = plan.kind == .answer && Self.problemIntents.contains(intent)
            && context.conversation.lastAnsweredIntent == intent
        let repeatCount = repeated ? context.conversation.repeatCount + 1 : 0
        let orderValue = order.map { o in o.lines.reduce(Money.zero(o.currency)) { $0 + $1.unitPricePaid * $1.quantity } }
        var input = MessageEscalation.input(from: analysis, intent: intent)
        input.repeatCount = repeatCount
        input.policyManualReview = decision?.outcome == .manualReview
        input.asksForRemedy = Self.remedyIntents.contains(intent)
        input.customerTier = context.customer.tier ?? .regular
        input.orderValue = orderValue
        let verdict = escalation.evaluate(input)

        if let verdict {
            conversation.escalated(reasons: verdict.reasons, at: now)
            conversation.repeatCount = 0
            conversation.lastAnsweredIntent = nil
            let ack = ReplyPlan(
                language: plan.language, kind: .acknowledgement, intent: intent, timezone: replyTimeZone,
                order: plan.order, escalationPriority: verdict.priority, escalationReasons: verdict.reasons)
            return MessageDecision(
                intent: intent, order: order, policyDecision: decision, escalation: verdict, reply: ack,
                suggestedReply: plan, conversation: conversation, executesRefund: false)
        }
        conversation.repeatCount = repeatCount
        if plan.kind == .answer { conversation.lastAnsweredIntent = intent }
        let executes = decision.map { $0.outcome.movesMoney && ($0.refund?.minorUnits ?? 0) > 0 } ?? false
        return MessageDecision(
            intent: intent, order: order, policyDecision: decision, escalation: nil, reply: plan, suggestedReply: plan,
            conversation: conversation, executesRefund: executes)
    }

    /// The intent to act on: an open slot filled by this message keeps the pending intent.
    private func effectiveIntent(_ analysis: MessageAnalysis, _ conversation: ConversationState, mentionsOrder: Bool) -> Intent {
        guard conversation.openSlot == .orderID, let pending = conversation.pendingIntent, mentionsOrder else {
            return analysis.intent
        }
        // "12345678" or "it's order 12345678" answers the question; a new clear request wins.
        let answersTheQuestion = [Intent.chitchat, .orderStatus, pending].contains(analysis.intent)
            || analysis.intentConfidence < 0.6
        return answersTheQuestion ? pending : analysis.intent
    }

    /// The structured request for the policy. The customer's words never reach it: only the
    /// intent, the lines the message points at, the stated condition and the wanted variant.
    private func request(
        intent: Intent, analysis: MessageAnalysis, order: OrderSnapshot?, context: CustomerContext, customerID: String,
        namedOrderID: String?
    ) -> PolicyRequest {
        var lineNos: [Int]?
        if let order {
            let products = analysis.entities.filter { $0.type == .product }.map { $0.text.lowercased() }
            let matched = order.lines.filter { line in
                let name = (line.productName ?? "").lowercased()
                return products.contains { !$0.isEmpty && (name.contains($0) || $0.contains(name) && !name.isEmpty) }
            }.map(\.lineNo)
            if !matched.isEmpty && matched.count < order.lines.count { lineNos = matched }
        }
        var condition = analysis.claimedCondition
        if condition == nil {
            switch intent {
            case .damagedOrDefective: condition = .defective
            case .wrongOrMissingItem: condition = .wrongItem
            default: break
            }
        }
        var exchangeSKU: String?
        if let wanted = analysis.requestedVariant?.lowercased(), let order {
            let lines = lineNos.map { nos in order.lines.filter { nos.contains($0.lineNo) } } ?? order.lines
            for line in lines {
                if let variant = context.variants[line.sku]?.first(where: {
                    $0.labelZH.lowercased() == wanted || $0.labelEN.lowercased() == wanted
                }) {
                    exchangeSKU = variant.variantSKU
                    break
                }
            }
        }
        return PolicyRequest(
            intent: intent, customerID: customerID, orderID: order?.id ?? namedOrderID, lineNos: lineNos,
            claimedCondition: condition, exchangeSKU: exchangeSKU)
    }

    /// The language to answer in: the message's own when it shows one; for a message that
    /// shows none (an order number alone, "ok", "好"), the conversation's, then the
    /// customer's preferred language.
    static func replyLanguage(_ analysis: MessageAnalysis, conversation: ConversationState, preferred: Language?) -> Language {
        func spoken(_ language: Language) -> Language { language == .english ? .english : .chinese }
        if analysis.languageIsClear { return spoken(analysis.replyLanguage) }
        if let language = conversation.language { return spoken(language) }
        if let preferred { return spoken(preferred) }
        return spoken(analysis.replyLanguage)
    }

    /// The customer's orders holding a product the message names (the conversation's order
    /// first, if it holds it), with the product as the customer wrote it; nil when the
    /// message names no product or none of the orders holds it.
    func productLink(
        _ analysis: MessageAnalysis, current: OrderSnapshot?, recent: [OrderSnapshot], customerID: String
    ) -> (product: String, orders: [OrderSnapshot])? {
        for mention in analysis.entities(of: .product) {
            func holds(_ order: OrderSnapshot) -> Bool {
                order.customerID == customerID && order.lines.contains { line in
                    [line.productName, line.category.rawValue].compactMap { $0 }.contains { products.matches(mention: mention.text, name: $0) }
                }
            }
            if let current, holds(current) { return (mention.text, [current]) }
            let found = recent.filter(holds)
            if !found.isEmpty { return (mention.text, found) }
        }
        return nil
    }

    /// Order numbers named in the message (digits of `order_id` entities), in order.
    static func orderIDs(in analysis: MessageAnalysis) -> [String] {
        var seen: Set<String> = []
        return analysis.entities.filter { $0.type == .orderID }.compactMap { entity in
            let id = entity.normalized ?? entity.text
            return seen.insert(id).inserted ? id : nil
        }
    }

    static func orderFacts(_ order: OrderSnapshot) -> ReplyPlan.OrderFacts {
        ReplyPlan.OrderFacts(
            id: order.id, status: order.status, carrier: order.carrier, trackingNumber: order.trackingNumber,
            carrierStatus: order.carrierStatus, promisedDeliveryBy: order.promisedDeliveryBy,
            shippedAt: order.shippedAt, deliveredAt: order.deliveredAt, productNames: order.lines.compactMap(\.productName))
    }

    static func decisionFacts(_ decision: PolicyDecision) -> ReplyPlan.DecisionFacts {
        ReplyPlan.DecisionFacts(
            outcome: decision.outcome, refund: decision.refund, returnShippingPaidBy: decision.returnShippingPaidBy,
            deadlines: Dictionary(uniqueKeysWithValues: decision.deadlines.map { ($0.key.rawValue, $0.value) }),
            reasons: decision.reasons.map { .init(code: $0.code.rawValue, zh: $0.zh, en: $0.en) })
    }

    static func openRefundFacts(_ order: OrderSnapshot) -> ReplyPlan.OpenRefundFacts? {
        guard let refund = order.openRefunds.first else { return nil }
        return ReplyPlan.OpenRefundFacts(
            amount: refund.amount, status: refund.status,
            createdAt: refund.createdAt ?? order.paidAt ?? Date(timeIntervalSince1970: 0))
    }
}
