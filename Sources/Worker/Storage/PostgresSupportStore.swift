import Conversation
import Foundation
import Postgres
import RefundPolicy
import SupportEvents
import SupportModel

/// The `SupportStore` over PostgreSQL. Every query is parameterized; every order query is
/// scoped by the message's customer id; a processed message is written in one transaction.
public struct PostgresSupportStore: SupportStore {
    let pool: PostgresPool
    /// Turns of transcript loaded for escalations.
    let transcriptTurns: Int
    /// Recent orders loaded to resolve "my order".
    let recentOrderCount = 5

    public init(pool: PostgresPool, transcriptTurns: Int = 10) {
        self.pool = pool
        self.transcriptTurns = transcriptTurns
    }

    // MARK: Inbox

    public func storedEvents(messageID: UUID) async throws -> [EncodedEvent]? {
        let rows = try await pool.query(
            """
            SELECT o.event_id, o.kind, o.kafka_key, o.payload
            FROM inbox i LEFT JOIN outbox o ON o.message_id = i.message_id
            WHERE i.message_id = $1 ORDER BY o.seq
            """, [.uuid(messageID)])
        guard !rows.isEmpty else { return nil }
        return try Self.events(rows)
    }

    static func events(_ rows: PostgresRows) throws -> [EncodedEvent] {
        var events: [EncodedEvent] = []
        for row in rows {
            guard let id = try row.decode(column: "event_id", as: UUID?.self) else { continue }
            let kindName = try row.decode(column: "kind", as: String.self)
            guard let kind = EventKind(rawValue: kindName) else {
                throw StoreError(code: "unknown_event_kind", message: "outbox holds an event of unknown kind \(kindName)")
            }
            events.append(
                EncodedEvent(
                    kind: kind, eventID: id.lowercasedString, key: try row.decode(column: "kafka_key", as: String.self),
                    payload: try row.decode(column: "payload", as: [UInt8].self)))
        }
        return events
    }

    // MARK: Context

    public func loadContext(for message: InboundMessage, orderIDs: [String]) async throws -> CustomerContext {
        try await pool.withConnection { db in
            let conversation = try await loadConversation(db, message)
            var customer = CustomerProfile(id: message.customerID)
            var known = false
            let customerRows = try await db.query(
                """
                SELECT c.tier, c.fraud_flag,
                       (SELECT count(*) FROM refunds r WHERE r.customer_id = c.id AND r.status <> 'rejected'
                          AND r.created_at > $2::timestamptz - interval '90 days') AS recent_refunds
                FROM customers c WHERE c.id = $1
                """, [.text(message.customerID), .timestamptz(message.sentAt)])
            if let row = customerRows.first {
                known = true
                customer = CustomerProfile(
                    id: message.customerID, tier: CustomerTier(rawValue: try row.decode(column: "tier", as: String.self)),
                    fraudFlag: try row.decode(column: "fraud_flag", as: Bool.self),
                    refundsLast90Days: Int(try row.decode(column: "recent_refunds", as: Int64.self)))
            }
            var wanted = orderIDs
            if let current = conversation.lastOrderID, !wanted.contains(current) { wanted.append(current) }
            let named = wanted.isEmpty ? [] : try await loadOrders(
                db, where: "o.customer_id = $1 AND o.id = ANY(string_to_array($2, ','))",
                [.text(message.customerID), .text(wanted.filter { !$0.contains(",") }.joined(separator: ","))])
            let recent = try await loadOrders(
                db, where: "o.id IN (SELECT id FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT \(recentOrderCount))",
                [.text(message.customerID)])
            let skus = Set((named + recent).flatMap { $0.lines.map(\.sku) })
            let (catalog, variants) = try await loadCatalog(db, skus: skus)
            let transcript = try await loadTranscript(db, conversationID: message.conversationID)
            return CustomerContext(
                conversation: conversation, customer: customer, customerKnown: known, orders: named,
                recentOrders: recent.sorted { ($0.paidAt ?? .distantPast) > ($1.paidAt ?? .distantPast) }, catalog: catalog,
                variants: variants, transcript: transcript)
        }
    }

