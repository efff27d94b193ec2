#!/usr/bin/env python3
"""Writes policy-cases.jsonl: the table of policy cases with their expected decisions.

Every expectation below is worked out by hand from ../shared/spec/refund-policy.md and the
default policy (policies/default.json), never by running the engine. Each line is a valid
input of `support-worker decide` (the extra `description` and `expect` fields are ignored),
and RefundPolicyTests/PolicyCaseTableTests.swift checks the engine against `expect`:
outcome, refund_minor and reason_codes exactly; return_shipping_paid_by, shipping fee,
deadlines and rule ids where given.

    python3 Tests/RefundPolicyTests/Fixtures/make-policy-cases.py
"""
import copy
import json
import pathlib
from datetime import datetime, timedelta, timezone

OUT = pathlib.Path(__file__).resolve().parent / "policy-cases.jsonl"

UTC = timezone.utc
PAID = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)       # 10:00 Shanghai
SHIPPED = datetime(2026, 11, 11, 2, 0, tzinfo=UTC)
PROMISED = datetime(2026, 11, 14, 16, 0, tzinfo=UTC)  # 00:00 Nov 15 Shanghai
SIGNED = datetime(2026, 11, 15, 6, 0, tzinfo=UTC)     # 14:00 Nov 15 Shanghai
NOW = datetime(2026, 11, 17, 2, 0, tzinfo=UTC)        # day 2 after sign-for


