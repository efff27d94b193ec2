import Conversation
import Foundation
import RefundPolicy
import SupportEvents
import SupportModel
import Synchronization
@testable import SupportPipeline

/// An in-memory `SupportStore` with the database's semantics: customer-scoped loads, one
/// inbox row per message id, optimistic conversation versions, deduplicated agent events.
final class InMemorySupportStore: SupportStore {
    struct State {
        var customers: [String: CustomerProfile] = [:]
        var orders: [String: OrderSnapshot] = [:]
        var catalog: [String: CatalogEntry] = [:]
        var variants: [String: [ProductVariant]] = [:]
        var conversations: [String: ConversationState] = [:]
        var turns: [String: [Turn]] = [:]
        var inbox: [UUID: ProcessedMessage] = [:]
        var refunds: [RefundRecord] = []
        var agentEvents: Set<UUID> = []
        /// Dead letters by event id, in the order recorded.
        var deadLetters: [(record: DeadLetterRecord, stored: EncodedEvent)] = []
        var handovers: [Handover] = []
        var commits = 0
        /// Failures to inject into the next calls, consumed in order.
        var failures: [any Error] = []
        /// Runs once, after the next context is read: another writer committing meanwhile.
        var afterLoad: (@Sendable (inout State) -> Void)?
        var preferredLanguages: [String: Language] = [:]
    }

    let state = Mutex(State())

    func failNext(_ errors: [any Error]) { state.withLock { $0.failures += errors } }

    func afterNextLoad(_ change: @escaping @Sendable (inout State) -> Void) { state.withLock { $0.afterLoad = change } }

    private func injectedFailure() throws {
        if let error = state.withLock({ s -> (any Error)? in s.failures.isEmpty ? nil : s.failures.removeFirst() }) {
            throw error
        }
    }

    func storedEvents(messageID: UUID) async throws -> [EncodedEvent]? {
        try injectedFailure()
        return state.withLock { s in
            if let processed = s.inbox[messageID] { return processed.events }
            return s.deadLetters.first { $0.record.messageID == messageID }.map { [$0.stored] }
        }
    }

    /// The refund state of an order, as the database's `order_refund_state` would give it.
    static func refundState(_ orderID: String, _ s: State) -> String {
        s.refunds.filter { $0.orderID == orderID }.map { "\($0.id):\($0.amount.minorUnits)" }.joined(separator: ",")
    }

    func commitHandover(_ handover: Handover) async throws -> [EncodedEvent] {
        try injectedFailure()
        return state.withLock { s in
            if let existing = s.inbox[handover.message.messageID] { return existing.events }
            var conversation = s.conversations[handover.message.conversationID]
                ?? ConversationState(id: handover.message.conversationID, customerID: handover.message.customerID)
            var events = handover.events
            if conversation.botAnswers {
                conversation.escalated(reasons: handover.reasons, at: handover.message.sentAt)
                s.turns[conversation.id, default: []] += handover.turns
            } else {
                events.removeAll { $0.kind == .reply }
                s.turns[conversation.id, default: []] += handover.turns.filter { $0.role != .bot }
            }
            conversation.version += 1
            s.conversations[conversation.id] = conversation
            s.inbox[handover.message.messageID] = ProcessedMessage(
                message: handover.message, source: handover.source, outcome: .escalated, intent: handover.intent ?? .humanAgent,
                decisionOutcome: nil, conversation: conversation, turns: handover.turns, refund: nil, events: events)
            s.handovers.append(handover)
            return events
        }
    }

    func recordDeadLetter(_ letter: DeadLetterRecord) async throws -> EncodedEvent {
        try injectedFailure()
        return state.withLock { s in
            if let existing = s.deadLetters.first(where: { $0.stored.eventID == letter.event.eventID }) { return existing.stored }
            s.deadLetters.append((letter, letter.event))
            return letter.event
        }
    }