    private func loadConversation(_ db: PostgresConnection, _ message: InboundMessage) async throws -> ConversationState {
        let rows = try await db.query(
            """
            SELECT customer_id, handoff, array_to_string(handoff_reasons, ',') AS reasons, handoff_at, language,
                   last_intent, last_order_id, last_outcome, open_slot, pending_intent, last_answered_intent,
                   repeat_count, turn_count, version
            FROM conversations WHERE id = $1
            """, [.text(message.conversationID)])
        guard let row = rows.first else {
            return ConversationState(id: message.conversationID, customerID: message.customerID)
        }
        let owner = try row.decode(column: "customer_id", as: String.self)
        // A conversation belongs to one customer; an agent event may have created it first.
        guard owner == message.customerID || owner.isEmpty else {
            throw StoreError(
                code: "conversation_customer_mismatch",
                message: "conversation \(message.conversationID) belongs to another customer")
        }
        let reasons = try row.decode(column: "reasons", as: String?.self) ?? ""
        return ConversationState(
            id: message.conversationID, customerID: message.customerID,
            handoff: Handoff(rawValue: try row.decode(column: "handoff", as: String.self)) ?? .bot,
            handoffReasons: reasons.isEmpty ? [] : reasons.split(separator: ",").map(String.init),
            handoffAt: try row.decode(column: "handoff_at", as: Date?.self),
            language: try row.decode(column: "language", as: String?.self).flatMap(Language.init(rawValue:)),
            lastIntent: try row.decode(column: "last_intent", as: String?.self).flatMap(Intent.init(rawValue:)),
            lastOrderID: try row.decode(column: "last_order_id", as: String?.self),
            lastOutcome: try row.decode(column: "last_outcome", as: String?.self),
            openSlot: try row.decode(column: "open_slot", as: String?.self).flatMap(OpenSlot.init(rawValue:)),
            pendingIntent: try row.decode(column: "pending_intent", as: String?.self).flatMap(Intent.init(rawValue:)),
            lastAnsweredIntent: try row.decode(column: "last_answered_intent", as: String?.self).flatMap(Intent.init(rawValue:)),
            repeatCount: Int(try row.decode(column: "repeat_count", as: Int32.self)),
            turnCount: Int(try row.decode(column: "turn_count", as: Int32.self)),
            version: try row.decode(column: "version", as: Int64.self))
    }