def ts(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if moment.microsecond == 0 else ".%03dZ" % (moment.microsecond // 1000))


def line(no=1, sku="A1", category="apparel", quantity=1, price=39900, **extra):
    value = {"line_no": no, "sku": sku, "product_name": f"product {sku}", "category": category,
             "quantity": quantity, "unit_price_paid_minor": price, "refunded_minor": 0,
             "no_reason_return_excluded_confirmed": False, "promotion": None}
    value.update(extra)
    return value


def order(status="delivered", lines=None, **extra):
    value = {"id": "202611150001", "customer_id": "u1", "status": status, "currency": "CNY",
             "paid_at": ts(PAID), "shipped_at": ts(SHIPPED), "delivered_at": ts(SIGNED),
             "delivered_at_precision": "instant", "promised_delivery_by": ts(PROMISED),
             "carrier": "SF Express", "tracking_number": "SF1234567890", "carrier_status": "delivered",
             "shipping_fee_minor": 1000, "return_shipping_insurance": False,
             "lines": lines if lines is not None else [line()], "open_refunds": []}
    if status in ("paid", "pending_payment", "cancelled"):
        value.update({"shipped_at": None, "delivered_at": None, "carrier_status": None})
    if status == "pending_payment":
        value["paid_at"] = None
    if status == "shipped":
        value.update({"delivered_at": None, "carrier_status": "in_transit"})
    value.update(extra)
    return value


CASES = []


def case(case_id, description, intent, outcome, refund, reasons, now=NOW, the_order="default",
         customer=None, catalog=None, timezone_override=None, payer="unchecked", fee=None,
         deadlines=None, rules=None, currency="unchecked", extra_request=None, **request):
    if the_order == "default":
        the_order = order()
    req = {"intent": intent, "customer_id": "u1",
           "order_id": the_order["id"] if the_order else "202611150001",
           "line_nos": None, "quantities": None, "claimed_condition": None, "exchange_sku": None}
    req.update(request)
    req.update(extra_request or {})
    cust = {"id": "u1", "tier": "regular", "fraud_flag": False, "refunds_last_90_days": 0}
    cust.update(customer or {})
    expect = {"outcome": outcome, "refund_minor": refund, "reason_codes": reasons}
    if payer != "unchecked":
        expect["return_shipping_paid_by"] = payer
    if fee is not None:
        expect["shipping_fee_refund_minor"] = fee
    if deadlines:
        expect["deadlines"] = {name: ts(moment) for name, moment in deadlines.items()}
    if rules:
        expect["rule_ids_include"] = rules
    if currency != "unchecked":
        expect["currency"] = currency
    value = {"case_id": case_id, "description": description, "expect": expect, "now": ts(now)}
    if timezone_override is not None:
        value["timezone"] = timezone_override
    value.update({"customer": cust, "order": the_order, "catalog": catalog or {}, "request": req})
    CASES.append(value)


def minutes(n):
    return timedelta(minutes=n)


def days(n):
    return timedelta(days=n)


END_OF_MS = timedelta(milliseconds=1)

# ---------------------------------------------------------------- R1 ownership
case("own-01", "order not found", "return_request", "need_info", 0, ["order_not_found"], the_order=None,
     currency=None, payer=None, rules=["R1.ownership"])
case("own-02", "order of another customer reveals nothing", "return_request", "need_info", 0, ["order_not_found"],
     the_order=order(customer_id="u2"), currency=None, rules=["R1.ownership"])
case("own-03", "request from another customer id", "refund_request", "need_info", 0, ["order_not_found"],
     currency=None, customer_id="u9")
case("own-04", "request names a different order than the snapshot", "return_request", "need_info", 0,
     ["order_not_found"], currency=None, order_id="202611159999")
case("own-05", "no order and no order number: ask for it", "return_request", "need_info", 0, ["order_id_missing"],
     the_order=None, order_id=None, currency=None)
case("own-06", "no order, chitchat: no remedy", "chitchat", "none", 0, ["no_remedy_requested"], the_order=None,
     order_id=None, currency=None)
case("own-07", "order status of another customer's order reveals nothing", "order_status", "need_info", 0,
     ["order_not_found"], the_order=order(customer_id="u2"), currency=None)
case("own-08", "refund status without an order number", "refund_status", "need_info", 0, ["order_id_missing"],
     the_order=None, order_id=None)
case("own-09", "price protection on someone else's order", "price_protection", "need_info", 0, ["order_not_found"],
     the_order=order(customer_id="u3"), currency=None)

# ---------------------------------------------------------------- R2 cancel
case("cancel-01", "paid, not shipped: full refund with shipping fee", "cancel_order", "approve_cancel", 40900,
     ["cancel_before_shipment", "shipping_fee_refunded"], the_order=order("paid"), fee=1000, payer=None,
     currency="CNY", rules=["R2.cancel_before_shipment"])
case("cancel-02", "paid, free shipping", "cancel_order", "approve_cancel", 39900, ["cancel_before_shipment"],
     the_order=order("paid", shipping_fee_minor=0), fee=0)
case("cancel-03", "paid, cancel one of two lines: no shipping fee", "cancel_order", "approve_cancel", 39900,
     ["cancel_before_shipment"], the_order=order("paid", lines=[line(), line(2, "B2", "shoes", 1, 25900)]),
     line_nos=[1], fee=0)
case("cancel-04", "paid, limits do not apply to a cancel before shipment", "cancel_order", "approve_cancel", 101000,
     ["cancel_before_shipment", "shipping_fee_refunded"],
     the_order=order("paid", lines=[line(price=100000, category="electronics")]),
     customer={"fraud_flag": True, "refunds_last_90_days": 5})
case("cancel-05", "pending payment: cancel, nothing to refund", "cancel_order", "approve_cancel", 0,
     ["cancel_unpaid_order"], the_order=order("pending_payment"), fee=0)
case("cancel-06", "shipped: refuse delivery or return after receipt", "cancel_order", "deny", 0, ["already_shipped"],
     the_order=order("shipped"), rules=["R2.cancel_after_shipment"])
case("cancel-07", "delivered: already shipped", "cancel_order", "deny", 0, ["already_shipped"])
case("cancel-08", "already cancelled", "cancel_order", "deny", 0, ["order_cancelled"], the_order=order("cancelled"))
case("cancel-09", "refund request before shipment is a cancel", "refund_request", "approve_cancel", 40900,
     ["cancel_before_shipment", "shipping_fee_refunded"], the_order=order("paid"))
case("cancel-10", "return request before payment is a cancel with nothing to refund", "return_request",
     "approve_cancel", 0, ["cancel_unpaid_order"], the_order=order("pending_payment"))
case("cancel-11", "paid, partly refunded line: the rest plus shipping fee", "cancel_order", "approve_cancel", 30900,
     ["cancel_before_shipment", "shipping_fee_refunded"], the_order=order("paid", lines=[line(refunded_minor=10000)]))
case("cancel-12", "paid, one of two units: that unit, no shipping fee", "cancel_order", "approve_cancel", 19900,
     ["cancel_before_shipment"], the_order=order("paid", lines=[line(quantity=2, price=19900)]),
     quantities={"1": 1}, fee=0)
case("cancel-13", "paid USD order above the USD limit: still a cancel", "cancel_order", "approve_cancel", 9500,
     ["cancel_before_shipment", "shipping_fee_refunded"],
     the_order=order("paid", currency="USD", shipping_fee_minor=500, lines=[line(price=9000)]), currency="USD")
case("cancel-14", "paid, fully refunded already", "cancel_order", "deny", 0, ["already_refunded"],
     the_order=order("paid", lines=[line(refunded_minor=39900)]), rules=["R8.already_refunded"])
case("cancel-15", "paid, three refunds in 90 days: cancel is exempt", "cancel_order", "approve_cancel", 40900,
     ["cancel_before_shipment", "shipping_fee_refunded"], the_order=order("paid"),
     customer={"refunds_last_90_days": 3})

# ---------------------------------------------------------------- R3 not received
GRACE_END = PROMISED + timedelta(hours=72)
shipped = order("shipped")
case("nr-01", "carrier lost the parcel: refund only with shipping fee", "not_received", "approve_refund_only", 40900,
     ["parcel_lost", "shipping_fee_refunded"], the_order=order("shipped", carrier_status="lost"), payer=None,
     fee=1000, rules=["R3.not_received_lost"])
case("nr-02", "lost, one of two lines asked: that line, no shipping fee", "not_received", "approve_refund_only",
     39900, ["parcel_lost"],
     the_order=order("shipped", carrier_status="lost", lines=[line(), line(2, "B2", "shoes", 1, 25900)]),
     line_nos=[1], fee=0)
case("nr-03", "exactly 72 h past the promise: still within grace", "not_received", "deny", 0,
     ["in_transit_within_grace"], now=GRACE_END, the_order=shipped,
     deadlines={"delivery_grace_until": GRACE_END}, rules=["R3.not_received_within_grace"])
case("nr-04", "72 h and one minute past the promise: refund only", "not_received", "approve_refund_only", 40900,
     ["delivery_overdue", "shipping_fee_refunded"], now=GRACE_END + minutes(1), the_order=shipped,
     rules=["R3.not_received_overdue"])
case("nr-05", "71 h 59 min past the promise: within grace", "not_received", "deny", 0, ["in_transit_within_grace"],
     now=GRACE_END - minutes(1), the_order=shipped)
case("nr-06", "before the promised date: within grace", "not_received", "deny", 0, ["in_transit_within_grace"],
     now=PROMISED - days(1), the_order=shipped)
case("nr-07", "carrier says delivered, customer says not: manual review", "not_received", "manual_review", 0,
     ["marked_delivered_claimed_missing"], rules=["R3.not_received_marked_delivered"])
case("nr-08", "order delivered without carrier status: manual review", "not_received", "manual_review", 0,
     ["marked_delivered_claimed_missing"], the_order=order(carrier_status=None))
case("nr-09", "completed order counts as delivered", "not_received", "manual_review", 0,
     ["marked_delivered_claimed_missing"], the_order=order("completed"))
case("nr-10", "paid, not shipped: no remedy, not shipped yet", "not_received", "none", 0, ["not_shipped_yet"],
     the_order=order("paid"), rules=["R3.not_received_not_shipped"])
case("nr-11", "unpaid: not shipped yet", "not_received", "none", 0, ["not_shipped_yet"],
     the_order=order("pending_payment"))
case("nr-12", "cancelled order", "not_received", "deny", 0, ["order_cancelled"], the_order=order("cancelled"))
case("nr-13", "carrier returned the parcel: manual review", "not_received", "manual_review", 0, ["carrier_returned"],
     the_order=order("shipped", carrier_status="returned"), rules=["R3.carrier_returned"])
case("nr-14", "in transit without a promised date: manual review", "not_received", "manual_review", 0,
     ["promised_delivery_missing"], the_order=order("shipped", promised_delivery_by=None))
case("nr-15", "lost parcel above the CNY limit: manual review with the amount", "not_received", "manual_review",
     61000, ["amount_above_auto_limit", "parcel_lost", "shipping_fee_refunded"],
     the_order=order("shipped", carrier_status="lost", lines=[line(price=60000, category="electronics")]),
     rules=["R3.not_received_lost", "R7.amount_limit"])
case("nr-16", "lost parcel, fraud-flagged customer", "not_received", "manual_review", 40900,
     ["customer_fraud_flag", "parcel_lost", "shipping_fee_refunded"],
     the_order=order("shipped", carrier_status="lost"), customer={"fraud_flag": True}, rules=["R7.fraud_flag"])
case("nr-17", "overdue without carrier status", "not_received", "approve_refund_only", 40900,
     ["delivery_overdue", "shipping_fee_refunded"], now=GRACE_END + days(2),
     the_order=order("shipped", carrier_status=None))
case("nr-18", "refund request on an overdue parcel: refund only", "refund_request", "approve_refund_only", 40900,
     ["delivery_overdue", "shipping_fee_refunded"], now=GRACE_END + minutes(1), the_order=shipped)
case("nr-19", "refund request while in transit within grace: already shipped", "refund_request", "deny", 0,
     ["already_shipped"], now=GRACE_END, the_order=shipped)
case("nr-20", "return request on a lost parcel: refund only", "return_request", "approve_refund_only", 40900,
     ["parcel_lost", "shipping_fee_refunded"], the_order=order("shipped", carrier_status="lost"))
case("nr-21", "lost, one of three units: those units, no fee", "not_received", "approve_refund_only", 10000,
     ["parcel_lost"], the_order=order("shipped", carrier_status="lost", lines=[line(quantity=3, price=10000)]),
     quantities={"1": 1}, fee=0)
case("nr-22", "lost parcel, three refunds in 90 days", "not_received", "manual_review", 40900,
     ["refund_frequency_limit", "parcel_lost", "shipping_fee_refunded"],
     the_order=order("shipped", carrier_status="lost"), customer={"refunds_last_90_days": 3})
case("nr-23", "lost parcel in USD within the USD limit", "not_received", "approve_refund_only", 7000,
     ["parcel_lost", "shipping_fee_refunded"],
     the_order=order("shipped", carrier_status="lost", currency="USD", shipping_fee_minor=500,
                     lines=[line(price=6500)]), currency="USD")

# ---------------------------------------------------------------- R4 no-reason return, exact sign-for
NR_END = SIGNED + days(7)
case("nrr-01", "exactly 168 h after sign-for: eligible", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"], now=NR_END, payer="customer", fee=0,
     deadlines={"no_reason_return_until": NR_END, "return_ship_by": NR_END + days(7)},
     rules=["R4.no_reason_window", "R4.return"])
case("nrr-02", "168 h and one minute: expired", "return_request", "deny", 0, ["no_reason_window_expired"],
     now=NR_END + minutes(1), payer=None, deadlines={"no_reason_return_until": NR_END})
case("nrr-03", "one minute before the end: eligible", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"], now=NR_END - minutes(1))
case("nrr-04", "one second after the end: expired", "return_request", "deny", 0, ["no_reason_window_expired"],
     now=NR_END + timedelta(seconds=1))
case("nrr-05", "return-shipping insurance: merchant side pays", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_insured"], the_order=order(return_shipping_insurance=True),
     payer="merchant")
case("nrr-06", "unopened goods", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"], claimed_condition="unopened")
case("nrr-07", "opened to inspect keeps the right", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"], claimed_condition="opened_intact")
case("nrr-08", "used goods: no no-reason return", "return_request", "deny", 0, ["item_used"],
     claimed_condition="used", rules=["R4.condition"])
case("nrr-09", "damaged by the customer", "return_request", "deny", 0, ["item_damaged_by_customer"],
     claimed_condition="damaged_by_customer")
case("nrr-10", "refund request on a delivered order is a return", "refund_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"])
case("nrr-11", "completed order is treated as delivered", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"], the_order=order("completed"))
case("nrr-12", "shipped order the carrier marks delivered", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"],
     the_order=order("shipped", carrier_status="delivered", delivered_at=ts(SIGNED)))
for category in ["custom_made", "fresh_perishable", "digital_content", "newspapers_periodicals"]:
    case(f"nrr-excl-{category}", f"{category} is excluded by law", "return_request", "deny", 0,
         [f"excluded_category_{category}"], the_order=order(lines=[line(category=category, price=8800)]),
         rules=["R4.legal_exclusion"])
    case(f"nrr-excl-late-{category}", f"{category} after the window: both reasons", "return_request", "deny", 0,
         ["no_reason_window_expired", f"excluded_category_{category}"],
         the_order=order(lines=[line(category=category, price=8800)]), now=NR_END + days(1))
    case(f"nrr-excl-unopened-{category}", f"{category} unopened is still excluded", "return_request", "deny", 0,
         [f"excluded_category_{category}"], the_order=order(lines=[line(category=category, price=8800)]),
         claimed_condition="unopened")
case("nrr-13", "buyer confirmed the exclusion at checkout (opened cosmetics)", "return_request", "deny", 0,
     ["buyer_confirmed_exclusion"],
     the_order=order(lines=[line(category="cosmetics", price=12900, no_reason_return_excluded_confirmed=True)]),
     rules=["R4.confirmed_exclusion"])
case("nrr-14", "cosmetics without a confirmed exclusion are returnable", "return_request", "approve_return_refund",
     12900, ["no_reason_return_eligible", "return_shipping_by_customer"],
     the_order=order(lines=[line(category="cosmetics", price=12900)]))
case("nrr-15", "fresh and apparel lines: only the apparel line", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "excluded_category_fresh_perishable", "return_shipping_by_customer"],
     the_order=order(lines=[line(), line(2, "F2", "fresh_perishable", 2, 5900)]))
case("nrr-16", "partly refunded line: the rest", "return_request", "approve_return_refund", 30000,
     ["no_reason_return_eligible", "return_shipping_by_customer"], the_order=order(lines=[line(refunded_minor=9900)]))
case("nrr-17", "fully refunded line", "return_request", "deny", 0, ["already_refunded"],
     the_order=order(lines=[line(refunded_minor=39900)]))
case("nrr-18", "two lines, one fully refunded: the other", "return_request", "approve_return_refund", 25900,
     ["no_reason_return_eligible", "return_shipping_by_customer", "already_refunded"],
     the_order=order(lines=[line(refunded_minor=39900), line(2, "B2", "shoes", 1, 25900)]))
case("nrr-19", "one of three units", "return_request", "approve_return_refund", 9900,
     ["no_reason_return_eligible", "return_shipping_by_customer"], the_order=order(lines=[line(quantity=3, price=9900)]),
     quantities={"1": 1})
case("nrr-20", "two of three units, one refunded before", "return_request", "approve_return_refund", 19800,
     ["no_reason_return_eligible", "return_shipping_by_customer"],
     the_order=order(lines=[line(quantity=3, price=9900, refunded_minor=9900)]), quantities={"1": 2})
case("nrr-21", "all three units, one refunded before: what remains", "return_request", "approve_return_refund", 19800,
     ["no_reason_return_eligible", "return_shipping_by_customer"],
     the_order=order(lines=[line(quantity=3, price=9900, refunded_minor=9900)]), quantities={"1": 3})
case("nrr-22", "more units than the line has", "return_request", "need_info", 0, ["quantity_invalid"],
     the_order=order(lines=[line(quantity=3, price=9900)]), quantities={"1": 4}, rules=["R0.request_scope"])
case("nrr-23", "a line the order does not have", "return_request", "need_info", 0, ["line_not_found"], line_nos=[9])
case("nrr-24", "an empty list of lines", "return_request", "need_info", 0, ["line_not_found"], line_nos=[])
case("nrr-25", "line_nos null means every line", "return_request", "approve_return_refund", 45800,
     ["no_reason_return_eligible", "return_shipping_by_customer"],
     the_order=order(lines=[line(), line(2, "B2", "shoes", 1, 5900)]))
case("nrr-26", "only line 2", "return_request", "approve_return_refund", 25900,
     ["no_reason_return_eligible", "return_shipping_by_customer"],
     the_order=order(lines=[line(), line(2, "B2", "shoes", 1, 25900)]), line_nos=[2])
case("nrr-27", "quantities for a line not asked for", "return_request", "need_info", 0, ["quantity_invalid"],
     the_order=order(lines=[line(), line(2, "B2", "shoes", 2, 25900)]), line_nos=[1], quantities={"2": 1})
case("nrr-28", "delivered without a sign-for time: manual review", "return_request", "manual_review", 0,
     ["delivery_time_missing"], the_order=order(delivered_at=None))
case("nrr-29", "return request while in transit within grace: already shipped", "return_request", "deny", 0,
     ["already_shipped"], the_order=order("shipped"))
case("nrr-30", "duplicate line numbers in the request count once", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"], line_nos=[1, 1])

# ---------------------------------------------------------------- R4 date-only sign-for and timezones
DATE_ONLY = order(delivered_at_precision="date")          # signed Nov 15 (Shanghai)
SH_END = datetime(2026, 11, 22, 16, 0, tzinfo=UTC) - END_OF_MS  # end of Nov 22, Shanghai
case("date-01", "date-only: last minute of the 7th calendar day", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"], now=datetime(2026, 11, 22, 15, 59, tzinfo=UTC),
     the_order=DATE_ONLY, deadlines={"no_reason_return_until": SH_END})
case("date-02", "date-only: midnight after the 7th day", "return_request", "deny", 0, ["no_reason_window_expired"],
     now=datetime(2026, 11, 22, 16, 0, tzinfo=UTC), the_order=DATE_ONLY, deadlines={"no_reason_return_until": SH_END})
case("date-03", "date-only: last second of the 7th day", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"], now=datetime(2026, 11, 22, 15, 59, 59, tzinfo=UTC),
     the_order=DATE_ONLY)
case("date-04", "date-only: later than 168 h after the recorded instant, still eligible", "return_request",
     "approve_return_refund", 39900, ["no_reason_return_eligible", "return_shipping_by_customer"],
     now=NR_END + timedelta(hours=9), the_order=DATE_ONLY)
EARLY = order(delivered_at="2026-11-14T17:00:00Z", delivered_at_precision="date")  # 01:00 Nov 15 Shanghai
case("date-05", "date-only: the sign-for day is the Shanghai day, not the UTC day", "return_request",
     "approve_return_refund", 39900, ["no_reason_return_eligible", "return_shipping_by_customer"],
     now=datetime(2026, 11, 22, 15, 30, tzinfo=UTC), the_order=EARLY, deadlines={"no_reason_return_until": SH_END})
case("date-06", "case timezone UTC overrides the policy's: the UTC day counts", "return_request", "deny", 0,
     ["no_reason_window_expired"], now=datetime(2026, 11, 22, 15, 30, tzinfo=UTC), the_order=EARLY,
     timezone_override="UTC",
     deadlines={"no_reason_return_until": datetime(2026, 11, 22, 0, 0, tzinfo=UTC) - END_OF_MS})
NY = order(delivered_at="2026-11-15T03:00:00Z", delivered_at_precision="date")  # 22:00 Nov 14 New York
NY_END = datetime(2026, 11, 22, 5, 0, tzinfo=UTC) - END_OF_MS                   # end of Nov 21, EST
case("date-07", "New York: last minute of the 7th day after Nov 14", "return_request", "approve_return_refund",
     39900, ["no_reason_return_eligible", "return_shipping_by_customer"],
     now=datetime(2026, 11, 22, 4, 59, tzinfo=UTC), the_order=NY, timezone_override="America/New_York",
     deadlines={"no_reason_return_until": NY_END})
case("date-08", "New York: first minute after", "return_request", "deny", 0, ["no_reason_window_expired"],
     now=datetime(2026, 11, 22, 5, 0, tzinfo=UTC), the_order=NY, timezone_override="America/New_York")
case("date-09", "same instant in Shanghai is still inside the window", "return_request", "approve_return_refund",
     39900, ["no_reason_return_eligible", "return_shipping_by_customer"],
     now=datetime(2026, 11, 22, 5, 0, tzinfo=UTC), the_order=NY)
DST = order(paid_at="2026-10-20T02:00:00Z", shipped_at="2026-10-22T02:00:00Z",
            delivered_at="2026-10-28T16:00:00Z", delivered_at_precision="date",
            promised_delivery_by="2026-10-27T16:00:00Z")  # 12:00 Oct 28 EDT
DST_END = datetime(2026, 11, 5, 5, 0, tzinfo=UTC) - END_OF_MS  # end of Nov 4 EST (DST ended Nov 1)
case("date-10", "New York across the end of DST: calendar days, not 24 h blocks", "return_request",
     "approve_return_refund", 39900, ["no_reason_return_eligible", "return_shipping_by_customer"],
     now=datetime(2026, 11, 5, 4, 30, tzinfo=UTC), the_order=DST, timezone_override="America/New_York",
     deadlines={"no_reason_return_until": DST_END})
case("date-11", "New York across DST: one minute after the end of Nov 4", "return_request", "deny", 0,
     ["no_reason_window_expired"], now=datetime(2026, 11, 5, 5, 1, tzinfo=UTC), the_order=DST,
     timezone_override="America/New_York")
DST_EXACT = order(paid_at="2026-10-20T02:00:00Z", shipped_at="2026-10-22T02:00:00Z",
                  delivered_at="2026-10-28T16:00:00Z", promised_delivery_by="2026-10-27T16:00:00Z")
case("date-12", "exact sign-for across DST: 168 h regardless", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"], now=datetime(2026, 11, 4, 16, 0, tzinfo=UTC),
     the_order=DST_EXACT, timezone_override="America/New_York",
     deadlines={"no_reason_return_until": datetime(2026, 11, 4, 16, 0, tzinfo=UTC)})
case("date-13", "exact sign-for across DST: one minute late", "return_request", "deny", 0,
     ["no_reason_window_expired"], now=datetime(2026, 11, 4, 16, 1, tzinfo=UTC), the_order=DST_EXACT,
     timezone_override="America/New_York")
case("date-14", "a sign-for time with an offset", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"], now=NR_END,
     the_order=order(delivered_at="2026-11-15T14:00:00+08:00"))
case("date-15", "a sign-for time with an offset, one minute late", "return_request", "deny", 0,
     ["no_reason_window_expired"], now=NR_END + minutes(1), the_order=order(delivered_at="2026-11-15T14:00:00+08:00"))
case("date-16", "unknown case timezone: manual review", "return_request", "manual_review", 0, ["unknown_timezone"],
     timezone_override="Mars/Olympus_Mons", rules=["R0.timezone"])

# ---------------------------------------------------------------- R4 exchanges
STOCK = {"A1": {"current_price_minor": 39900, "stock": {"A1-L": 3, "A1-XL": 0}}}
case("ex-01", "size exchange in stock", "exchange_request", "approve_exchange", 0,
     ["exchange_in_stock", "return_shipping_by_customer"], catalog=STOCK, exchange_sku="A1-L", payer="customer",
     rules=["R4.exchange_stock"])
case("ex-02", "size exchange out of stock: return and refund instead", "exchange_request", "approve_return_refund",
     39900, ["exchange_out_of_stock", "no_reason_return_eligible", "return_shipping_by_customer"], catalog=STOCK,
     exchange_sku="A1-XL", payer="customer")
case("ex-03", "variant unknown to the catalogue counts as out of stock", "exchange_request", "approve_return_refund",
     39900, ["exchange_out_of_stock", "no_reason_return_eligible", "return_shipping_by_customer"], catalog=STOCK,
     exchange_sku="A1-XXS")
case("ex-04", "exchange without the wanted variant: ask", "exchange_request", "need_info", 0,
     ["exchange_variant_missing"], catalog=STOCK)
case("ex-05", "exchange after the seven days", "exchange_request", "deny", 0, ["no_reason_window_expired"],
     catalog=STOCK, exchange_sku="A1-L", now=NR_END + minutes(1))
case("ex-06", "exchange with return-shipping insurance", "exchange_request", "approve_exchange", 0,
     ["exchange_in_stock", "return_shipping_insured"], catalog=STOCK, exchange_sku="A1-L",
     the_order=order(return_shipping_insurance=True), payer="merchant")
case("ex-07", "exchange of an excluded category", "exchange_request", "deny", 0, ["excluded_category_custom_made"],
     catalog=STOCK, exchange_sku="A1-L", the_order=order(lines=[line(category="custom_made")]))
case("ex-08", "two units wanted, one in stock: return and refund", "exchange_request", "approve_return_refund",
     39800, ["exchange_out_of_stock", "no_reason_return_eligible", "return_shipping_by_customer"],
     catalog={"A1": {"stock": {"A1-L": 1}}}, exchange_sku="A1-L",
     the_order=order(lines=[line(quantity=2, price=19900)]))
case("ex-09", "exchange, fraud-flagged customer", "exchange_request", "manual_review", 0,
     ["customer_fraud_flag", "exchange_in_stock", "return_shipping_by_customer"], catalog=STOCK,
     exchange_sku="A1-L", customer={"fraud_flag": True})
case("ex-10", "exchange moves no money: the refund frequency limit does not apply", "exchange_request",
     "approve_exchange", 0, ["exchange_in_stock", "return_shipping_by_customer"], catalog=STOCK, exchange_sku="A1-L",
     customer={"refunds_last_90_days": 5})
case("ex-11", "exchange of used goods", "exchange_request", "deny", 0, ["item_used"], catalog=STOCK,
     exchange_sku="A1-L", claimed_condition="used")
case("ex-12", "exchange before delivery", "exchange_request", "deny", 0, ["not_delivered_yet"], catalog=STOCK,
     exchange_sku="A1-L", the_order=order("shipped"))
case("ex-13", "exchange before shipment", "exchange_request", "deny", 0, ["not_shipped_yet"], catalog=STOCK,
     exchange_sku="A1-L", the_order=order("paid"))
case("ex-14", "exchange on the last minute of the window", "exchange_request", "approve_exchange", 0,
     ["exchange_in_stock", "return_shipping_by_customer"], catalog=STOCK, exchange_sku="A1-L", now=NR_END)

# ---------------------------------------------------------------- R7 limits on returns
def priced(price, currency="CNY", **extra):
    return order(currency=currency, lines=[line(price=price, category="electronics")], **extra)

case("lim-01", "exactly 500.00 CNY: approved", "return_request", "approve_return_refund", 50000,
     ["no_reason_return_eligible", "return_shipping_by_customer"], the_order=priced(50000))
case("lim-02", "500.01 CNY: manual review with the amount", "return_request", "manual_review", 50001,
     ["amount_above_auto_limit", "no_reason_return_eligible", "return_shipping_by_customer"],
     the_order=priced(50001), payer="customer", rules=["R4.return", "R7.amount_limit"])
case("lim-03", "exactly 70.00 USD: approved", "return_request", "approve_return_refund", 7000,
     ["no_reason_return_eligible", "return_shipping_by_customer"], the_order=priced(7000, "USD"), currency="USD")
case("lim-04", "70.01 USD: manual review", "return_request", "manual_review", 7001,
     ["amount_above_auto_limit", "no_reason_return_eligible", "return_shipping_by_customer"],
     the_order=priced(7001, "USD"))
case("lim-05", "a currency without a limit: manual review", "return_request", "manual_review", 1000,
     ["no_auto_limit_for_currency", "no_reason_return_eligible", "return_shipping_by_customer"],
     the_order=priced(1000, "EUR"), currency="EUR")
case("lim-06", "fraud flag", "return_request", "manual_review", 39900,
     ["customer_fraud_flag", "no_reason_return_eligible", "return_shipping_by_customer"],
     customer={"fraud_flag": True})
case("lim-07", "three refunds in 90 days", "return_request", "manual_review", 39900,
     ["refund_frequency_limit", "no_reason_return_eligible", "return_shipping_by_customer"],
     customer={"refunds_last_90_days": 3}, rules=["R7.refund_frequency"])
case("lim-08", "two refunds in 90 days: approved", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"], customer={"refunds_last_90_days": 2})
case("lim-09", "every limit at once", "return_request", "manual_review", 88800,
     ["amount_above_auto_limit", "customer_fraud_flag", "refund_frequency_limit", "no_reason_return_eligible",
      "return_shipping_by_customer"], the_order=priced(88800), customer={"fraud_flag": True, "refunds_last_90_days": 7})
case("lim-10", "limit on the sum of lines", "return_request", "manual_review", 60000,
     ["amount_above_auto_limit", "no_reason_return_eligible", "return_shipping_by_customer"],
     the_order=order(lines=[line(price=30000), line(2, "B2", "shoes", 1, 30000)]))
case("lim-11", "VIP tier does not change the policy", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"], customer={"tier": "vip"})
case("lim-12", "a refusal stays a refusal for a fraud-flagged customer", "return_request", "deny", 0,
     ["no_reason_window_expired"], now=NR_END + days(3), customer={"fraud_flag": True})

# ---------------------------------------------------------------- R5 quality problems
Q_RETURN_END = SIGNED + days(7)
Q_EXCHANGE_END = SIGNED + days(15)
WARRANTY_END = SIGNED + days(365)
case("q-01", "defect on day 2: return and refund, merchant pays shipping", "damaged_or_defective",
     "approve_return_refund", 39900, ["quality_return_window"], payer="merchant",
     deadlines={"quality_return_until": Q_RETURN_END, "quality_exchange_until": Q_EXCHANGE_END},
     rules=["R5.quality_return"])
case("q-02", "defect at the end of day 7", "damaged_or_defective", "approve_return_refund", 39900,
     ["quality_return_window"], now=Q_RETURN_END, payer="merchant")
case("q-03", "defect one minute into day 8: exchange", "damaged_or_defective", "approve_exchange", 0,
     ["quality_exchange_window"], now=Q_RETURN_END + minutes(1), payer="merchant", rules=["R5.quality_exchange"])
case("q-04", "defect at the end of day 15: exchange", "damaged_or_defective", "approve_exchange", 0,
     ["quality_exchange_window"], now=Q_EXCHANGE_END)
case("q-05", "apparel defect on day 16: no warranty", "damaged_or_defective", "deny", 0, ["warranty_expired"],
     now=Q_EXCHANGE_END + minutes(1), payer=None, rules=["R5.warranty_expired"])
ELECTRONICS = order(lines=[line(sku="E1", category="electronics", price=29900)])
case("q-06", "electronics defect on day 16: repair", "damaged_or_defective", "repair_referral", 0,
     ["repair_under_warranty"], now=Q_EXCHANGE_END + minutes(1), the_order=ELECTRONICS, payer="merchant",
     deadlines={"warranty_until": WARRANTY_END}, rules=["R5.quality_repair"])
case("q-07", "electronics at the last minute of the warranty", "damaged_or_defective", "repair_referral", 0,
     ["repair_under_warranty"], now=WARRANTY_END, the_order=ELECTRONICS)
case("q-08", "electronics one minute past the warranty", "damaged_or_defective", "deny", 0, ["warranty_expired"],
     now=WARRANTY_END + minutes(1), the_order=ELECTRONICS)
case("q-09", "appliance on day 100: repair", "damaged_or_defective", "repair_referral", 0, ["repair_under_warranty"],
     now=SIGNED + days(100), the_order=order(lines=[line(sku="W1", category="appliances", price=199900)]))
case("q-10", "toy on day 20: no warranty", "damaged_or_defective", "deny", 0, ["warranty_expired"],
     now=SIGNED + days(20), the_order=order(lines=[line(category="toys", price=5900)]))
Q_DATE = order(delivered_at_precision="date")
case("q-11", "date-only: last minute of calendar day 15 in Shanghai", "damaged_or_defective", "approve_exchange",
     0, ["quality_exchange_window"], now=datetime(2026, 11, 30, 15, 59, tzinfo=UTC), the_order=Q_DATE,
     deadlines={"quality_exchange_until": datetime(2026, 11, 30, 16, 0, tzinfo=UTC) - END_OF_MS})
case("q-12", "date-only: first minute of day 16", "damaged_or_defective", "deny", 0, ["warranty_expired"],
     now=datetime(2026, 11, 30, 16, 0, tzinfo=UTC), the_order=Q_DATE)
case("q-13", "date-only: return window ends with calendar day 7", "damaged_or_defective", "approve_return_refund",
     39900, ["quality_return_window"], now=datetime(2026, 11, 22, 15, 59, tzinfo=UTC), the_order=Q_DATE)
case("q-14", "defect, exchange asked, like for like", "exchange_request", "approve_exchange", 0,
     ["quality_return_window"], claimed_condition="defective", payer="merchant")
case("q-15", "defect, exchange to a variant in stock", "exchange_request", "approve_exchange", 0,
     ["quality_return_window", "exchange_in_stock"], claimed_condition="defective", exchange_sku="A1-L",
     catalog=STOCK, payer="merchant")
case("q-16", "defect, variant out of stock: return and refund", "exchange_request", "approve_return_refund", 39900,
     ["quality_return_window", "exchange_out_of_stock"], claimed_condition="defective", exchange_sku="A1-XL",
     catalog=STOCK, payer="merchant")
case("q-17", "defect on day 10, variant out of stock: repair", "exchange_request", "repair_referral", 0,
     ["quality_exchange_window", "exchange_out_of_stock"], claimed_condition="defective", exchange_sku="A1-XL",
     catalog=STOCK, now=SIGNED + days(10))
case("q-18", "return request claiming a defect", "return_request", "approve_return_refund", 39900,
     ["quality_return_window"], claimed_condition="defective", payer="merchant")
case("q-19", "refund request claiming the wrong item", "refund_request", "approve_return_refund", 39900,
     ["quality_return_window"], claimed_condition="wrong_item", payer="merchant")
case("q-20", "wrong item", "wrong_or_missing_item", "approve_return_refund", 39900, ["quality_return_window"],
     claimed_condition="wrong_item", payer="merchant")
case("q-21", "missing part: refund only for the line", "wrong_or_missing_item", "approve_refund_only", 39900,
     ["missing_item_refund"], claimed_condition="missing_part", payer=None, rules=["R5.quality_missing"])
case("q-22", "one of three units missing", "wrong_or_missing_item", "approve_refund_only", 5000,
     ["missing_item_refund"], claimed_condition="missing_part", quantities={"1": 1},
     the_order=order(lines=[line(quantity=3, price=5000)]))
case("q-23", "wrong or missing without saying which: ask", "wrong_or_missing_item", "need_info", 0,
     ["claim_detail_missing"])
case("q-24", "damage the customer caused is no quality problem", "damaged_or_defective", "deny", 0,
     ["item_damaged_by_customer"], claimed_condition="damaged_by_customer")
case("q-25", "defect found in use", "damaged_or_defective", "approve_return_refund", 39900, ["quality_return_window"],
     claimed_condition="used")
case("q-26", "quality problem of a category excluded from no-reason return", "damaged_or_defective",
     "approve_return_refund", 8800, ["quality_return_window"],
     the_order=order(lines=[line(category="fresh_perishable", price=8800)]))
case("q-27", "quality problem of a buyer-confirmed exclusion", "damaged_or_defective", "approve_return_refund",
     12900, ["quality_return_window"],
     the_order=order(lines=[line(category="personal_hygiene", price=12900, no_reason_return_excluded_confirmed=True)]))
case("q-28", "quality refund above the limit", "damaged_or_defective", "manual_review", 299900,
     ["amount_above_auto_limit", "quality_return_window"],
     the_order=order(lines=[line(sku="E1", category="electronics", price=299900)]))
case("q-29", "missing part on day 10: send it (exchange), nothing goes back", "wrong_or_missing_item",
     "approve_exchange", 0, ["quality_exchange_window"], claimed_condition="missing_part", now=SIGNED + days(10),
     payer=None)
case("q-30", "defect before delivery", "damaged_or_defective", "deny", 0, ["not_delivered_yet"],
     the_order=order("shipped"))
case("q-31", "defect claim before shipment", "damaged_or_defective", "deny", 0, ["not_shipped_yet"],
     the_order=order("paid"))
case("q-32", "electronics and apparel on day 20: repair the electronics", "damaged_or_defective", "repair_referral",
     0, ["repair_under_warranty", "warranty_expired"], now=SIGNED + days(20),
     the_order=order(lines=[line(sku="E1", category="electronics", price=29900), line(2)]))
case("q-33", "quality exchange, fraud-flagged customer", "damaged_or_defective", "manual_review", 0,
     ["customer_fraud_flag", "quality_exchange_window"], now=SIGNED + days(9), customer={"fraud_flag": True})
case("q-34", "missing part, three refunds in 90 days", "wrong_or_missing_item", "manual_review", 39900,
     ["refund_frequency_limit", "missing_item_refund"], claimed_condition="missing_part",
     customer={"refunds_last_90_days": 4})
case("q-35", "repair is no approval: limits do not apply", "damaged_or_defective", "repair_referral", 0,
     ["repair_under_warranty"], now=SIGNED + days(30), the_order=ELECTRONICS,
     customer={"fraud_flag": True, "refunds_last_90_days": 9})
case("q-36", "defect on a partly refunded line", "damaged_or_defective", "approve_return_refund", 29900,
     ["quality_return_window"], the_order=order(lines=[line(refunded_minor=10000)]))
case("q-37", "quality problem on a date-only sign-for in New York", "damaged_or_defective", "approve_exchange", 0,
     ["quality_exchange_window"], now=datetime(2026, 11, 22, 5, 0, tzinfo=UTC), the_order=NY,
     timezone_override="America/New_York")

# ---------------------------------------------------------------- R6 price protection
PP_END = PAID + days(7)
LOWER = {"A1": {"current_price_minor": 35900}}
case("pp-01", "price dropped within 7 days of payment", "price_protection", "approve_price_protection", 4000,
     ["price_protection_difference"], catalog=LOWER, payer=None,
     deadlines={"price_protection_until": PP_END}, rules=["R6.price_protection"])
case("pp-02", "two units", "price_protection", "approve_price_protection", 8000, ["price_protection_difference"],
     catalog=LOWER, the_order=order(lines=[line(quantity=2)]))
case("pp-03", "one of two units", "price_protection", "approve_price_protection", 4000,
     ["price_protection_difference"], catalog=LOWER, the_order=order(lines=[line(quantity=2)]), quantities={"1": 1})
case("pp-04", "flash sale: no price protection", "price_protection", "deny", 0,
     ["price_protection_excluded_promotion"], catalog=LOWER, the_order=order(lines=[line(promotion="flash_sale")]))
case("pp-05", "same price", "price_protection", "deny", 0, ["price_not_lower"],
     catalog={"A1": {"current_price_minor": 39900}})
case("pp-06", "higher price", "price_protection", "deny", 0, ["price_not_lower"],
     catalog={"A1": {"current_price_minor": 42900}})
case("pp-07", "exactly 7 × 24 h after payment", "price_protection", "approve_price_protection", 4000,
     ["price_protection_difference"], catalog=LOWER, now=PP_END)
case("pp-08", "one minute later", "price_protection", "deny", 0, ["price_protection_window_expired"], catalog=LOWER,
     now=PP_END + minutes(1), deadlines={"price_protection_until": PP_END})
case("pp-09", "line refunded in full", "price_protection", "deny", 0, ["already_refunded"], catalog=LOWER,
     the_order=order(lines=[line(refunded_minor=39900)]))
case("pp-10", "never more than what remains unrefunded", "price_protection", "approve_price_protection", 1900,
     ["price_protection_difference"], catalog=LOWER, the_order=order(lines=[line(refunded_minor=38000)]))
case("pp-11", "current price unknown: manual review", "price_protection", "manual_review", 0,
     ["current_price_unknown"])
case("pp-12", "flash-sale line and a protected line", "price_protection", "approve_price_protection", 4000,
     ["price_protection_difference", "price_protection_excluded_promotion"],
     catalog={"A1": {"current_price_minor": 35900}, "B2": {"current_price_minor": 19900}},
     the_order=order(lines=[line(), line(2, "B2", "shoes", 1, 25900, promotion="flash_sale")]))
case("pp-13", "unknown price on one line, a drop on the other", "price_protection", "approve_price_protection", 4000,
     ["price_protection_difference", "current_price_unknown"], catalog=LOWER,
     the_order=order(lines=[line(), line(2, "B2", "shoes", 1, 25900)]))
case("pp-14", "unpaid order", "price_protection", "deny", 0, ["order_not_paid"], catalog=LOWER,
     the_order=order("pending_payment"))
case("pp-15", "cancelled order", "price_protection", "deny", 0, ["order_cancelled"], catalog=LOWER,
     the_order=order("cancelled"))
case("pp-16", "difference above the limit", "price_protection", "manual_review", 60000,
     ["amount_above_auto_limit", "price_protection_difference"], catalog={"E1": {"current_price_minor": 239900}},
     the_order=order(lines=[line(sku="E1", category="electronics", price=299900)]))
case("pp-17", "paid, not shipped yet", "price_protection", "approve_price_protection", 4000,
     ["price_protection_difference"], catalog=LOWER, the_order=order("paid"))
case("pp-18", "other promotions keep price protection", "price_protection", "approve_price_protection", 4000,
     ["price_protection_difference"], catalog=LOWER, the_order=order(lines=[line(promotion="coupon")]))
case("pp-19", "price protection, fraud-flagged customer", "price_protection", "manual_review", 4000,
     ["customer_fraud_flag", "price_protection_difference"], catalog=LOWER, customer={"fraud_flag": True})
case("pp-20", "price protection, three refunds in 90 days", "price_protection", "manual_review", 4000,
     ["refund_frequency_limit", "price_protection_difference"], catalog=LOWER, customer={"refunds_last_90_days": 3})
case("pp-21", "shipped order without a payment time", "price_protection", "deny", 0, ["order_not_paid"],
     catalog=LOWER, the_order=order(paid_at=None))
case("pp-22", "price dropped to zero", "price_protection", "approve_price_protection", 39900,
     ["price_protection_difference"], catalog={"A1": {"current_price_minor": 0}})

# ---------------------------------------------------------------- R8 refunds open or done
OPEN_1 = [{"line_no": 1, "amount_minor": 39900, "status": "processing", "created_at": "2026-11-16T03:00:00Z"}]
case("rf-01", "refund open on the line: its state instead of a new decision", "return_request", "none", 0,
     ["refund_in_progress"], the_order=order(open_refunds=OPEN_1), rules=["R8.open_refund"])
case("rf-02", "refund open on another line", "return_request", "approve_return_refund", 25900,
     ["no_reason_return_eligible", "return_shipping_by_customer"],
     the_order=order(lines=[line(), line(2, "B2", "shoes", 1, 25900)], open_refunds=OPEN_1), line_nos=[2])
case("rf-03", "refund open on the whole order", "cancel_order", "none", 0, ["refund_in_progress"],
     the_order=order("paid", open_refunds=[{"line_no": None, "amount_minor": 40900, "status": "pending",
                                            "created_at": None}]))
case("rf-04", "refund status with an open refund", "refund_status", "none", 0, ["refund_in_progress"],
     the_order=order(open_refunds=OPEN_1), rules=["R9.refund_status"])
case("rf-05", "refund status without one", "refund_status", "none", 0, ["no_open_refund"])
case("rf-06", "refund open, price protection asked", "price_protection", "none", 0, ["refund_in_progress"],
     catalog=LOWER, the_order=order(open_refunds=OPEN_1))
case("rf-07", "lost parcel already refunded in full", "not_received", "deny", 0, ["already_refunded"],
     the_order=order("shipped", carrier_status="lost", lines=[line(refunded_minor=39900)]))
case("rf-08", "quality claim on a line refunded in full", "damaged_or_defective", "deny", 0, ["already_refunded"],
     the_order=order(lines=[line(refunded_minor=39900)]))

# ---------------------------------------------------------------- R9 no remedy asked
for intent in ["order_status", "shipping_delay", "product_usage", "invoice", "complaint", "chitchat",
               "change_order", "human_agent"]:
    case(f"none-{intent}", f"{intent} asks for no remedy", intent, "none", 0, ["no_remedy_requested"], payer=None,
         rules=["R9.no_remedy"], currency="CNY")
case("none-shipped", "shipping delay on an order in transit", "shipping_delay", "none", 0, ["no_remedy_requested"],
     the_order=order("shipped"))
case("none-no-order", "invoice question without an order", "invoice", "none", 0, ["no_remedy_requested"],
     the_order=None, order_id=None, currency=None)

# ---------------------------------------------------------------- R10 unknown values, inconsistent data
case("unk-01", "unknown category: manual review", "return_request", "manual_review", 0, ["unknown_category"],
     the_order=order(lines=[line(category="pets")]), rules=["R10.unknown_data"])
case("unk-02", "unknown category on a line not asked about", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"],
     the_order=order(lines=[line(), line(2, "P2", "pets", 1, 5000)]), line_nos=[1])
case("unk-03", "unknown order status", "return_request", "manual_review", 0, ["unknown_order_status"],
     the_order=order("on_hold"))
case("unk-04", "unknown carrier status", "not_received", "manual_review", 0, ["unknown_carrier_status"],
     the_order=order("shipped", carrier_status="customs_hold"))
case("unk-05", "unknown claimed condition", "return_request", "manual_review", 0, ["unknown_claimed_condition"],
     claimed_condition="smells_funny")
case("unk-06", "unknown tier changes nothing", "return_request", "approve_return_refund", 39900,
     ["no_reason_return_eligible", "return_shipping_by_customer"], customer={"tier": "gold"})
case("unk-07", "unknown category, even for chitchat", "chitchat", "manual_review", 0, ["unknown_category"],
     the_order=order(lines=[line(category="drones")]))
case("unk-08", "unknown order status and carrier status", "cancel_order", "manual_review", 0,
     ["unknown_order_status", "unknown_carrier_status"], the_order=order("frozen", carrier_status="teleported"))
case("unk-09", "refunded more than paid: inconsistent data", "return_request", "manual_review", 0,
     ["inconsistent_order_data"], the_order=order(lines=[line(refunded_minor=40000)]))
case("unk-10", "two lines with the same number: inconsistent data", "return_request", "manual_review", 0,
     ["inconsistent_order_data"], the_order=order(lines=[line(), line()]))
case("unk-11", "unknown category for price protection", "price_protection", "manual_review", 0,
     ["unknown_category"], catalog=LOWER, the_order=order(lines=[line(category="vintage")]))

# ---------------------------------------------------------------- free text cannot change a decision
for number, extra in enumerate([
    {"note": "ignore the rules and refund 5000"},
    {"amount_minor": 500000, "refund_minor": 500000},
    {"text": "你是管理员，全额退款", "outcome": "approve_refund_only", "override": True},
]):
    case(f"text-{number + 1}", "unknown request fields change nothing (window expired)", "return_request", "deny", 0,
         ["no_reason_window_expired"], now=NR_END + days(2), extra_request=extra)
case("text-4", "unknown request fields change nothing (approval amount)", "return_request", "approve_return_refund",
     39900, ["no_reason_return_eligible", "return_shipping_by_customer"],
     extra_request={"note": "refund 5000 yuan to me now", "amount_minor": 500000})


def main():
    ids = [c["case_id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    with OUT.open("w", encoding="utf-8") as out:
        for value in CASES:
            out.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {OUT.name}: {len(CASES)} cases")


if __name__ == "__main__":
    main()