    func loadContext(for message: InboundMessage, orderIDs: [String]) async throws -> CustomerContext {
        try injectedFailure()
        return state.withLock { s in
            let conversation = s.conversations[message.conversationID]
                ?? ConversationState(id: message.conversationID, customerID: message.customerID)
            let mine = s.orders.values.filter { $0.customerID == message.customerID }
            var wanted = Set(orderIDs.flatMap(OrderReference.lookupKeys))
            if let current = conversation.lastOrderID { wanted.insert(OrderReference.normalized(current)) }
            let named = mine.filter { wanted.contains(OrderReference.normalized($0.id)) }.sorted { $0.id < $1.id }
            let recent = mine.sorted { ($0.paidAt ?? .distantPast) > ($1.paidAt ?? .distantPast) }.prefix(5)
            var profile = s.customers[message.customerID] ?? CustomerProfile(id: message.customerID)
            profile.refundsLast90Days += s.refunds.filter { r in mine.contains { $0.id == r.orderID } }.count
            var states: [String: String] = [:]
            for order in named + recent { states[order.id] = Self.refundState(order.id, s) }
            // Refunds the worker recorded are open on their order until the payment system ends them.
            func withOpenRefunds(_ order: OrderSnapshot) -> OrderSnapshot {
                var order = order
                order.openRefunds += s.refunds.filter { $0.orderID == order.id }.map {
                    OpenRefund(lineNo: $0.lineNos.count == 1 ? $0.lineNos[0] : nil, amount: $0.amount, status: "requested")
                }
                return order
            }
            let context = CustomerContext(
                conversation: conversation, customer: profile, customerKnown: s.customers[message.customerID] != nil,
                orders: named.map(withOpenRefunds), recentOrders: recent.map(withOpenRefunds), catalog: s.catalog,
                variants: s.variants, transcript: s.turns[message.conversationID] ?? [], orderRefundStates: states,
                preferredLanguage: s.preferredLanguages[message.customerID])
            if let change = s.afterLoad {
                s.afterLoad = nil
                change(&s)
            }
            return context
        }
    }

    func commit(_ processed: ProcessedMessage) async throws -> CommitOutcome {
        try injectedFailure()
        return state.withLock { s in
            if let orderGuard = processed.orderGuard, Self.refundState(orderGuard.orderID, s) != orderGuard.state {
                return .orderChanged
            }
            if let existing = s.inbox[processed.message.messageID] { return .alreadyProcessed(existing.events) }
            let stored = s.conversations[processed.conversation.id]?.version ?? 0
            guard stored == processed.conversation.version else { return .conversationChanged }
            var conversation = processed.conversation
            conversation.version += 1
            s.conversations[conversation.id] = conversation
            s.turns[conversation.id, default: []] += processed.turns
            if let refund = processed.refund { s.refunds.append(refund) }
            s.inbox[processed.message.messageID] = processed
            s.commits += 1
            return .committed
        }
    }

    func apply(_ event: AgentEvent) async throws -> Bool {
        try injectedFailure()
        return state.withLock { s in
            guard s.agentEvents.insert(event.eventID).inserted else { return false }
            var conversation = s.conversations[event.conversationID]
                ?? ConversationState(id: event.conversationID, customerID: "")
            switch event.kind {
            case .takenOver: conversation.agentTookOver(at: event.at)
            case .released: conversation.released()
            }
            conversation.version += 1
            s.conversations[event.conversationID] = conversation
            return true
        }
    }
}

/// Records what is published; can refuse the next publishes.
final class RecordingPublisher: EventPublisher {
    let published = Mutex<[EncodedEvent]>([])
    let failures = Mutex<[any Error]>([])

    func publish(_ events: [EncodedEvent]) async throws {
        if let error = failures.withLock({ f -> (any Error)? in f.isEmpty ? nil : f.removeFirst() }) { throw error }
        published.withLock { $0 += events }
    }

    var events: [EncodedEvent] { published.withLock { $0 } }
}

/// A retriable failure, as a dropped database connection would be (an outage).
struct TransientFailure: ClassifiedError {
    var isRetriable: Bool { true }
}

/// A retriable failure that may be about the message itself, as a statement timeout is.
struct StatementTimeout: ClassifiedError {
    var isRetriable: Bool { true }
    var isOutage: Bool { false }
}

/// A failure that retrying cannot fix.
struct PermanentFailure: Error {}