    private func loadOrders(_ db: PostgresConnection, where condition: String, _ parameters: [PostgresValue]) async throws
        -> [OrderSnapshot]
    {
        let orderRows = try await db.query(
            """
            SELECT o.id, o.customer_id, o.status, o.currency, o.paid_at, o.shipped_at, o.delivered_at,
                   o.delivered_at_precision, o.promised_delivery_by, o.carrier, o.tracking_number, o.carrier_status,
                   o.shipping_fee_minor, o.return_shipping_insurance
            FROM orders o WHERE \(condition)
            """, parameters)
        guard !orderRows.isEmpty else { return [] }
        let ids = try orderRows.map { try $0.decode(column: "id", as: String.self) }
        let idList = PostgresValue.text(ids.joined(separator: ","))
        var lines: [String: [OrderLine]] = [:]
        for row in try await db.query(
            """
            SELECT order_id, line_no, sku, product_name, category, quantity, unit_price_paid_minor, refunded_minor,
                   no_reason_return_excluded_confirmed, promotion
            FROM order_lines WHERE order_id = ANY(string_to_array($1, ',')) ORDER BY order_id, line_no
            """, [idList])
        {
            lines[try row.decode(column: "order_id", as: String.self), default: []].append(
                OrderLine(
                    lineNo: Int(try row.decode(column: "line_no", as: Int32.self)),
                    sku: try row.decode(column: "sku", as: String.self),
                    productName: try row.decode(column: "product_name", as: String.self),
                    category: ProductCategory(rawValue: try row.decode(column: "category", as: String.self)),
                    quantity: Int(try row.decode(column: "quantity", as: Int32.self)),
                    unitPricePaidMinor: try row.decode(column: "unit_price_paid_minor", as: Int64.self),
                    refundedMinor: try row.decode(column: "refunded_minor", as: Int64.self),
                    noReasonReturnExcludedConfirmed: try row.decode(column: "no_reason_return_excluded_confirmed", as: Bool.self),
                    promotion: try row.decode(column: "promotion", as: String?.self).map(Promotion.init(rawValue:))))
        }
        var openRefunds: [String: [OpenRefund]] = [:]
        for row in try await db.query(
            """
            SELECT order_id, array_to_string(line_nos, ',') AS line_nos, amount_minor, status, created_at
            FROM refunds WHERE order_id = ANY(string_to_array($1, ',')) AND status IN ('requested', 'processing')
            ORDER BY created_at
            """, [idList])
        {
            let lineNos = (try row.decode(column: "line_nos", as: String.self)).split(separator: ",").compactMap { Int($0) }
            openRefunds[try row.decode(column: "order_id", as: String.self), default: []].append(
                OpenRefund(
                    lineNo: lineNos.count == 1 ? lineNos[0] : nil, amountMinor: try row.decode(column: "amount_minor", as: Int64.self),
                    status: try row.decode(column: "status", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: Date.self)))
        }
        return try orderRows.map { row in
            let id = try row.decode(column: "id", as: String.self)
            return OrderSnapshot(
                id: id, customerId: try row.decode(column: "customer_id", as: String.self),
                status: OrderStatus(rawValue: try row.decode(column: "status", as: String.self)),
                currency: try row.decode(column: "currency", as: String.self).trimmingCharacters(in: .whitespaces),
                paidAt: try row.decode(column: "paid_at", as: Date?.self),
                shippedAt: try row.decode(column: "shipped_at", as: Date?.self),
                deliveredAt: try row.decode(column: "delivered_at", as: Date?.self),
                deliveredAtPrecision: SignForPrecision(rawValue: try row.decode(column: "delivered_at_precision", as: String.self)) ?? .instant,
                promisedDeliveryBy: try row.decode(column: "promised_delivery_by", as: Date?.self),
                carrier: try row.decode(column: "carrier", as: String?.self),
                trackingNumber: try row.decode(column: "tracking_number", as: String?.self),
                carrierStatus: try row.decode(column: "carrier_status", as: String?.self).map(CarrierStatus.init(rawValue:)),
                shippingFeeMinor: try row.decode(column: "shipping_fee_minor", as: Int64.self),
                returnShippingInsurance: try row.decode(column: "return_shipping_insurance", as: Bool.self),
                lines: lines[id] ?? [], openRefunds: openRefunds[id] ?? [])
        }
    }

    private func loadCatalog(_ db: PostgresConnection, skus: Set<String>) async throws
        -> ([String: CatalogEntry], [String: [ProductVariant]])
    {
        guard !skus.isEmpty else { return ([:], [:]) }
        var catalog: [String: CatalogEntry] = [:]
        var variants: [String: [ProductVariant]] = [:]
        for row in try await db.query(
            """
            SELECT p.sku, p.current_price_minor, v.variant_sku, v.label_zh, v.label_en, v.stock
            FROM products p LEFT JOIN product_variants v ON v.sku = p.sku
            WHERE p.sku = ANY(string_to_array($1, ',')) ORDER BY p.sku, v.variant_sku
            """, [.text(skus.sorted().joined(separator: ","))])
        {
            let sku = try row.decode(column: "sku", as: String.self)
            let price = try row.decode(column: "current_price_minor", as: Int64.self)
            var entry = catalog[sku] ?? CatalogEntry(currentPriceMinor: price)
            if let variantSKU = try row.decode(column: "variant_sku", as: String?.self) {
                let stock = Int(try row.decode(column: "stock", as: Int32.self))
                entry.stock[variantSKU] = stock
                variants[sku, default: []].append(
                    ProductVariant(
                        variantSKU: variantSKU, labelZH: try row.decode(column: "label_zh", as: String.self),
                        labelEN: try row.decode(column: "label_en", as: String.self), stock: stock))
            }
            catalog[sku] = entry
        }
        return (catalog, variants)
    }

