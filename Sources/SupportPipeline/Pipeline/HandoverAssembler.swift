import Conversation
import Drafting
import Escalation
import Foundation
import Logging
import SupportEvents
import SupportModel
import Understanding

/// Builds the events of a hand-over: the worker failed on a valid message, so the customer gets
/// the template acknowledgement in their language and a human gets an escalation with reason
/// `processing_error`, what could be built (the understanding, the customer, the transcript)
/// and the error. Uses nothing that could have been the failure's cause but the encoder; every
/// event id derives from the message id, so a redelivery builds the same ids.
struct HandoverAssembler: Sendable {
    let transcriptTurns: Int
    let rules: EscalationRules

    func handover(
        _ message: InboundMessage, _ record: InboundRecord, analysis: MessageAnalysis?, context: CustomerContext?,
        failure: any Error, now: Date
    ) throws(EventContractViolation) -> Handover {
        let language = analysis?.replyLanguage == .english || (analysis == nil && Self.looksEnglish(message))
            ? Language.english : .chinese
        let verdict = analysis.flatMap { rules.evaluate(MessageEscalation.input(from: $0)) }
        var reasons = verdict?.reasons ?? []
        reasons.append(.processingError)
        let priority = max(verdict?.priority ?? .high, .high)
        let intent = analysis?.intent ?? .humanAgent
        let plan = ReplyPlan(
            language: language, kind: .acknowledgement, intent: intent, escalationPriority: priority,
            escalationReasons: reasons)
        let text = TemplateDrafter().render(plan)

        let reply = ReplyEvent(
            eventID: EventID.derive(messageID: message.messageID, kind: "reply").lowercasedString,
            messageID: message.messageID.lowercasedString, conversationID: message.conversationID,
            customerID: message.customerID, text: text, language: language.rawValue, createdAt: now, kind: .acknowledgement,
            intent: analysis?.intent.rawValue, outcome: nil, draftedBy: TemplateDrafter().backendName)
        var transcript = (context?.transcript ?? []).suffix(max(0, transcriptTurns - 1)).map {
            EscalationEvent.TranscriptEntry(role: $0.role.rawValue, text: $0.text, at: $0.at)
        }
        transcript.append(.init(role: "customer", text: message.text, at: message.sentAt))
        var escalation = EscalationEvent(
            eventID: EventID.derive(messageID: message.messageID, kind: "escalation").lowercasedString,
            messageID: message.messageID.lowercasedString, conversationID: message.conversationID,
            customerID: message.customerID, reasons: reasons, priority: priority, createdAt: now,
            customerText: message.text, nlu: Self.nlu(analysis, language: language),
            customer: .init(
                id: message.customerID, tier: context.map { $0.customer.tier ?? .regular } ?? .unrecognized("unknown"),
                refundsLast90Days: context?.customer.refundsLast90Days ?? 0),
            order: nil, decision: nil, suggestedReply: .init(text: text, language: language.rawValue),
            transcript: transcript, error: Self.failure(failure))
        let encodedEscalation: EncodedEvent
        do {
            encodedEscalation = try EventEncoder.encode(escalation)
        } catch {
            // Whatever in the understanding or the transcript breaks the contract stays out.
            escalation.nlu = Self.nlu(nil, language: language)
            escalation.transcript = [.init(role: "customer", text: message.text, at: message.sentAt)]
            encodedEscalation = try EventEncoder.encode(escalation)
        }
        return Handover(
            message: message, source: record, intent: analysis?.intent, reasons: reasons,
            events: [try EventEncoder.encode(reply), encodedEscalation],
            turns: [
                Turn(role: .customer, text: message.text, intent: analysis?.intent.rawValue, at: message.sentAt),
                Turn(role: .bot, text: text, intent: analysis?.intent.rawValue, at: now),
            ])
    }

    /// The understanding as the escalation carries it; `unknown` with no confidence when the
    /// message could not be understood.
    static func nlu(_ analysis: MessageAnalysis?, language: Language) -> EscalationEvent.NLU {
        guard let analysis else {
            return EscalationEvent.NLU(
                language: language.rawValue, intent: "unknown", confidence: 0, entities: [],
                sentiment: .init(label: SentimentLabel.neutral.rawValue, score: 0))
        }
        return EscalationEvent.NLU(
            language: analysis.language.rawValue, intent: analysis.intent.rawValue,
            confidence: min(1, max(0, analysis.intentConfidence)),
            entities: analysis.entities.map {
                .init(type: $0.type.rawValue, text: $0.text, start: $0.start, end: $0.end, normalized: $0.normalized)
            },
            sentiment: .init(label: analysis.sentiment.label.rawValue, score: min(1, max(0, analysis.sentiment.score))))
    }

    /// A stable code and a message without customer data.
    static func failure(_ error: any Error) -> EscalationEvent.ProcessingFailure {
        let code: String
        switch error {
        case is EventContractViolation: code = "event_contract_violation"
        case let error as StoreError: code = error.code
        case is UnderstandingError: code = "understanding_failed"
        default: code = "internal_error"
        }
        let message = PersonalDataMasker.mask(String(String(describing: error).prefix(500)))
        return EscalationEvent.ProcessingFailure(code: code, message: message)
    }

    /// Without an analysis: the customer's locale, else whether the text has no Han character.
    static func looksEnglish(_ message: InboundMessage) -> Bool {
        if let locale = message.locale?.lowercased() {
            if locale.hasPrefix("en") { return true }
            if locale.hasPrefix("zh") { return false }
        }
        return !message.text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }
}
