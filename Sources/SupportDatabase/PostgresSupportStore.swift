import SupportPipeline
import Conversation
import Foundation
import JSONSchema
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
    let recentOrderCount = 10

    public init(pool: PostgresPool, transcriptTurns: Int = 10) {
        self.pool = pool
        self.transcriptTurns = transcriptTurns
    }

    // MARK: Inbox

    public func storedEvents(messageID: UUID) async throws -> [EncodedEvent]? {
        // The inbox row (with its outbox events, none for a suppressed message), else the
        // message's dead letter. Keys: outbox keys are text, dead-letter keys bytes or none.
        let rows = try await pool.query(
            """
            SELECT o.event_id, o.kind, convert_to(o.kafka_key, 'UTF8') AS kafka_key, o.payload, o.seq AS seq
            FROM inbox i LEFT JOIN outbox o ON o.message_id = i.message_id
            WHERE i.message_id = $1
            UNION ALL
            (SELECT d.event_id, 'dead-letter', d.kafka_key, d.payload, 0
             FROM dead_letters d
             WHERE d.message_id = $1 AND NOT EXISTS (SELECT 1 FROM inbox WHERE message_id = $1)
             ORDER BY d.created_at, d.event_id LIMIT 1)
            ORDER BY seq
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
                    kind: kind, eventID: id.lowercasedString, key: try row.decode(column: "kafka_key", as: [UInt8]?.self),
                    payload: try row.decode(column: "payload", as: [UInt8].self)))
        }
        return events
    }

    // MARK: Dead letters

    public func recordDeadLetter(_ letter: DeadLetterRecord) async throws -> EncodedEvent {
        guard let eventID = UUID(uuidString: letter.event.eventID) else {
            throw StoreError(code: "bad_event_id", message: "event id \(letter.event.eventID) is not a UUID")
        }
        let rows = try await pool.query(
            """
            WITH written AS (
                INSERT INTO dead_letters (event_id, message_id, source_topic, source_partition, source_offset, code,
                                          kafka_key, payload)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id, kafka_key, payload)
            SELECT event_id, 'dead-letter' AS kind, kafka_key, payload FROM written
            UNION ALL
            SELECT event_id, 'dead-letter', kafka_key, payload FROM dead_letters
            WHERE event_id = $1 AND NOT EXISTS (SELECT 1 FROM written)
            """,
            [
                .uuid(eventID), letter.messageID.map(PostgresValue.uuid) ?? .null,
                .text(letter.source.partitionID.topic), .int32(letter.source.partitionID.partition),
                .int64(letter.source.offset), .text(letter.code), letter.event.key.map(PostgresValue.bytea) ?? .null,
                .bytea(letter.event.payload),
            ])
        guard let stored = try Self.events(rows).first else {
            throw StoreError(code: "dead_letter_not_recorded", message: "dead letter \(eventID) was neither written nor found")
        }
        return stored
    }

    // MARK: Context

    public func loadContext(for message: InboundMessage, orderIDs: [String]) async throws -> CustomerContext {
        try await pool.withConnection { db in
            // 1. Conversation, customer and recent transcript in one round trip.
            let head = try await db.query(
                """
                SELECT c.customer_id AS owner, c.handoff, array_to_string(c.handoff_reasons, ',') AS reasons, c.handoff_at,
                       c.language, c.last_intent, c.last_order_id, c.last_outcome, c.open_slot, c.pending_intent,
                       c.last_answered_intent, c.repeat_count, c.turn_count, c.version,
                       u.id IS NOT NULL AS known, u.tier, u.fraud_flag, u.preferred_language,
                       (SELECT count(*) FROM refunds r WHERE r.customer_id = $2 AND r.status <> 'rejected'
                          AND r.created_at > $3::timestamptz - interval '90 days') AS recent_refunds,
                       (SELECT json_agg(json_build_array(t.role, t.text, t.intent, t.created_at) ORDER BY t.id)
                          FROM (SELECT id, role, text, intent, created_at FROM turns WHERE conversation_id = $1
                                ORDER BY id DESC LIMIT $4) t)::text AS transcript
                FROM (SELECT 1) AS one
                LEFT JOIN conversations c ON c.id = $1
                LEFT JOIN customers u ON u.id = $2
                """,
                [.text(message.conversationID), .text(message.customerID), .timestamptz(message.sentAt), .int64(Int64(transcriptTurns))])
            guard let row = head.first else { throw StoreError(code: "no_row", message: "context query returned no row") }
            let conversation = try decodeConversation(row, message)
            var customer = CustomerProfile(id: message.customerID)
            let known = try row.decode(column: "known", as: Bool.self)
            if known {
                customer = CustomerProfile(
                    id: message.customerID, tier: CustomerTier(rawValue: try row.decode(column: "tier", as: String.self)),
                    fraudFlag: try row.decode(column: "fraud_flag", as: Bool.self),
                    refundsLast90Days: Int(try row.decode(column: "recent_refunds", as: Int64.self)))
            }
            let transcript = try Self.transcript(try row.decode(column: "transcript", as: String?.self))

            // 2 and 3. The named and recent orders of this customer, their open refunds, lines and catalogue facts.
            var wanted = orderIDs.flatMap(OrderReference.lookupKeys)
            if let current = conversation.lastOrderID { wanted.append(OrderReference.normalized(current)) }
            let loaded = try await loadOrders(db, customerID: message.customerID, named: wanted)
            return CustomerContext(
                conversation: conversation, customer: customer, customerKnown: known, orders: loaded.named,
                recentOrders: loaded.recent.sorted { ($0.paidAt ?? .distantPast) > ($1.paidAt ?? .distantPast) },
                catalog: loaded.catalog, variants: loaded.variants, transcript: transcript,
                orderRefundStates: loaded.refundStates,
                preferredLanguage: try row.decode(column: "preferred_language", as: String?.self).flatMap(Language.init(rawValue:)))
        }
    }

    private func decodeConversation(_ row: PostgresRow, _ message: InboundMessage) throws -> ConversationState {
        guard let owner = try row.decode(column: "owner", as: String?.self) else {
            return ConversationState(id: message.conversationID, customerID: message.customerID)
        }
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
            handoffReasons: reasons.split(separator: ",").compactMap { EscalationReason(rawValue: String($0)) },
            handoffAt: try row.decode(column: "handoff_at", as: Date?.self),
            language: try row.decode(column: "language", as: String?.self).flatMap(Language.init(rawValue:)),
            lastIntent: try row.decode(column: "last_intent", as: String?.self).flatMap(Intent.init(rawValue:)),
            lastOrderID: try row.decode(column: "last_order_id", as: String?.self),
            lastOutcome: try row.decode(column: "last_outcome", as: String?.self).flatMap(PolicyOutcome.init(rawValue:)),
            openSlot: try row.decode(column: "open_slot", as: String?.self).flatMap(OpenSlot.init(rawValue:)),
            pendingIntent: try row.decode(column: "pending_intent", as: String?.self).flatMap(Intent.init(rawValue:)),
            lastAnsweredIntent: try row.decode(column: "last_answered_intent", as: String?.self).flatMap(Intent.init(rawValue:)),
            repeatCount: Int(try row.decode(column: "repeat_count", as: Int32.self)),
            turnCount: Int(try row.decode(column: "turn_count", as: Int32.self)),
            version: try row.decode(column: "version", as: Int64.self))
    }

    /// `[[role, text, intent, created_at], …]` as PostgreSQL's json_agg wrote it.
    static func transcript(_ json: String?) throws -> [Turn] {
        guard let json, let rows = try JSONValue.parse(json).arrayValue else { return [] }
        return rows.compactMap { row -> Turn? in
            guard let fields = row.arrayValue, fields.count == 4, let text = fields[1].stringValue,
                let at = fields[3].stringValue.flatMap(RFC3339.parse)
            else { return nil }
            return Turn(
                role: fields[0].stringValue.flatMap(Turn.Role.init(rawValue:)) ?? .customer, text: text,
                intent: fields[2].stringValue, at: at)
        }
    }

    /// The orders of one customer a message needs, with their lines, catalogue facts and refund states.
    private struct LoadedOrders {
        var named: [OrderSnapshot] = []
        var recent: [OrderSnapshot] = []
        var catalog: [String: CatalogEntry] = [:]
        var variants: [String: [ProductVariant]] = [:]
        var refundStates: [String: String] = [:]
    }

    private func loadOrders(_ db: PostgresConnection, customerID: String, named: [String]) async throws -> LoadedOrders {
        let orderRows = try await db.query(
            """
            WITH recent AS (SELECT id FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT \(recentOrderCount))
            SELECT o.id, o.customer_id, o.status, o.currency, o.paid_at, o.shipped_at, o.delivered_at,
                   o.delivered_at_precision, o.promised_delivery_by, o.carrier, o.tracking_number, o.carrier_status,
                   o.shipping_fee_minor, o.return_shipping_insurance,
                   regexp_replace(upper(o.id), '[^0-9A-Z]', '', 'g') = ANY(string_to_array($2, ',')) AS named,
                   o.id IN (SELECT id FROM recent) AS recent,
                   order_refund_state(o.id) AS refund_state,
                   (SELECT json_agg(json_build_array(array_to_string(r.line_nos, ','), r.amount_minor, r.status, r.created_at)
                                    ORDER BY r.created_at)
                      FROM refunds r WHERE r.order_id = o.id AND r.status IN ('requested', 'processing'))::text AS open_refunds
            FROM orders o
            WHERE o.customer_id = $1
              AND (regexp_replace(upper(o.id), '[^0-9A-Z]', '', 'g') = ANY(string_to_array($2, ',')) OR o.id IN (SELECT id FROM recent))
            """, [.text(customerID), .text(named.joined(separator: ","))])
        guard !orderRows.isEmpty else { return LoadedOrders() }
        let ids = try orderRows.map { try $0.decode(column: "id", as: String.self) }
        // Every amount of an order is in its currency (upper case, whatever the row holds).
        var currencies: [String: String] = [:]
        for row in orderRows {
            currencies[try row.decode(column: "id", as: String.self)] =
                try row.decode(column: "currency", as: String.self).trimmingCharacters(in: .whitespaces).uppercased()
        }
        var lines: [String: [OrderLine]] = [:]
        var catalog: [String: CatalogEntry] = [:]
        var variants: [String: [ProductVariant]] = [:]
        for row in try await db.query(
            """
            SELECT l.order_id, l.line_no, l.sku, l.product_name, l.category, l.quantity, l.unit_price_paid_minor,
                   l.refunded_minor, l.no_reason_return_excluded_confirmed, l.promotion, p.current_price_minor,
                   p.currency AS price_currency,
                   (SELECT json_agg(json_build_array(v.variant_sku, v.label_zh, v.label_en, v.stock) ORDER BY v.variant_sku)
                      FROM product_variants v WHERE v.sku = l.sku)::text AS variants
            FROM order_lines l LEFT JOIN products p ON p.sku = l.sku
            WHERE l.order_id = ANY(string_to_array($1, ',')) ORDER BY l.order_id, l.line_no
            """, [.text(ids.joined(separator: ","))])
        {
            let sku = try row.decode(column: "sku", as: String.self)
            let orderID = try row.decode(column: "order_id", as: String.self)
            let currency = currencies[orderID] ?? ""
            lines[orderID, default: []].append(
                OrderLine(
                    lineNo: Int(try row.decode(column: "line_no", as: Int32.self)), sku: sku,
                    productName: try row.decode(column: "product_name", as: String.self),
                    category: ProductCategory(rawValue: try row.decode(column: "category", as: String.self)),
                    quantity: Int(try row.decode(column: "quantity", as: Int32.self)),
                    unitPricePaid: Money(minorUnits: try row.decode(column: "unit_price_paid_minor", as: Int64.self), currency: currency),
                    refunded: Money(minorUnits: try row.decode(column: "refunded_minor", as: Int64.self), currency: currency),
                    noReasonReturnExcludedConfirmed: try row.decode(column: "no_reason_return_excluded_confirmed", as: Bool.self),
                    promotion: try row.decode(column: "promotion", as: String?.self).map(Promotion.init(rawValue:))))
            guard catalog[sku] == nil, let price = try row.decode(column: "current_price_minor", as: Int64?.self),
                let priceCurrency = try row.decode(column: "price_currency", as: String?.self)
            else { continue }
            var entry = CatalogEntry(
                currentPrice: Money(minorUnits: price, currency: priceCurrency.trimmingCharacters(in: .whitespaces).uppercased()))
            if let json = try row.decode(column: "variants", as: String?.self), let list = try JSONValue.parse(json).arrayValue {
                for item in list {
                    guard let f = item.arrayValue, f.count == 4, let variantSKU = f[0].stringValue, let stock = f[3].intValue else { continue }
                    entry.stock[variantSKU] = Int(stock)
                    variants[sku, default: []].append(
                        ProductVariant(variantSKU: variantSKU, labelZH: f[1].stringValue ?? "", labelEN: f[2].stringValue ?? "", stock: Int(stock)))
                }
            }
            catalog[sku] = entry
        }
        var loaded = LoadedOrders(catalog: catalog, variants: variants)
        for row in orderRows {
            let id = try row.decode(column: "id", as: String.self)
            let currency = currencies[id] ?? ""
            loaded.refundStates[id] = try row.decode(column: "refund_state", as: String.self)
            var openRefunds: [OpenRefund] = []
            if let json = try row.decode(column: "open_refunds", as: String?.self), let list = try JSONValue.parse(json).arrayValue {
                for item in list {
                    guard let f = item.arrayValue, f.count == 4, let amount = f[1].intValue, let status = f[2].stringValue else { continue }
                    let lineNos = (f[0].stringValue ?? "").split(separator: ",").compactMap { Int($0) }
                    openRefunds.append(
                        OpenRefund(
                            lineNo: lineNos.count == 1 ? lineNos[0] : nil, amount: Money(minorUnits: amount, currency: currency),
                            status: status,
                            createdAt: f[3].stringValue.flatMap(RFC3339.parse)))
                }
            }
            let order = OrderSnapshot(
                id: id, customerID: try row.decode(column: "customer_id", as: String.self),
                status: OrderStatus(rawValue: try row.decode(column: "status", as: String.self)),
                currency: currency,
                paidAt: try row.decode(column: "paid_at", as: Date?.self),
                shippedAt: try row.decode(column: "shipped_at", as: Date?.self),
                deliveredAt: try row.decode(column: "delivered_at", as: Date?.self),
                deliveredAtPrecision: SignForPrecision(rawValue: try row.decode(column: "delivered_at_precision", as: String.self)) ?? .instant,
                promisedDeliveryBy: try row.decode(column: "promised_delivery_by", as: Date?.self),
                carrier: try row.decode(column: "carrier", as: String?.self),
                trackingNumber: try row.decode(column: "tracking_number", as: String?.self),
                carrierStatus: try row.decode(column: "carrier_status", as: String?.self).map(CarrierStatus.init(rawValue:)),
                shippingFee: Money(minorUnits: try row.decode(column: "shipping_fee_minor", as: Int64.self), currency: currency),
                returnShippingInsurance: try row.decode(column: "return_shipping_insurance", as: Bool.self),
                lines: lines[id] ?? [], openRefunds: openRefunds)
            if try row.decode(column: "named", as: Bool.self) { loaded.named.append(order) }
            if try row.decode(column: "recent", as: Bool.self) { loaded.recent.append(order) }
        }
        loaded.named.sort { $0.id < $1.id }
        return loaded
    }

    // MARK: Commit

    /// Thrown inside the transaction to roll it back when the conversation moved on.
    private struct ConversationMoved: Error {}
    /// Thrown inside the transaction to roll it back when the order's refunds moved on.
    private struct OrderMoved: Error {}

    public func commit(_ processed: ProcessedMessage) async throws -> CommitOutcome {
        do {
            return try await pool.withTransaction { db in
                let message = processed.message
                // The order first: its row lock makes the decisions on one order commit one after
                // the other, and each sees the refunds the one before wrote. Two statements: the
                // state must be read after the lock is granted, with a new snapshot.
                if let orderGuard = processed.orderGuard {
                    let locked = try await db.query(
                        "SELECT 1 FROM orders WHERE id = $1 AND customer_id = $2 FOR UPDATE",
                        [.text(orderGuard.orderID), .text(message.customerID)])
                    guard !locked.isEmpty else { throw OrderMoved() }
                    let state = try await db.query(
                        "SELECT order_refund_state($1) AS state", [.text(orderGuard.orderID)]
                    ).first?.decode(column: "state", as: String.self)
                    guard state == orderGuard.state else { throw OrderMoved() }
                }
                let inserted = try await db.execute(
                    """
                    INSERT INTO inbox (message_id, conversation_id, customer_id, source_topic, source_partition,
                                       source_offset, outcome, intent, decision_outcome)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (message_id) DO NOTHING
                    """,
                    [
                        .uuid(message.messageID), .text(message.conversationID), .text(message.customerID),
                        .text(processed.source.partitionID.topic), .int32(processed.source.partitionID.partition),
                        .int64(processed.source.offset), .text(processed.outcome.rawValue),
                        .text(processed.intent.rawValue), processed.decisionOutcome.map { .text($0.rawValue) } ?? .null,
                    ])
                guard inserted == 1 else {
                    let rows = try await db.query(
                        """
                        SELECT event_id, kind, convert_to(kafka_key, 'UTF8') AS kafka_key, payload FROM outbox
                        WHERE message_id = $1 ORDER BY seq
                        """,
                        [.uuid(message.messageID)])
                    return .alreadyProcessed(try Self.events(rows))
                }
                guard try await saveConversation(db, processed.conversation) else { throw ConversationMoved() }
                try await insertRecords(
                    db, message: message, turns: processed.turns, refund: processed.refund, events: processed.events)
                return .committed
            }
        } catch is ConversationMoved {
            return .conversationChanged
        } catch is OrderMoved {
            return .orderChanged
        }
    }

    public func commitHandover(_ handover: Handover) async throws -> [EncodedEvent] {
        try await pool.withTransaction { db in
            let message = handover.message
            let inserted = try await db.execute(
                """
                INSERT INTO inbox (message_id, conversation_id, customer_id, source_topic, source_partition,
                                   source_offset, outcome, intent, decision_outcome)
                VALUES ($1, $2, $3, $4, $5, $6, 'escalated', $7, NULL) ON CONFLICT (message_id) DO NOTHING
                """,
                [
                    .uuid(message.messageID), .text(message.conversationID), .text(message.customerID),
                    .text(handover.source.partitionID.topic), .int32(handover.source.partitionID.partition),
                    .int64(handover.source.offset), handover.intent.map { .text($0.rawValue) } ?? .null,
                ])
            guard inserted == 1 else {
                let rows = try await db.query(
                    """
                    SELECT event_id, kind, convert_to(kafka_key, 'UTF8') AS kafka_key, payload FROM outbox
                    WHERE message_id = $1 ORDER BY seq
                    """, [.uuid(message.messageID)])
                return try Self.events(rows)
            }
            // The conversation goes to a human whatever version it is at; one already with a
            // human stays there and gets no acknowledgement. A conversation id that belongs to
            // another customer is escalated too, but this message's turns stay out of it.
            let prior = try await db.query(
                "SELECT customer_id, handoff FROM conversations WHERE id = $1 FOR UPDATE", [.text(message.conversationID)]
            ).first
            let priorHandoff = try prior?.decode(column: "handoff", as: String.self) ?? "bot"
            let owner = try prior?.decode(column: "customer_id", as: String.self) ?? message.customerID
            let reasons = PostgresValue.text(handover.reasons.map(\.rawValue).joined(separator: ","))
            if prior == nil {
                try await db.execute(
                    """
                    INSERT INTO conversations (id, customer_id, handoff, handoff_reasons, handoff_at, turn_count, version)
                    VALUES ($1, $2, 'escalated', string_to_array($3, ','), $4, 1, 1)
                    """, [.text(message.conversationID), .text(message.customerID), reasons, .timestamptz(message.sentAt)])
            } else {
                try await db.execute(
                    """
                    UPDATE conversations SET
                        handoff_reasons = CASE WHEN handoff = 'bot' THEN string_to_array($2, ',') ELSE handoff_reasons END,
                        handoff_at = CASE WHEN handoff = 'bot' THEN $3 ELSE handoff_at END,
                        handoff = CASE WHEN handoff = 'bot' THEN 'escalated' ELSE handoff END,
                        open_slot = NULL, pending_intent = NULL, turn_count = turn_count + 1,
                        version = version + 1, updated_at = now()
                    WHERE id = $1
                    """, [.text(message.conversationID), reasons, .timestamptz(message.sentAt)])
            }
            var events = handover.events
            var turns = handover.turns
            if priorHandoff != "bot" {
                events.removeAll { $0.kind == .reply }
                turns.removeAll { $0.role == .bot }
            }
            if !owner.isEmpty && owner != message.customerID { turns = [] }
            try await insertRecords(db, message: message, turns: turns, refund: nil, events: events)
            return events
        }
    }

    /// The turns, the refund and the outbox events in one statement (data-modifying CTEs).
    private func insertRecords(
        _ db: PostgresConnection, message: InboundMessage, turns: [Turn], refund: RefundRecord?, events: [EncodedEvent]
    ) async throws {
        var parameters: [PostgresValue] = []
        func bind(_ value: PostgresValue) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        var parts: [String] = []
        if !turns.isEmpty {
            let conversation = bind(.text(message.conversationID))
            let messageID = bind(.uuid(message.messageID))
            let rows = turns.map { turn in
                "(\(conversation), \(messageID), \(bind(.text(turn.role.rawValue))), \(bind(.text(turn.text))), "
                    + "\(bind(turn.intent.map(PostgresValue.text) ?? .null))::text, \(bind(.timestamptz(turn.at))))"
            }
            parts.append(
                "turns_written AS (INSERT INTO turns (conversation_id, message_id, role, text, intent, created_at) VALUES "
                    + rows.joined(separator: ", ") + " ON CONFLICT DO NOTHING)")
        }
        if let refund {
            parts.append(
                """
                refund_written AS (INSERT INTO refunds (id, message_id, order_id, customer_id, outcome, amount_minor, currency,
                    line_nos, status, reason_codes, policy_version)
                VALUES (\(bind(.uuid(refund.id))), \(bind(.uuid(message.messageID))), \(bind(.text(refund.orderID))),
                    \(bind(.text(message.customerID))), \(bind(.text(refund.outcome.rawValue))),
                    \(bind(.int64(refund.amount.minorUnits))), \(bind(.text(refund.amount.currency))), string_to_array(\(bind(.text(refund.lineNos.map(String.init).joined(separator: ",")))), ',')::integer[],
                    'requested', string_to_array(\(bind(.text(refund.reasonCodes.joined(separator: ",")))), ','),
                    \(bind(.text(refund.policyVersion))))
                ON CONFLICT (message_id) DO NOTHING)
                """)
        }
        if !events.isEmpty {
            let messageID = bind(.uuid(message.messageID))
            var rows: [String] = []
            for (seq, event) in events.enumerated() {
                guard let eventID = UUID(uuidString: event.eventID) else {
                    throw StoreError(code: "bad_event_id", message: "event id \(event.eventID) is not a UUID")
                }
                // Events kept in the outbox are keyed by a conversation or order id: text.
                guard let keyBytes = event.key, let key = String(validating: keyBytes, as: UTF8.self) else {
                    throw StoreError(code: "bad_event_key", message: "event \(event.eventID) has no UTF-8 text key")
                }
                rows.append(
                    "(\(bind(.uuid(eventID))), \(messageID), \(bind(.int16(Int16(seq)))), \(bind(.text(event.kind.rawValue))), "
                        + "\(bind(.text(key))), \(bind(.bytea(event.payload))))")
            }
            parts.append(
                "outbox_written AS (INSERT INTO outbox (event_id, message_id, seq, kind, kafka_key, payload) VALUES "
                    + rows.joined(separator: ", ") + ")")
        }
        guard !parts.isEmpty else { return }
        try await db.execute("WITH " + parts.joined(separator: ",\n") + "\nSELECT 1", parameters)
    }

    /// Inserts or updates the conversation if it is still at the loaded version.
    private func saveConversation(_ db: PostgresConnection, _ c: ConversationState) async throws -> Bool {
        let values: [PostgresValue] = [
            .text(c.id), .text(c.customerID), .text(c.handoff.rawValue), .text(c.handoffReasons.map(\.rawValue).joined(separator: ",")),
            c.handoffAt.map(PostgresValue.timestamptz) ?? .null, c.language.map { .text($0.rawValue) } ?? .null,
            c.lastIntent.map { .text($0.rawValue) } ?? .null, c.lastOrderID.map(PostgresValue.text) ?? .null,
            c.lastOutcome.map { .text($0.rawValue) } ?? .null, c.openSlot.map { .text($0.rawValue) } ?? .null,
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