    private func loadTranscript(_ db: PostgresConnection, conversationID: String) async throws -> [Turn] {
        let rows = try await db.query(
            "SELECT role, text, intent, created_at FROM turns WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2",
            [.text(conversationID), .int64(Int64(transcriptTurns))])
        return try rows.reversed().map { row in
            Turn(
                role: Turn.Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .customer,
                text: try row.decode(column: "text", as: String.self),
                intent: try row.decode(column: "intent", as: String?.self),
                at: try row.decode(column: "created_at", as: Date.self))
        }
    }

    // MARK: Commit

    /// Thrown inside the transaction to roll it back when the conversation moved on.
    private struct ConversationMoved: Error {}

    public func commit(_ processed: ProcessedMessage) async throws -> CommitOutcome {
        do {
            return try await pool.withTransaction { db in
                let message = processed.message
                let inserted = try await db.execute(
                    """
                    INSERT INTO inbox (message_id, conversation_id, customer_id, source_topic, source_partition,
                                       source_offset, outcome, intent, decision_outcome)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (message_id) DO NOTHING
                    """,
                    [
                        .uuid(message.messageID), .text(message.conversationID), .text(message.customerID),
                        .text(processed.source.partitionID.topic), .int32(processed.source.partitionID.partition),
                        .int64(processed.source.offset), .text(processed.outcome.rawValue), .text(processed.intent),
                        processed.decisionOutcome.map(PostgresValue.text) ?? .null,
                    ])
                guard inserted == 1 else {
                    let rows = try await db.query(
                        "SELECT event_id, kind, kafka_key, payload FROM outbox WHERE message_id = $1 ORDER BY seq",
                        [.uuid(message.messageID)])
                    return .alreadyProcessed(try Self.events(rows))
                }
                guard try await saveConversation(db, processed.conversation) else { throw ConversationMoved() }
                for turn in processed.turns {
                    try await db.execute(
                        """
                        INSERT INTO turns (conversation_id, message_id, role, text, intent, created_at)
                        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
                        """,
                        [
                            .text(message.conversationID), .uuid(message.messageID), .text(turn.role.rawValue),
                            .text(turn.text), turn.intent.map(PostgresValue.text) ?? .null, .timestamptz(turn.at),
                        ])
                }
                if let refund = processed.refund {
                    try await db.execute(
                        """
                        INSERT INTO refunds (id, message_id, order_id, customer_id, outcome, amount_minor, currency,
                                             line_nos, status, reason_codes, policy_version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, string_to_array($8, ',')::integer[], 'requested',
                                string_to_array($9, ','), $10)
                        ON CONFLICT (message_id) DO NOTHING
                        """,
                        [
                            .uuid(refund.id), .uuid(message.messageID), .text(refund.orderID), .text(message.customerID),
                            .text(refund.outcome), .int64(refund.amountMinor), .text(refund.currency),
                            .text(refund.lineNos.map(String.init).joined(separator: ",")),
                            .text(refund.reasonCodes.joined(separator: ",")), .text(refund.policyVersion),
                        ])
                }
                for (seq, event) in processed.events.enumerated() {
                    guard let eventID = UUID(uuidString: event.eventID) else {
                        throw StoreError(code: "bad_event_id", message: "event id \(event.eventID) is not a UUID")
                    }
                    try await db.execute(
                        """
                        INSERT INTO outbox (event_id, message_id, seq, kind, kafka_key, payload)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        """,
                        [
                            .uuid(eventID), .uuid(message.messageID), .int16(Int16(seq)), .text(event.kind.rawValue),
                            .text(event.key), .bytea(event.payload),
                        ])
                }
                return .committed
            }
        } catch is ConversationMoved {
            return .conversationChanged
        }
    }

