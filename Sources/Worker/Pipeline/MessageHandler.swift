import Conversation
import Drafting
import Foundation
import Logging
import SupportEvents
import Understanding

/// Processes each record to its end — the pipeline of the service spec:
/// decode → validate → understand → load (customer-scoped) → decide → draft → persist →
/// publish → (the dispatcher stores the offset).
///
/// Guarantees:
/// - The events of a message are persisted (outbox) in the same transaction as its inbox row,
///   conversation update, turns and refund, before they are published; a message found in the
///   inbox is not processed again, its stored events are re-published byte for byte.
/// - Retriable failures (database or broker unavailable) are retried with backoff for as long
///   as the record's partition stays ours; other failures are retried a few times, then the
///   message is dead-lettered. Bytes that cannot be a message are dead-lettered at once.
public struct MessageHandler: RecordHandler {
    let topics: TopicNames
    let settings: PipelineSettings
    let analyzer: any MessageAnalyzer
    let decider: MessageDecider
    let drafting: DraftingService
    let store: any SupportStore
    let publisher: any EventPublisher
    let metrics: WorkerMetrics?
    let logger: Logger
    let clock: @Sendable () -> Date
    let faults: FaultInjection?
    let decoder = InboundMessageDecoder()

    public init(
        topics: TopicNames, settings: PipelineSettings, analyzer: any MessageAnalyzer, decider: MessageDecider,
        drafting: DraftingService, store: any SupportStore, publisher: any EventPublisher, metrics: WorkerMetrics?,
        logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }, faults: FaultInjection? = nil
    ) {
        self.faults = faults
        self.topics = topics
        self.settings = settings
        self.analyzer = analyzer
        self.decider = decider
        self.drafting = drafting
        self.store = store
        self.publisher = publisher
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
    }

    public func handle(_ record: InboundRecord, isCurrent: @escaping @Sendable () -> Bool) async {
        let started = ContinuousClock.now
        var log = logger
        log[metadata: "partition"] = .string(record.partitionID.description)
        log[metadata: "offset"] = .int(record.offset)
        if record.partitionID.topic == topics.agentEvents {
            await withRetries(record, isCurrent: isCurrent, logger: log) { try await handleAgentEvent(record, log) }
        } else {
            await withRetries(record, isCurrent: isCurrent, logger: log) { try await handleInbound(record, log) }
        }
        metrics?.processingSeconds.observe(ContinuousClock.now - started)
    }

    /// A failure that ends processing: the record goes to the dead-letter topic.
    struct Rejected: Error {
        let rejection: InboundRejection
    }

    private func withRetries(
        _ record: InboundRecord, isCurrent: @escaping @Sendable () -> Bool, logger: Logger,
        _ body: () async throws -> Void
    ) async {
        var attempts = 0
        var failures = 0
        var transientFailures = 0
        var backoff = settings.initialBackoff
        while true {
            attempts += 1
            do {
                try await body()
                return
            } catch let rejected as Rejected {
                await deadLetter(record, rejected.rejection, attempts: attempts, isCurrent: isCurrent, logger: logger)
                return
            } catch {
                let classified = error as? any ClassifiedError
                let retriable = classified?.isRetriable ?? false
                let outage = retriable && (classified?.isOutage ?? false)
                // Outages are retried until they end; anything else counts against a limit.
                var limitReached = false
                if !retriable {
                    failures += 1
                    limitReached = failures >= settings.maximumAttempts
                    logger.error(
                        "processing failed", ["attempt": .integer(failures), "error": .string(String(describing: error))])
                } else if !outage {
                    transientFailures += 1
                    limitReached = transientFailures >= settings.maximumTransientAttempts
                    logger.warning(
                        "transient failure",
                        ["attempt": .integer(transientFailures), "error": .string(String(describing: error))])
                } else {
                    logger.warning("service unavailable; will retry", ["error": .string(String(describing: error))])
                }
                if limitReached {
                    let rejection = InboundRejection(
                        code: .processingFailed,
                        message: "failed \(attempts) times; last error: \(String(describing: error).prefix(500))")
                    await deadLetter(record, rejection, attempts: attempts, isCurrent: isCurrent, logger: logger)
                    return
                }
                metrics?.retries.increment()
                guard isCurrent() else {
                    metrics?.abandoned.increment()
                    logger.notice("partition taken away; abandoning the record (it will be redelivered)")
                    return
                }
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, settings.maximumBackoff)
                guard isCurrent() else {
                    metrics?.abandoned.increment()
                    return
                }
            }
        }
    }

    // MARK: Inbound messages

    private func handleInbound(_ record: InboundRecord, _ logger: Logger) async throws {
        let message: InboundMessage
        do {
            message = try decoder.decode(record.value)
        } catch {
            throw Rejected(rejection: error)
        }
        var log = logger
        log[metadata: "message_id"] = .string(message.messageID.lowercasedString)
        log[metadata: "conversation_id"] = .string(message.conversationID)

        if let stored = try await store.storedEvents(messageID: message.messageID) {
            try await publisher.publish(stored)
            metrics?.republished.increment()
            log.info("already processed; re-published its events", ["events": .integer(stored.count)])
            return
        }

        // Relative dates ("yesterday") resolve against the day the customer wrote, so a
        // redelivered message is understood the same way.
        let sentDay = CalendarDay(date: message.sentAt, timeZone: TimeZone(identifier: settings.replyTimeZone) ?? .current)
        let analysis = try await analyzer.analyze(message.text, context: AnalysisContext(locale: message.locale, referenceDay: sentDay))
        while true {
            let context = try await store.loadContext(for: message, orderIDs: MessageDecider.orderIDs(in: analysis))
            let now = clock()
            let decision = decider.decide(message: message, analysis: analysis, context: context, now: now)
            let processed = try await assemble(message, record, analysis, context, decision, now)
            faults?.maybeCrash(at: .beforeCommit)
            switch try await store.commit(processed) {
            case .committed:
                faults?.maybeCrash(at: .afterCommit)
                try await publisher.publish(processed.events)
                faults?.maybeCrash(at: .afterPublish)
                count(processed, decision, log)
                metrics?.endToEndSeconds.observe(max(0, clock().timeIntervalSince(message.sentAt)))
                return
            case .alreadyProcessed(let events):
                try await publisher.publish(events)
                metrics?.republished.increment()
                return
            case .conversationChanged:
                log.notice("conversation changed while processing; deciding again")
                continue
            }
        }
    }

    private func assemble(
        _ message: InboundMessage, _ record: InboundRecord, _ analysis: MessageAnalysis, _ context: CustomerContext,
        _ decision: MessageDecision, _ now: Date
    ) async throws -> ProcessedMessage {
        let assembler = EventAssembler(transcriptTurns: settings.transcriptTurns)
        var events: [EncodedEvent] = []
        var turns = [Turn(role: .customer, text: message.text, intent: decision.intent.rawValue, at: message.sentAt)]
        var refund: RefundRecord?
        if let plan = decision.reply {
            let draft = await drafting.draft(plan)
            events.append(try EventEncoder.encode(assembler.reply(message, draft: draft, kind: plan.kind, decision: decision, now: now)))
            turns.append(Turn(role: .bot, text: draft.text, intent: decision.intent.rawValue, at: now))
            if decision.escalation != nil, let suggestedPlan = decision.suggestedReply {
                let suggested = await drafting.draft(suggestedPlan)
                if let escalation = assembler.escalation(
                    message, analysis: analysis, context: context, decision: decision, suggested: suggested, now: now)
                {
                    events.append(try EventEncoder.encode(escalation))
                }
            }
        }
        if let (record, event) = assembler.refund(message, decision: decision, now: now) {
            refund = record
            events.append(try EventEncoder.encode(event))
        }
        return ProcessedMessage(
            message: message, source: record, outcome: decision.inboxOutcome, intent: decision.intent.rawValue,
            decisionOutcome: decision.policyDecision?.outcome.rawValue, conversation: decision.conversation, turns: turns,
            refund: refund, events: events)
    }

    private func count(_ processed: ProcessedMessage, _ decision: MessageDecision, _ logger: Logger) {
        switch processed.outcome {
        case .replied: metrics?.replied.increment()
        case .escalated: metrics?.escalated.increment()
        case .suppressed: metrics?.suppressed.increment()
        }
        if processed.refund != nil { metrics?.refundsRequested.increment() }
        logger.info(
            "message processed",
            [
                "outcome": .string(processed.outcome.rawValue), "intent": .string(processed.intent),
                "decision": .string(processed.decisionOutcome ?? "none"),
                "escalation": .array((decision.escalation?.reasons ?? []).map { .string($0.rawValue) }),
            ])
    }

    // MARK: Agent events

    private func handleAgentEvent(_ record: InboundRecord, _ logger: Logger) async throws {
        let event: AgentEvent
        do {
            event = try AgentEvent.decode(record.value)
        } catch {
            throw Rejected(rejection: error)
        }
        let applied = try await store.apply(event)
        if applied { metrics?.agentEvents.increment() }
        logger.info(
            "agent event", ["type": .string(event.kind.rawValue), "conversation_id": .string(event.conversationID),
                            "applied": .bool(applied)])
    }

    // MARK: Dead letters

    private func deadLetter(
        _ record: InboundRecord, _ rejection: InboundRejection, attempts: Int, isCurrent: @escaping @Sendable () -> Bool,
        logger: Logger
    ) async {
        let letter = DeadLetterEvent(
            source: .init(topic: record.partitionID.topic, partition: record.partitionID.partition, offset: record.offset),
            rejection: rejection, attempts: attempts, key: record.key, payload: record.value, createdAt: clock())
        let encoded: EncodedEvent
        do {
            encoded = try EventEncoder.encode(letter)
        } catch {
            // Cannot happen for a well-formed dead letter; never lose the record silently.
            logger.critical("dead letter breaks its schema", ["error": .string(error.description)])
            return
        }
        var backoff = settings.initialBackoff
        while true {
            do {
                try await publisher.publish([encoded])
                metrics?.deadLettered.increment()
                logger.warning("dead-lettered", ["code": .string(rejection.code.rawValue), "reason": .string(rejection.message)])
                return
            } catch {
                logger.warning("dead letter not acknowledged; retrying", ["error": .string(String(describing: error))])
                guard isCurrent() else { return }
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, settings.maximumBackoff)
            }
        }
    }
}
