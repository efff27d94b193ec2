import Conversation
import Drafting
import Escalation
import Foundation
import JSONSchema
import RefundPolicy
import SupportEvents
import SupportModel
import Testing
import TestSupport
import Understanding
@testable import SupportPipeline

/// Every event the worker can publish, built from thousands of seeded random inputs, must
/// satisfy its schema in `Schemas/`: an event that breaks its contract is refused before it
/// is published, and that used to send valid customer messages to the dead-letter topic. The
/// generators cover every outcome with and without an order, every currency or none, known
/// and unknown customers, every conversation state, odd text and ids.
@Suite struct OutboundEventContractTests {
    static let cases = 3_000

    /// The schema files themselves, read from `Schemas/` (not the embedded copies).
    static let schemas: [EventKind: JSONSchema] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Schemas")
        var schemas: [EventKind: JSONSchema] = [:]
        for kind in EventKind.allCases {
            let text = try! String(contentsOf: folder.appendingPathComponent(kind.schemaFileName), encoding: .utf8)
            schemas[kind] = try! JSONSchema(parsing: text)
        }
        return schemas
    }()

    /// Encodes (which validates against the embedded schema) and validates against the file.
    func check<Event: OutboundEvent>(_ event: Event, _ seed: UInt64, _ failures: inout [String]) {
        do {
            let encoded = try EventEncoder.encode(event)
            let violations = Self.schemas[Event.kind]!.validate(try JSONValue.parse(encoded.payload))
            if !violations.isEmpty { failures.append("seed \(seed): \(violations.prefix(3))") }
        } catch {
            failures.append("seed \(seed): \(error)")
        }
    }

    @Test func eventsAssembledFromRandomDecisionsSatisfyTheirSchemas() async throws {
        var failures: [String] = []
        var outcomes: Set<String> = []
        var escalations = 0
        var refunds = 0
        for seed in 0..<UInt64(Self.cases) {
            // Long CPU-bound loops give the cooperative pool (one thread per core, shared by
            // every test) back now and then.
            if seed % 50 == 0 { await Task.yield() }
            var random = SeededRandom(seed: seed)
            let message = random.message()
            let analysis = random.analysis()
            let context = random.context(for: message)
            let decision = random.decision(analysis: analysis, context: context)
            outcomes.insert(decision.policyDecision?.outcome.rawValue ?? "none-at-all")
            let assembler = EventAssembler(transcriptTurns: random.int(1...12))
            let now = Date(timeIntervalSince1970: 1_790_000_000 + Double(random.int(0...10_000_000)))
            let drafting = DraftingService()
            if let plan = decision.reply {
                let draft = await drafting.draft(plan)
                check(assembler.reply(message, draft: draft, kind: plan.kind, decision: decision, now: now), seed, &failures)
                if let suggestedPlan = decision.suggestedReply,
                    let escalation = assembler.escalation(
                        message, analysis: analysis, context: context, decision: decision,
                        suggested: await drafting.draft(suggestedPlan), now: now)
                {
                    escalations += 1
                    check(escalation, seed, &failures)
                }
            }
            if let (_, event) = assembler.refund(message, decision: decision, now: now) {
                refunds += 1
                check(event, seed, &failures)
            }
            if failures.count > 20 { break }
        }
        #expect(failures.isEmpty, "\(failures.count) events broke their schema: \(failures.prefix(10))")
        // The generators reach what they are meant to reach.
        #expect(outcomes.isSuperset(of: PolicyOutcome.allCases.map(\.rawValue)))
        #expect(escalations > Self.cases / 4 && refunds > Self.cases / 20, "escalations \(escalations), refunds \(refunds)")
    }

    @Test func eventsOfTheWholeDecisionPathSatisfyTheirSchemas() async throws {
        let decider = MessageDecider(
            policy: PolicyEngine(policy: try RefundPolicyDocument.embedded()),
            escalation: EscalationRules(configuration: .standard))
        var failures: [String] = []
        var kinds: [EventKind: Int] = [:]
        for seed in 0..<UInt64(Self.cases) {
            if seed % 50 == 0 { await Task.yield() }
            var random = SeededRandom(seed: 1_000_000 + seed)
            var message = random.message()
            var analysis = random.analysis()
            var context = random.context(for: message)
            if random.chance(0.5) { random.makePlausible(&message, &analysis, &context) }
            let now = message.sentAt.addingTimeInterval(Double(random.int(0...600)))
            let decision = decider.decide(message: message, analysis: analysis, context: context, now: now)
            let assembler = EventAssembler(transcriptTurns: 10)
            let drafting = DraftingService()
            if let plan = decision.reply {
                kinds[.reply, default: 0] += 1
                check(assembler.reply(message, draft: await drafting.draft(plan), kind: plan.kind, decision: decision, now: now), seed, &failures)
                if decision.escalation != nil, let suggestedPlan = decision.suggestedReply,
                    let escalation = assembler.escalation(
                        message, analysis: analysis, context: context, decision: decision,
                        suggested: await drafting.draft(suggestedPlan), now: now)
                {
                    kinds[.escalation, default: 0] += 1
                    check(escalation, seed, &failures)
                }
            }
            if let (_, event) = assembler.refund(message, decision: decision, now: now) {
                kinds[.refundRequest, default: 0] += 1
                check(event, seed, &failures)
            }
            if failures.count > 20 { break }
        }
        #expect(failures.isEmpty, "\(failures.count) events broke their schema: \(failures.prefix(10))")
        #expect((kinds[.reply] ?? 0) > 0 && (kinds[.escalation] ?? 0) > 0 && (kinds[.refundRequest] ?? 0) > 0, "\(kinds)")
    }

    @Test func handOversAndDeadLettersSatisfyTheirSchemas() async throws {
        try await offCooperativePool {
            var failures: [String] = []
            let errors: [any Error] = [
                EventContractViolation(kind: .escalation, violations: [
                    JSONSchemaViolation(instancePath: "/decision", keyword: "required", message: "missing required field \"currency\""),
                ]),
                StoreError(code: "conversation_customer_mismatch", message: "conversation c belongs to another customer"),
                PermanentFailure(), StatementTimeout(),
            ]
            let codes: [InboundRejection.Code] = [
                .payloadTooLarge, .invalidUTF8, .invalidJSON, .schemaViolation, .unsupportedSchemaVersion, .textTooLong,
                .processingFailed,
            ]
            for seed in 0..<UInt64(Self.cases) {
                var random = SeededRandom(seed: 2_000_000 + seed)
                let message = random.message()
                let analysis = random.chance(0.8) ? random.analysis() : nil
                let context = random.chance(0.7) ? random.context(for: message) : nil
                let record = InboundRecord(
                    topic: "support.inbound", partition: Int32(random.int(0...63)), offset: Int64(random.int(0...1_000_000)),
                    key: random.chance(0.9) ? Array(message.conversationID.utf8) : nil, value: random.payload())
                do {
                    let handover = try HandoverAssembler(transcriptTurns: 10, rules: EscalationRules(configuration: .standard))
                        .handover(message, record, analysis: analysis, context: context, failure: random.pick(errors), now: message.sentAt)
                    for event in handover.events {
                        let violations = Self.schemas[event.kind]!.validate(try JSONValue.parse(event.payload))
                        if !violations.isEmpty { failures.append("seed \(seed): \(violations.prefix(3))") }
                    }
                    #expect(handover.reasons.contains(.processingError))
                } catch {
                    failures.append("seed \(seed): hand-over: \(error)")
                }
                let letter = DeadLetterEvent(
                    source: .init(topic: record.partitionID.topic, partition: record.partitionID.partition, offset: record.offset),
                    rejection: InboundRejection(code: random.pick(codes), message: random.text(0...300)),
                    attempts: random.int(0...20), key: random.chance(0.5) ? random.bytes(0...40) : record.key,
                    payload: record.value, createdAt: message.sentAt)
                check(letter, seed, &failures)
                if failures.count > 20 { break }
            }
            #expect(failures.isEmpty, "\(failures.count) events broke their schema: \(failures.prefix(10))")
        }
    }
}