    /// Inserts or updates the conversation if it is still at the loaded version.
    private func saveConversation(_ db: PostgresConnection, _ c: ConversationState) async throws -> Bool {
        let values: [PostgresValue] = [
            .text(c.id), .text(c.customerID), .text(c.handoff.rawValue), .text(c.handoffReasons.joined(separator: ",")),
            c.handoffAt.map(PostgresValue.timestamptz) ?? .null, c.language.map { .text($0.rawValue) } ?? .null,
            c.lastIntent.map { .text($0.rawValue) } ?? .null, c.lastOrderID.map(PostgresValue.text) ?? .null,
            c.lastOutcome.map(PostgresValue.text) ?? .null, c.openSlot.map { .text($0.rawValue) } ?? .null,
            c.pendingIntent.map { .text($0.rawValue) } ?? .null, c.lastAnsweredIntent.map { .text($0.rawValue) } ?? .null,
            .int32(Int32(clamping: c.repeatCount)), .int32(Int32(clamping: c.turnCount)), .int64(c.version),
        ]
        if c.version == 0 {
            let inserted = try await db.execute(
                """
                INSERT INTO conversations (id, customer_id, handoff, handoff_reasons, handoff_at, language, last_intent,
                    last_order_id, last_outcome, open_slot, pending_intent, last_answered_intent, repeat_count,
                    turn_count, version)
                VALUES ($1, $2, $3, coalesce(string_to_array(NULLIF($4, ''), ','), '{}'), $5, $6, $7, $8, $9, $10, $11, $12,
                        $13, $14, $15 + 1)
                ON CONFLICT (id) DO NOTHING
                """, values)
            return inserted == 1
        }
        let updated = try await db.execute(
            """
            UPDATE conversations SET customer_id = $2, handoff = $3,
                handoff_reasons = coalesce(string_to_array(NULLIF($4, ''), ','), '{}'), handoff_at = $5, language = $6,
                last_intent = $7, last_order_id = $8, last_outcome = $9, open_slot = $10, pending_intent = $11,
                last_answered_intent = $12, repeat_count = $13, turn_count = $14, version = version + 1,
                updated_at = now()
            WHERE id = $1 AND version = $15
            """, values)
        return updated == 1
    }

    // MARK: Agent events

    public func apply(_ event: AgentEvent) async throws -> Bool {
        try await pool.withTransaction { db in
            let inserted = try await db.execute(
                """
                INSERT INTO agent_events (event_id, conversation_id, type, agent_id, at)
                VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING
                """,
                [.uuid(event.eventID), .text(event.conversationID), .text(event.kind.rawValue), .text(event.agentID), .timestamptz(event.at)])
            guard inserted == 1 else { return false }
            switch event.kind {
            case .takenOver:
                try await db.execute(
                    """
                    INSERT INTO conversations (id, customer_id, handoff, handoff_at, version) VALUES ($1, '', 'agent', $2, 1)
                    ON CONFLICT (id) DO UPDATE SET handoff = 'agent', handoff_at = $2, open_slot = NULL,
                        pending_intent = NULL, version = conversations.version + 1, updated_at = now()
                    """, [.text(event.conversationID), .timestamptz(event.at)])
            case .released:
                try await db.execute(
                    """
                    UPDATE conversations SET handoff = 'bot', handoff_reasons = '{}', handoff_at = NULL, open_slot = NULL,
                        pending_intent = NULL, last_answered_intent = NULL, repeat_count = 0,
                        version = version + 1, updated_at = now()
                    WHERE id = $1
                    """, [.text(event.conversationID)])
            }
            return true
        }
    }
}

/// A database content problem the pipeline cannot fix by retrying.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String

    public var description: String { "\(code): \(message)" }
}
