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
/// - A decision on an order commits only on the order state it was taken on (the order row is
///   locked and its refund state compared), so two conversations never both refund it.
/// - Outages (database or broker unavailable) are retried with backoff for as long as the
///   record's partition stays ours; other failures are retried a bounded number of times.
/// - Only input that is itself invalid (bytes, JSON, schema, size) goes to the dead-letter
///   topic, recorded once so a redelivery publishes the same dead letter. A valid message the
///   worker still fails on is never dropped: the customer gets a safe acknowledgement and a
///   human gets the conversation (`processing_error`).
public struct MessageHandler: RecordHandler {
    let topics: TopicNames
    let settings: PipelineSettings
    let analyzer: any MessageAnalyzer
    let decider: MessageDecider
    let drafting: DraftingService
    let store: any SupportStore
    let publisher: any EventPublisher
    let metrics: PipelineMetrics?
    let logger: Logger
    let clock: @Sendable () -> Date
    let faults: (any PipelineFaults)?
    let decoder = InboundMessageDecoder()

    public init(
        topics: TopicNames, settings: PipelineSettings, analyzer: any MessageAnalyzer, decider: MessageDecider,
        drafting: DraftingService, store: any SupportStore, publisher: any EventPublisher, metrics: PipelineMetrics?,
        logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }, faults: (any PipelineFaults)? = nil
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
            await handleAgentRecord(record, isCurrent: isCurrent, logger: log)
        } else {
            await handleInboundRecord(record, isCurrent: isCurrent, logger: log)
        }
        metrics?.processingSeconds.observe(ContinuousClock.now - started)
    }

    // MARK: Retries

    /// How a piece of work retried by `withRetries` ended.
    enum RetryOutcome {
        case succeeded
        /// The partition was taken away: the record will be redelivered to its new owner.
        case abandoned
        /// The attempts allowed for failures that are not outages are used up.
        case exhausted(any Error, attempts: Int)
    }

    /// Runs `body` until it succeeds. Outages are retried until they end; failures that may be
    /// the message's own (a statement timeout) count against `maximumTransientAttempts`, and
    /// any other failure against `maximumAttempts`.
    private func withRetries(
        isCurrent: @escaping @Sendable () -> Bool, logger: Logger, _ body: () async throws -> Void
    ) async -> RetryOutcome {
        var attempts = 0
        var failures = 0
        var transientFailures = 0
        var backoff = settings.initialBackoff
        while true {
            attempts += 1
            do {
                try await body()
                return .succeeded
            } catch {
                let classified = error as? any ClassifiedError
                let retriable = classified?.isRetriable ?? false
                let outage = retriable && (classified?.isOutage ?? false)
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
                if limitReached { return .exhausted(error, attempts: attempts) }
                metrics?.retries.increment()
                guard await pause(&backoff, isCurrent: isCurrent) else {
                    metrics?.abandoned.increment()
                    logger.notice("partition taken away; abandoning the record (it will be redelivered)")
                    return .abandoned
                }
            }
        }
    }

    /// How a step retried by `untilDone` ended.
    enum StepOutcome<Value> {
        case done(Value)
        /// It failed in a way retrying cannot fix (or too often).
        case failed(any Error)
        case abandoned
    }

    /// Runs a bookkeeping step (recording or publishing a dead letter or a hand-over): outages
    /// are retried until they end, other failures `maximumAttempts` times.
    private func untilDone<Value>(
        isCurrent: @escaping @Sendable () -> Bool, logger: Logger, _ what: String,
        _ body: () async throws -> Value
    ) async -> StepOutcome<Value> {
        var failures = 0
        var backoff = settings.initialBackoff
        while true {
            do {
                return .done(try await body())
            } catch {
                let classified = error as? any ClassifiedError
                if !(classified?.isOutage ?? false) {
                    failures += 1
                    if failures >= settings.maximumAttempts { return .failed(error) }
                }
                logger.warning("\(what) failed; retrying", ["error": .string(String(describing: error))])
                guard await pause(&backoff, isCurrent: isCurrent) else { return .abandoned }
            }
        }
    }

    /// Sleeps for `backoff` (doubling it up to the maximum); false when the partition is no
    /// longer ours or the task is cancelled.
    private func pause(_ backoff: inout Duration, isCurrent: @Sendable () -> Bool) async -> Bool {
        guard isCurrent(), !Task.isCancelled else { return false }
        try? await Task.sleep(for: backoff)
        backoff = min(backoff * 2, settings.maximumBackoff)
        return isCurrent() && !Task.isCancelled
    }

    // MARK: Inbound messages

    private func handleInboundRecord(_ record: InboundRecord, isCurrent: @escaping @Sendable () -> Bool, logger: Logger) async {
        let message: InboundMessage
        do {
            message = try decoder.decode(record.value)
        } catch {
            await deadLetter(record, error, attempts: 1, isCurrent: isCurrent, logger: logger)
            return
        }
        var log = logger
        log[metadata: "message_id"] = .string(message.messageID.lowercasedString)
        log[metadata: "conversation_id"] = .string(message.conversationID)
        var analysis: MessageAnalysis?
        let outcome = await withRetries(isCurrent: isCurrent, logger: log) {
            try await process(message, record, log, analysis: &analysis)
        }
        if case .exhausted(let error, let attempts) = outcome {
            await handOver(
                message, record, analysis: analysis, error: error, attempts: attempts, isCurrent: isCurrent, logger: log)
        }
    }

    private func process(
        _ message: InboundMessage, _ record: InboundRecord, _ log: Logger, analysis cached: inout MessageAnalysis?
    ) async throws {
        if let stored = try await store.storedEvents(messageID: message.messageID) {
            try await publisher.publish(stored)
            metrics?.republished.increment()
            log.info("already processed; re-published its events", ["events": .integer(stored.count)])
            return
        }

        // Relative dates ("yesterday") resolve against the day the customer wrote, so a
        // redelivered message is understood the same way.
        let analysis: MessageAnalysis
        if let cached {
            analysis = cached
        } else {
            let understood = try await analyzer.analyze(message.text, context: analysisContext(message))
            analysis = settings.orderReferencePattern?.adding(to: understood, text: message.text) ?? understood
            cached = analysis
        }
        while true {
            let context = try await store.loadContext(for: message, orderIDs: MessageDecider.orderIDs(in: analysis))
            let now = clock()
            let decision = decider.decide(message: message, analysis: analysis, context: context, now: now)
            let processed = try await assemble(message, record, analysis, context, decision, now)
            faults?.reached(.beforeCommit)
            switch try await store.commit(processed) {
            case .committed:
                faults?.reached(.afterCommit)
                try await publisher.publish(processed.events)
                faults?.reached(.afterPublish)
                count(processed, decision, log)
                metrics?.endToEndSeconds.observe(max(0, clock().timeIntervalSince(message.sentAt)))
                return
            case .alreadyProcessed(let events):
                try await publisher.publish(events)
                metrics?.republished.increment()
                return
            case .conversationChanged:
                log.notice("conversation changed while processing; deciding again")
            case .orderChanged:
                log.notice("the order's refunds changed while deciding; deciding again on the new state")
            }
        }
    }

    private func analysisContext(_ message: InboundMessage) -> AnalysisContext {
        let timeZone = TimeZone(identifier: settings.replyTimeZone) ?? .current
        return AnalysisContext(locale: message.locale, referenceDay: CalendarDay(date: message.sentAt, timeZone: timeZone))
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
        // Any decision on an order commits only on the refund state it was taken on.
        var orderGuard: OrderRefundGuard?
        if decision.policyDecision != nil, let order = decision.order, let state = context.orderRefundStates[order.id] {
            orderGuard = OrderRefundGuard(orderID: order.id, state: state)
        }
        return ProcessedMessage(
            message: message, source: record, outcome: decision.inboxOutcome, intent: decision.intent,
            decisionOutcome: decision.policyDecision?.outcome, conversation: decision.conversation, turns: turns,
            refund: refund, events: events, orderGuard: orderGuard)
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
                "outcome": .string(processed.outcome.rawValue), "intent": .string(processed.intent.rawValue),
                "decision": .string(processed.decisionOutcome?.rawValue ?? "none"),
                "escalation": .array((decision.escalation?.reasons ?? []).map { .string($0.rawValue) }),
            ])
    }

    // MARK: Hand-over

    /// The worker failed on a valid message: the customer gets a safe acknowledgement in their
    /// language and a human gets the conversation with what could be built and the error.
    private func handOver(
        _ message: InboundMessage, _ record: InboundRecord, analysis: MessageAnalysis?, error: any Error, attempts: Int,
        isCurrent: @escaping @Sendable () -> Bool, logger: Logger
    ) async {
        metrics?.handedOver.increment()
        logger.error(
            "could not process the message; handing it to a human",
            ["attempts": .integer(attempts), "error": .string(String(describing: error))])
        var analysis = analysis
        if analysis == nil { analysis = try? await analyzer.analyze(message.text, context: analysisContext(message)) }
        // Best effort: the customer's tier and the transcript help the agent; without them the
        // hand-over still goes out.
        let context = try? await store.loadContext(for: message, orderIDs: [])
        let handover: Handover
        do {
            handover = try HandoverAssembler(transcriptTurns: settings.transcriptTurns, rules: decider.escalation)
                .handover(message, record, analysis: analysis, context: context, failure: error, now: clock())
        } catch {
            // Not even the minimal events can be built: the dead-letter topic is all that is left.
            logger.critical("hand-over cannot be built", ["error": .string(error.description)])
            let rejection = InboundRejection(
                code: .processingFailed, message: "failed \(attempts) times and the hand-over could not be built: \(error.description)")
            await deadLetter(record, rejection, attempts: attempts, isCurrent: isCurrent, logger: logger)
            return
        }
        var events = handover.events
        switch await untilDone(isCurrent: isCurrent, logger: logger, "recording the hand-over", {
            try await store.commitHandover(handover)
        }) {
        case .done(let stored): events = stored
        case .failed(let error):
            logger.critical(
                "hand-over not recorded; publishing it anyway (a redelivery publishes the same event ids)",
                ["error": .string(String(describing: error))])
        case .abandoned: return
        }
        faults?.reached(.afterCommit)
        guard await publishUntilAcknowledged(events, isCurrent: isCurrent, logger: logger) else { return }
        faults?.reached(.afterPublish)
        logger.warning("handed over to a human", ["events": .integer(events.count)])
    }

    /// Publishes until the broker acknowledges; false when the partition was taken away first.
    private func publishUntilAcknowledged(
        _ events: [EncodedEvent], isCurrent: @escaping @Sendable () -> Bool, logger: Logger
    ) async -> Bool {
        var backoff = settings.initialBackoff
        while true {
            do {
                try await publisher.publish(events)
                return true
            } catch {
                logger.warning("events not acknowledged; retrying", ["error": .string(String(describing: error))])
                guard await pause(&backoff, isCurrent: isCurrent) else { return false }
            }
        }
    }

    // MARK: Agent events

    private func handleAgentRecord(_ record: InboundRecord, isCurrent: @escaping @Sendable () -> Bool, logger: Logger) async {
        let event: AgentEvent
        do {
            event = try AgentEvent.decode(record.value)
        } catch {
            await deadLetter(record, error, attempts: 1, isCurrent: isCurrent, logger: logger)
            return
        }
        let outcome = await withRetries(isCurrent: isCurrent, logger: logger) {
            let applied = try await store.apply(event)
            if applied { metrics?.agentEvents.increment() }
            logger.info(
                "agent event",
                ["type": .string(event.kind.rawValue), "conversation_id": .string(event.conversationID), "applied": .bool(applied)])
        }
        if case .exhausted(let error, let attempts) = outcome {
            // A console event is not a customer's message: an operator looks at it.
            let rejection = InboundRejection(
                code: .processingFailed,
                message: "failed \(attempts) times; last error: \(String(describing: error).prefix(500))")
            await deadLetter(record, rejection, attempts: attempts, isCurrent: isCurrent, logger: logger)
        }
    }

    // MARK: Dead letters

    /// Records the dead letter once, then publishes the recorded event: a redelivery of the
    /// record (or a message id seen again) publishes the same bytes and is never processed.
    private func deadLetter(
        _ record: InboundRecord, _ rejection: InboundRejection, attempts: Int, isCurrent: @escaping @Sendable () -> Bool,
        logger: Logger
    ) async {
        let letter = DeadLetterEvent(
            source: .init(topic: record.partitionID.topic, partition: record.partitionID.partition, offset: record.offset),
            rejection: rejection, attempts: attempts, key: record.key, payload: record.value, createdAt: clock())
        var event: EncodedEvent
        do {
            event = try EventEncoder.encode(letter)
        } catch {
            // A dead letter has no customer-derived field the schema could refuse; a test
            // checks every rejection kind. Never lose the record silently.
            logger.critical("dead letter breaks its schema", ["error": .string(error.description)])
            return
        }
        let messageID = letter.messageID.flatMap(UUID.init(uuidString:))
        switch await untilDone(isCurrent: isCurrent, logger: logger, "recording the dead letter", {
            try await store.recordDeadLetter(
                DeadLetterRecord(event: event, source: record, messageID: messageID, code: rejection.code.rawValue))
        }) {
        case .done(let stored): event = stored
        case .failed(let error):
            logger.error(
                "dead letter not recorded; publishing it anyway", ["error": .string(String(describing: error))])
        case .abandoned: return
        }
        faults?.reached(.afterCommit)
        guard await publishUntilAcknowledged([event], isCurrent: isCurrent, logger: logger) else { return }
        faults?.reached(.afterPublish)
        metrics?.deadLettered.increment()
        logger.warning("dead-lettered", ["code": .string(rejection.code.rawValue), "reason": .string(rejection.message)])
    }
}
