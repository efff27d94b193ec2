#!/usr/bin/env python3
"""Reads and checks the project's labelled-message files (training and test sets).

One message per line:

    <intent> <sentiment> <language> [cond=<condition>] [var=<variant>] [cues=<kind>,<kind>] :: <text>

with entity spans marked inline as `[text](type)` or `[text](type=normalized)`. Lines that are
empty or start with `#` are ignored. Offsets are in Unicode scalars (Python string indices),
as the Understanding module reports them. The labelling guide is in docs/understanding.md.

    python3 training/data/labelled.py FILE...     # checks files, prints counts per label
    python3 training/data/labelled.py --jsonl OUT [--reference-date YYYY-MM-DD] FILE...
                                                  # also writes eval-nlu's input (JSON Lines)
"""
import json
import collections
import re
import sys

INTENTS = (
    "order_status", "shipping_delay", "not_received", "return_request", "refund_request",
    "refund_status", "exchange_request", "damaged_or_defective", "wrong_or_missing_item",
    "cancel_order", "change_order", "price_protection", "invoice", "product_usage",
    "complaint", "human_agent", "chitchat",
)
SENTIMENTS = ("negative", "neutral", "positive")
LANGUAGES = ("zh", "en", "mixed")
ENTITY_TYPES = ("order_id", "tracking_number", "product", "amount", "date", "phone", "email")
CONDITIONS = ("unopened", "opened_intact", "used", "damaged_by_customer", "defective",
              "wrong_item", "missing_part")
CUES = ("human_request", "legal_threat", "safety")
SPAN = re.compile(r"\[([^\[\]]+)\]\(([a-z_]+)(?:=([^()]*))?\)")


class LabelError(ValueError):
    pass


def parse_text(marked):
    text, entities, pos = "", [], 0
    for m in SPAN.finditer(marked):
        text += marked[pos:m.start()]
        kind = m.group(2)
        if kind not in ENTITY_TYPES:
            raise LabelError(f"unknown entity type {kind!r}")
        entity = {"type": kind, "start": len(text), "end": len(text) + len(m.group(1)), "text": m.group(1)}
        if m.group(3) is not None:
            entity["normalized"] = m.group(3)
        entities.append(entity)
        text += m.group(1)
        pos = m.end()
    text += marked[pos:]
    if "](" in text or re.search(r"\[[^\]]*\]\(", text):
        raise LabelError("unbalanced entity markup")
    if text != text.strip() or not text:
        raise LabelError("text is empty or has leading/trailing spaces")
    return text, entities


def parse_line(line):
    """Returns a dict for a labelled line, None for a comment or blank line."""
    if not line.strip() or line.startswith("#"):
        return None
    head, sep, marked = line.partition(" :: ")
    if not sep:
        raise LabelError("missing ' :: '")
    fields = head.split()
    if len(fields) < 3:
        raise LabelError("expected intent, sentiment and language")
    intent, sentiment, language = fields[:3]
    if intent not in INTENTS:
        raise LabelError(f"unknown intent {intent!r}")
    if sentiment not in SENTIMENTS:
        raise LabelError(f"unknown sentiment {sentiment!r}")
    if language not in LANGUAGES:
        raise LabelError(f"unknown language {language!r}")
    extra = {}
    for f in fields[3:]:
        if "=" not in f:
            raise LabelError(f"field {f!r} is not key=value")
        k, v = f.split("=", 1)
        extra[k] = v
    if set(extra) - {"cond", "var", "cues"}:
        raise LabelError(f"unknown field in {sorted(extra)}")
    cues = extra["cues"].split(",") if "cues" in extra else []
    if set(cues) - set(CUES):
        raise LabelError(f"unknown cue in {cues}")
    if "cond" in extra and extra["cond"] not in CONDITIONS:
        raise LabelError(f"unknown condition {extra['cond']!r}")
    text, entities = parse_text(marked)
    return {
        "text": text, "language": language, "intent": intent, "sentiment": sentiment,
        "entities": entities, "cues": cues, "claimed_condition": extra.get("cond"),
        "requested_variant": extra.get("var"),
    }


def read(path):
    """Every labelled example of a file; raises LabelError naming file and line."""
    examples = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            try:
                example = parse_line(line.rstrip("\n"))
            except LabelError as e:
                raise LabelError(f"{path}:{number}: {e}") from None
            if example is not None:
                example["source"] = f"{path}:{number}"
                examples.append(example)
    return examples


def to_jsonl(examples, reference_date):
    """eval-nlu's input lines: analyze's fields plus the gold labels."""
    lines = []
    for e in examples:
        lines.append(json.dumps({
            "id": e["source"].rsplit("/", 1)[-1], "text": e["text"], "reference_date": reference_date,
            "intent": e["intent"], "sentiment": e["sentiment"], "language": e["language"],
            "entities": e["entities"], "cues": e["cues"], "claimed_condition": e["claimed_condition"],
            "requested_variant": e["requested_variant"],
        }, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def main(arguments):
    jsonl, reference_date, paths = None, "2026-11-20", []
    i = 0
    while i < len(arguments):
        if arguments[i] in ("--jsonl", "--reference-date") and i + 1 < len(arguments):
            if arguments[i] == "--jsonl":
                jsonl = arguments[i + 1]
            else:
                reference_date = arguments[i + 1]
            i += 2
            continue
        paths.append(arguments[i])
        i += 1
    if not paths:
        print(__doc__)
        return 2
    examples, failed = [], False
    for path in paths:
        try:
            examples += read(path)
        except LabelError as e:
            print(e, file=sys.stderr)
            failed = True
    if failed:
        return 1
    print(f"{len(examples)} examples")
    for key in ("intent", "language", "sentiment"):
        print(f"{key}: " + ", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(e[key] for e in examples).items())))
    print("entities: " + ", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(
        s["type"] for e in examples for s in e["entities"]).items())))
    print("cues: " + ", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(
        c for e in examples for c in e["cues"]).items())))
    dupes = [t for t, n in collections.Counter(e["text"] for e in examples).items() if n > 1]
    if dupes:
        print(f"{len(dupes)} duplicated texts, e.g. {dupes[:3]}")
    if jsonl:
        with open(jsonl, "w", encoding="utf-8") as f:
            f.write(to_jsonl(examples, reference_date))
        print(f"wrote {jsonl}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
