#!/usr/bin/env python3
"""Builds eval.jsonl from eval.source.txt, the hand-written labelled messages.

Entity spans are written inline as [text](type) or [text](type=normalized); this script
removes the markup and records each span's start and end in Unicode scalars (Python string
indices), which is what the Understanding module reports. Every third example goes to the
held-out split: it is scored like the rest but was never looked at while tuning lexicons.

    python3 Tests/UnderstandingTests/Fixtures/build_eval.py
"""
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
REFERENCE_DATE = "2026-11-20"
INTENTS = {
    "order_status", "shipping_delay", "not_received", "return_request", "refund_request",
    "refund_status", "exchange_request", "damaged_or_defective", "wrong_or_missing_item",
    "cancel_order", "change_order", "price_protection", "invoice", "product_usage",
    "complaint", "human_agent", "chitchat",
}
SENTIMENTS = {"negative", "neutral", "positive"}
LANGUAGES = {"zh", "en", "mixed"}
ENTITY_TYPES = {"order_id", "tracking_number", "product", "amount", "date", "phone", "email"}
CONDITIONS = {"unopened", "opened_intact", "used", "damaged_by_customer", "defective",
              "wrong_item", "missing_part"}
CUES = {"human_request", "legal_threat", "safety"}
SPAN = re.compile(r"\[([^\[\]]+)\]\(([a-z_]+)(?:=([^()]*))?\)")


def parse_text(marked: str, where: str):
    text, entities, pos = "", [], 0
    for m in SPAN.finditer(marked):
        text += marked[pos:m.start()]
        kind = m.group(2)
        if kind not in ENTITY_TYPES:
            sys.exit(f"{where}: unknown entity type {kind!r}")
        entity = {"type": kind, "start": len(text), "end": len(text) + len(m.group(1)), "text": m.group(1)}
        if m.group(3) is not None:
            entity["normalized"] = m.group(3)
        entities.append(entity)
        text += m.group(1)
        pos = m.end()
    text += marked[pos:]
    if "[" in text or "](" in text:
        sys.exit(f"{where}: unbalanced entity markup")
    return text, entities


def main() -> int:
    examples = []
    for number, line in enumerate((HERE / "eval.source.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"eval.source.txt:{number}"
        head, sep, marked = line.partition(" :: ")
        if not sep:
            sys.exit(f"{where}: missing ' :: '")
        fields = head.split()
        if len(fields) < 3:
            sys.exit(f"{where}: expected intent, sentiment and language")
        intent, sentiment, language = fields[:3]
        if intent not in INTENTS or sentiment not in SENTIMENTS or language not in LANGUAGES:
            sys.exit(f"{where}: bad label in {fields[:3]}")
        extra = dict(f.split("=", 1) for f in fields[3:])
        if set(extra) - {"cond", "var", "cues"}:
            sys.exit(f"{where}: unknown field in {sorted(extra)}")
        cues = extra["cues"].split(",") if "cues" in extra else []
        if set(cues) - CUES or extra.get("cond", "unopened") not in CONDITIONS:
            sys.exit(f"{where}: bad cue or condition")
        text, entities = parse_text(marked, where)
        index = len(examples)
        examples.append({
            "id": f"e{index + 1:04d}",
            "split": "holdout" if index % 3 == 2 else "dev",
            "text": text,
            "language": language,
            "intent": intent,
            "sentiment": sentiment,
            "entities": entities,
            "cues": cues,
            "claimed_condition": extra.get("cond"),
            "requested_variant": extra.get("var"),
            "reference_date": REFERENCE_DATE,
        })
    with (HERE / "eval.jsonl").open("w", encoding="utf-8") as out:
        for example in examples:
            out.write(json.dumps(example, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {len(examples)} examples to eval.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
