import Conversation
import Drafting
import Foundation
import RefundPolicy
import SupportEvents
import Understanding

/// Builds the outbound events of one processed message. Every event id derives from the
/// inbound message id, so processing the same message again yields the same ids.
struct EventAssembler: Sendable {
    let transcriptTurns: Int

    func reply(_ message: InboundMessage, draft: Draft, kind: ReplyPlan.Kind, decision: MessageDecision, now: Date) -> ReplyEvent {
        ReplyEvent(
            eventID: EventID.derive(messageID: message.messageID, kind: "reply").lowercasedString,
            messageID: message.messageID.lowercasedString, conversationID: message.conversationID,
            customerID: message.customerID, text: draft.text, language: draft.language.rawValue, createdAt: now,
            kind: ReplyEvent.Kind(rawValue: kind.rawValue)!, intent: decision.intent.rawValue,
            outcome: decision.policyDecision?.outcome.rawValue, draftedBy: draft.backend)
    }

    func escalation(
        _ message: InboundMessage, analysis: MessageAnalysis, context: CustomerContext, decision: MessageDecision,
        suggested: Draft, now: Date
    ) -> EscalationEvent? {
        guard let verdict = decision.escalation else { return nil }
        let nlu = EscalationEvent.NLU(
            language: analysis.language.rawValue, intent: decision.intent.rawValue,
            confidence: min(1, max(0, analysis.intentConfidence)),
            entities: analysis.entities.map {
                .init(type: $0.type.rawValue, text: $0.text, start: $0.start, end: $0.end, normalized: $0.normalized)
            },
            sentiment: .init(label: analysis.sentiment.label.rawValue, score: min(1, max(0, analysis.sentiment.score))))
        let order = decision.order.map { o in
            EscalationEvent.OrderSummary(
                id: o.id, status: o.status.rawValue, currency: o.currency, paidAt: o.paidAt, shippedAt: o.shippedAt,
                deliveredAt: o.deliveredAt, promisedDeliveryBy: o.promisedDeliveryBy, carrier: o.carrier,
                trackingNumber: o.trackingNumber, carrierStatus: o.carrierStatus?.rawValue, shippingFee: o.shippingFee,
                lines: o.lines.map {
                    .init(
                        lineNo: $0.lineNo, sku: $0.sku, productName: $0.productName ?? $0.sku, category: $0.category.rawValue,
                        quantity: $0.quantity, unitPricePaid: $0.unitPricePaid, refunded: $0.refunded)
                })
        }
        let policy = decision.policyDecision.map { d in
            EscalationEvent.DecisionSummary(
                outcome: d.outcome, refund: d.refund, returnShippingPaidBy: d.returnShippingPaidBy,
                reasonCodes: d.reasonCodes.map(\.rawValue),
                ruleIDs: d.ruleIDs.map(\.rawValue), policyVersion: d.policyVersion,
                reasons: d.reasons.map { .init(code: $0.code.rawValue, zh: $0.zh, en: $0.en) })
        }
        var transcript = context.transcript.suffix(transcriptTurns - 1).map {
            EscalationEvent.TranscriptEntry(role: $0.role.rawValue, text: $0.text, at: $0.at)
        }
        transcript.append(.init(role: "customer", text: message.text, at: message.sentAt))
        return EscalationEvent(
            eventID: EventID.derive(messageID: message.messageID, kind: "escalation").lowercasedString,
            messageID: message.messageID.lowercasedString, conversationID: message.conversationID,
            customerID: message.customerID, reasons: verdict.reasons, priority: verdict.priority,
            createdAt: now, customerText: message.text, nlu: nlu,
            customer: .init(
                id: context.customer.id, tier: context.customer.tier ?? .regular,
                refundsLast90Days: context.customer.refundsLast90Days),
            order: order, decision: policy,
            suggestedReply: .init(text: suggested.text, language: suggested.language.rawValue), transcript: transcript)
    }

    /// The refund to record and its request event, for an approval that moves money.
    func refund(_ message: InboundMessage, decision: MessageDecision, now: Date) -> (RefundRecord, RefundRequestEvent)? {
        guard decision.executesRefund, let d = decision.policyDecision, d.outcome.movesMoney, let amount = d.refund,
            amount.minorUnits > 0, let order = decision.order
        else { return nil }
        let refundID = EventID.derive(messageID: message.messageID, kind: "refund")
        let lineNos = d.lines.map(\.lineNo).isEmpty ? order.lines.map(\.lineNo) : d.lines.map(\.lineNo)
        let record = RefundRecord(
            id: refundID, orderID: order.id, outcome: d.outcome, amount: amount, lineNos: lineNos, reasonCodes: d.reasonCodes.map(\.rawValue), policyVersion: d.policyVersion)
        let event = RefundRequestEvent(
            eventID: EventID.derive(messageID: message.messageID, kind: "refund-request").lowercasedString,
            refundID: refundID.lowercasedString, messageID: message.messageID.lowercasedString,
            conversationID: message.conversationID, customerID: message.customerID, orderID: order.id,
            outcome: d.outcome, amount: amount, lineNos: lineNos, returnShippingPaidBy: d.returnShippingPaidBy,
            refundAfterReturnReceived: d.outcome == .approveReturnRefund, reasonCodes: d.reasonCodes.map(\.rawValue),
            ruleIDs: d.ruleIDs.map(\.rawValue), policyVersion: d.policyVersion, createdAt: now)
        return (record, event)
    }
}