/// Random inputs of the pipeline, reproducible from a seed.
struct SeededRandom: RandomNumberGenerator {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { generator.next() }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    mutating func maybe<T>(_ p: Double, _ make: (inout SeededRandom) -> T) -> T? { chance(p) ? make(&self) : nil }

    static let alphabet: [String] = [
        "a", "Z", "0", "7", " ", "-", "_", "#", "订", "单", "退", "款", "耳", "机", "😀", "é", "\"", "\\", "\n", "\u{2028}",
        "／", "１", "@", ".", "'", "\u{0}", "\t", "￥",
    ]

    mutating func text(_ length: ClosedRange<Int>) -> String {
        String((0..<int(length)).map { _ in pick(Self.alphabet) }.joined())
    }

    mutating func identifier(_ length: ClosedRange<Int>) -> String {
        let id = text(length)
        return id.isEmpty ? "x" : id
    }

    mutating func bytes(_ length: ClosedRange<Int>) -> [UInt8] { (0..<int(length)).map { _ in UInt8(int(0...255)) } }

    mutating func payload() -> [UInt8] {
        switch int(0...3) {
        case 0: bytes(0...200)
        case 1: Array(#"{"message_id":"\#(UUID().uuidString.lowercased())","text":5}"#.utf8)
        case 2: Array(text(0...100).utf8)
        default: []
        }
    }

    mutating func date() -> Date { Date(timeIntervalSince1970: 1_780_000_000 + Double(int(0...40_000_000))) }

    mutating func message() -> InboundMessage {
        InboundMessage(
            messageID: UUID(), conversationID: identifier(1...128), customerID: identifier(1...128),
            channel: pick(["web", "app", "wechat", "x"]), text: text(1...400), sentAt: date(),
            locale: maybe(0.5) { $0.pick(["zh-CN", "en-US", "en", "zh", "fr", ""]) })
    }

    mutating func analysis() -> MessageAnalysis {
        let text = self.text(0...80)
        let length = text.unicodeScalars.count
        let entities: [Entity] = (0..<int(0...5)).map { _ in
            let start = int(0...max(0, length))
            let end = int(start...max(start, length))
            return Entity(
                type: pick(EntityType.allCases), text: self.text(0...20), start: start, end: end,
                normalized: maybe(0.6) { $0.pick(["202611150001", "39900", "2026-11-20", "13800138000", "a@b.cn", ""]) })
        }
        let cues: [EscalationCue] = (0..<int(0...2)).map { _ in
            EscalationCue(kind: pick(EscalationCueKind.allCases), text: self.text(1...6), start: 0, end: 1)
        }
        return MessageAnalysis(
            language: pick([.chinese, .english, .mixed]), replyLanguage: pick([.chinese, .english]),
            intent: pick(Intent.allCases), intentConfidence: Double.random(in: -0.2...1.2, using: &self),
            intentCandidates: [], entities: entities,
            sentiment: Sentiment(label: pick(SentimentLabel.allCases), score: Double.random(in: -0.1...1.1, using: &self)),
            cues: cues, claimedCondition: maybe(0.3) { $0.pick(ClaimedCondition.known) },
            requestedVariant: maybe(0.1) { $0.pick(["L", "黑色", "XL"]) })
    }

    static let currencies = ["CNY", "USD", "EUR", "JPY", "GBP", "HKD"]

    mutating func order(customerID: String) -> OrderSnapshot {
        let paid = date()
        let currency = pick(Self.currencies)
        let lines = (1...int(1...4)).map { n in
            let price = Int64(int(0...2_000_000))
            let quantity = int(1...5)
            return OrderLine(
                lineNo: n, sku: identifier(1...20), productName: maybe(0.9) { $0.text(1...30) },
                category: pick(["electronics", "apparel", "fresh_perishable", "custom_made", "books", "unknown_thing"]),
                quantity: quantity, unitPricePaid: Money(minorUnits: price, currency: currency),
                refunded: Money(minorUnits: chance(0.2) ? Int64(int(0...Int(price) * quantity)) : 0, currency: currency))
        }
        return OrderSnapshot(
            id: pick([String(int(10_000_000...999_999_999_999)), "JD" + String(int(1000...999_999)), identifier(1...64)]),
            customerID: customerID,
            status: pick([.pendingPayment, .paid, .shipped, .delivered, .cancelled, .completed, .unrecognized("on_hold")]),
            currency: currency, paidAt: maybe(0.9) { _ in paid },
            shippedAt: maybe(0.7) { _ in paid.addingTimeInterval(86_400) },
            deliveredAt: maybe(0.5) { _ in paid.addingTimeInterval(3 * 86_400) },
            promisedDeliveryBy: maybe(0.5) { _ in paid.addingTimeInterval(5 * 86_400) },
            carrier: maybe(0.6) { $0.pick(["SF", "UPS", "中通", ""]) },
            trackingNumber: maybe(0.6) { $0.identifier(1...30) },
            carrierStatus: maybe(0.6) { $0.pick([.inTransit, .delivered, .lost, .returned, .unrecognized("held")]) },
            shippingFee: Money(minorUnits: Int64(int(0...2_000)), currency: currency), returnShippingInsurance: chance(0.3), lines: lines,
            openRefunds: chance(0.2)
                ? [OpenRefund(lineNo: maybe(0.5) { _ in 1 }, amount: Money(minorUnits: Int64(int(0...50_000)), currency: currency), status: "requested", createdAt: paid)]
                : [])
    }

    mutating func context(for message: InboundMessage) -> CustomerContext {
        let orders = (0..<int(0...3)).map { _ in order(customerID: message.customerID) }
        let named = orders.filter { _ in chance(0.5) }
        let conversation = ConversationState(
            id: message.conversationID, customerID: message.customerID,
            handoff: pick([.bot, .bot, .bot, .escalated, .agent]), handoffReasons: chance(0.2) ? [.safety] : [],
            language: maybe(0.5) { $0.pick([.chinese, .english]) }, lastIntent: maybe(0.5) { $0.pick(Intent.allCases) },
            lastOrderID: maybe(0.3) { $0.pick(orders.map(\.id) + ["99999999"]) }, lastOutcome: maybe(0.3) { _ in .deny },
            openSlot: maybe(0.3) { _ in .orderID }, pendingIntent: maybe(0.3) { $0.pick(Intent.allCases) },
            lastAnsweredIntent: maybe(0.3) { $0.pick(Intent.allCases) }, repeatCount: int(0...3),
            turnCount: int(0...50), version: Int64(int(0...20)))
        let transcript = (0..<int(0...12)).map { _ in
            Turn(role: pick([.customer, .bot, .agent]), text: text(0...60), intent: maybe(0.5) { $0.pick(Intent.allCases).rawValue }, at: date())
        }
        return CustomerContext(
            conversation: conversation,
            customer: CustomerProfile(
                id: message.customerID, tier: maybe(0.9) { $0.pick([.regular, .vip, .unrecognized("gold")]) },
                fraudFlag: chance(0.1), refundsLast90Days: int(0...30)),
            customerKnown: chance(0.7), orders: named, recentOrders: orders, catalog: [:], transcript: transcript)
    }

    /// Turns a random case into one the policy may approve: a recent delivered order of the
    /// customer's, named in a message that asks for a remedy, in a conversation with the bot.
    mutating func makePlausible(_ message: inout InboundMessage, _ analysis: inout MessageAnalysis, _ context: inout CustomerContext) {
        var order = self.order(customerID: message.customerID)
        order.id = String(int(10_000_000...999_999_999_999))
        order.status = pick([.delivered, .paid, .shipped, .completed])
        order.paidAt = message.sentAt.addingTimeInterval(-Double(int(1...20)) * 86_400)
        order.deliveredAt = pick([nil, message.sentAt.addingTimeInterval(-Double(int(1...14)) * 86_400)])
        order.openRefunds = []
        for i in order.lines.indices {
            order.lines[i].refunded.minorUnits = 0
            order.lines[i].category = pick(["apparel", "electronics", "books", "appliances"])
        }
        analysis.intent = pick([.returnRequest, .refundRequest, .cancelOrder, .priceProtection, .damagedOrDefective, .notReceived, .exchangeRequest])
        analysis.intentConfidence = 0.95
        analysis.cues = []
        analysis.sentiment = Sentiment(label: .neutral, score: 0.5)
        analysis.entities = [Entity(type: .orderID, text: order.id, start: 0, end: order.id.count, normalized: order.id)]
        context.conversation = ConversationState(id: message.conversationID, customerID: message.customerID)
        context.orders = [order]
        context.recentOrders = [order] + context.recentOrders
        message.text = order.id
    }

    /// A decision as the decider could return it, and combinations it may not produce today.
    mutating func decision(analysis: MessageAnalysis, context: CustomerContext) -> MessageDecision {
        let order = chance(0.6) ? context.recentOrders.first : nil
        let outcome = pick(PolicyOutcome.allCases)
        let policy: PolicyDecision? = chance(0.85) ? PolicyDecision(
            caseID: nil, outcome: outcome,
            refund: (order.map(\.currency) ?? maybe(0.3) { $0.pick(Self.currencies) }).map {
                Money(minorUnits: Int64(int(-100...500_000)), currency: $0)
            },
            returnShippingPaidBy: maybe(0.5) { $0.pick(ShippingPayer.allCases) },
            deadlines: chance(0.5) ? [.returnShipBy: date()] : [:], reasonCodes: [pick(["order_not_found", "within_window", "x"])].map(ReasonCode.init(rawValue:)),
            ruleIDs: [RuleID(rawValue: pick(["R1.ownership", "R9.x"]))], policyVersion: pick(["default-2026.11.1", "v"]),
            reasons: [DecisionReason(code: "order_not_found", zh: text(0...40), en: text(0...40))],
            lines: order.map { o in
                o.lines.map { DecisionLine(lineNo: $0.lineNo, units: 1, refund: Money(minorUnits: 100, currency: o.currency)) }
            } ?? [],
            shippingFeeRefund: nil, facts: nil) : nil
        let verdict: EscalationVerdict? = chance(0.5)
            ? EscalationVerdict(
                reasons: Array(Set((0..<int(1...3)).map { _ in pick(EscalationReason.allCases) })),
                priority: pick(EscalationPriority.allCases))
            : nil
        let language: Language = pick([.chinese, .english, .mixed])
        let kind: ReplyPlan.Kind = pick([.answer, .clarification, .acknowledgement])
        let plan = ReplyPlan(
            language: language, kind: kind, intent: analysis.intent,
            order: order.map(MessageDecider.orderFacts), decision: policy.map(MessageDecider.decisionFacts),
            asksFor: kind == .clarification ? "order_id" : nil, recentOrderIDs: context.recentOrders.map(\.id),
            escalationPriority: verdict?.priority, escalationReasons: verdict?.reasons ?? [])
        return MessageDecision(
            intent: analysis.intent, order: order, policyDecision: policy, escalation: verdict,
            reply: chance(0.9) ? plan : nil, suggestedReply: plan, conversation: context.conversation,
            executesRefund: policy.map { $0.outcome.isApproval } ?? chance(0.1))
    }
}
