"""Writes tokenizer parity goldens (Tests/TokenizersTests/Fixtures/) and the tiny fixture
vocabularies, with Hugging Face `tokenizers` (and llama.cpp for SmolLM2).

Run from the package root: .venv-reference/bin/python scripts/reference/make_tokenizer_goldens.py
Needs the models from scripts/fetch-models.sh for the real-vocabulary goldens."""
import json
import os
import sys

import tokenizers
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

sys.path.insert(0, os.path.dirname(__file__))
import corpus  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODELS = os.environ.get("SUPPORT_MODELS_DIR", os.path.join(ROOT, "models"))
OUT = os.path.join(ROOT, "Tests", "TokenizersTests", "Fixtures")
LLAMA3_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|"
                  r"\s*[\r\n]+|\s+(?!\S)|\s+")


def write(name, payload):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(payload, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path) // 1024} KiB)")


def wordpiece_goldens(tok, texts):
    """ids[i] and offsets[i] (flattened start, end pairs) for corpus string i, with [CLS]/[SEP];
    plus truncated single texts and pairs (text and pair are corpus indices)."""
    tok.no_padding()
    tok.no_truncation()
    ids, offsets = [], []
    for text in texts:
        enc = tok.encode(text)
        ids.append(enc.ids)
        offsets.append([x for pair in enc.offsets for x in pair])
    truncated = []
    for i in range(100, 160):
        pair, length = (i + 1 if i % 2 else None), 4 + i % 13
        tok.enable_truncation(max_length=length)
        enc = tok.encode(texts[i], texts[pair]) if pair is not None else tok.encode(texts[i])
        truncated.append({"text": i, "pair": pair, "max_length": length, "ids": enc.ids, "type_ids": enc.type_ids,
                          "offsets": [x for p in enc.offsets for x in p]})
        tok.no_truncation()
    return {"count": len(texts), "ids": ids, "offsets": offsets, "truncated": truncated}


def bpe_goldens(tok, texts):
    """ids[i] for corpus string i (special tokens in the text parsed, nothing added)."""
    tok.no_padding()
    tok.no_truncation()
    return {"count": len(texts), "ids": [tok.encode(t).ids for t in texts]}


def train_tiny_tokenizers(texts):
    """Small vocabularies trained on the corpus, committed for CI."""
    tiny = {}
    wp = Tokenizer(models.WordPiece(unk_token="[UNK]", max_input_chars_per_word=100))
    wp.normalizer = normalizers.BertNormalizer(lowercase=True)
    wp.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    wp.train_from_iterator(texts, trainers.WordPieceTrainer(
        vocab_size=600, limit_alphabet=300, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]))
    wp.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", wp.token_to_id("[CLS]")), ("[SEP]", wp.token_to_id("[SEP]"))])
    wp.decoder = decoders.WordPiece()
    tiny["wordpiece"] = wp
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    for name, pre, ignore_merges in [
        ("bpe-gpt2", pre_tokenizers.ByteLevel(add_prefix_space=False), False),
        ("bpe-smollm", pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True),
                                                pre_tokenizers.ByteLevel(add_prefix_space=False)]), False),
        ("bpe-llama3", pre_tokenizers.Sequence([pre_tokenizers.Split(Regex(LLAMA3_PATTERN), behavior="isolated"),
                                                pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)]), True),
    ]:
        bpe = Tokenizer(models.BPE(ignore_merges=ignore_merges))
        bpe.pre_tokenizer = pre
        bpe.decoder = decoders.ByteLevel()
        bpe.train_from_iterator(texts, trainers.BpeTrainer(
            vocab_size=700, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
            show_progress=False))
        tiny[name] = bpe
    return tiny


def smollm2_tokenizer_json(gguf_path):
    """A tokenizer.json for SmolLM2 built from the GGUF metadata, with the pre-tokenizer of the
    released SmolLM2 tokenizer (individual digits, then GPT-2 byte-level)."""
    from gguf import GGUFReader
    reader = GGUFReader(gguf_path)
    tokens = reader.fields["tokenizer.ggml.tokens"].contents()
    types = reader.fields["tokenizer.ggml.token_type"].contents()
    merges = reader.fields["tokenizer.ggml.merges"].contents()
    assert reader.fields["tokenizer.ggml.pre"].contents() == "smollm"
    added = [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False,
              "special": True} for i, t in enumerate(tokens) if types[i] == 3]
    return {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added, "normalizer": None,
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Digits", "individual_digits": True},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}]},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": {t: i for i, t in enumerate(tokens)}, "merges": list(merges)},
    }


def main():
    texts = corpus.build()
    header = {"reference": f"tokenizers {tokenizers.__version__}", "corpus": "corpus.json"}
    print(f"corpus: {len(texts)} strings")
    write("corpus.json", {"generator": "scripts/reference/corpus.py build()", "texts": texts})

    tiny_texts = texts[:600]
    # The trainers are not deterministic across runs, so committed tiny vocabularies are kept and
    # only trained when missing (delete a folder to retrain it; then regenerate the model goldens,
    # whose tiny-bert copies the WordPiece vocabulary).
    names = ["tiny-wordpiece", "bpe-gpt2", "bpe-smollm", "bpe-llama3"]
    if all(os.path.exists(os.path.join(OUT, n, "tokenizer.json")) for n in names):
        tiny = {("wordpiece" if n == "tiny-wordpiece" else n): Tokenizer.from_file(os.path.join(OUT, n, "tokenizer.json"))
                for n in names}
    else:
        tiny = train_tiny_tokenizers(texts)
    wp = tiny["wordpiece"]
    wp_dir = os.path.join(OUT, "tiny-wordpiece")
    os.makedirs(wp_dir, exist_ok=True)
    wp.save(os.path.join(wp_dir, "tokenizer.json"))
    vocab = sorted(wp.get_vocab(with_added_tokens=True).items(), key=lambda kv: kv[1])
    with open(os.path.join(wp_dir, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("".join(token + "\n" for token, _ in vocab))
    write("tiny-wordpiece/goldens.json", {**header, "tokenizer": "tiny-wordpiece/tokenizer.json",
                                          **wordpiece_goldens(wp, tiny_texts)})
    for name in ["bpe-gpt2", "bpe-smollm", "bpe-llama3"]:
        os.makedirs(os.path.join(OUT, name), exist_ok=True)
        tiny[name].save(os.path.join(OUT, name, "tokenizer.json"))
        write(f"{name}/goldens.json", {**header, "tokenizer": f"{name}/tokenizer.json", **bpe_goldens(tiny[name], tiny_texts)})

    # The GPT-2-style vocabulary again with add_prefix_space (applied to every run of text
    # between added tokens).
    spec = json.loads(tiny["bpe-gpt2"].to_str())
    spec["pre_tokenizer"]["add_prefix_space"] = True
    prefixed = Tokenizer.from_str(json.dumps(spec))
    os.makedirs(os.path.join(OUT, "bpe-gpt2-prefix-space"), exist_ok=True)
    prefixed.save(os.path.join(OUT, "bpe-gpt2-prefix-space", "tokenizer.json"))
    write("bpe-gpt2-prefix-space/goldens.json", {**header, "tokenizer": "bpe-gpt2-prefix-space/tokenizer.json",
                                                  **bpe_goldens(prefixed, tiny_texts)})

    minilm = os.path.join(MODELS, "all-minilm-l6-v2", "tokenizer.json")
    if os.path.exists(minilm):
        write("minilm-wordpiece-goldens.json", {**header, "tokenizer": "models/all-minilm-l6-v2/tokenizer.json",
                                                 **wordpiece_goldens(Tokenizer.from_file(minilm), texts)})
    else:
        print("skipped MiniLM: run scripts/fetch-models.sh")

    gguf_path = os.path.join(MODELS, "smollm2-135m-instruct", "SmolLM2-135M-Instruct.Q4_1.gguf")
    if os.path.exists(gguf_path):
        spec = smollm2_tokenizer_json(gguf_path)
        hf = Tokenizer.from_str(json.dumps(spec))
        goldens = bpe_goldens(hf, texts)
        mismatches = []
        try:
            from llama_cpp import Llama
            llama = Llama(model_path=gguf_path, vocab_only=True, verbose=False)
            for index, text in enumerate(texts):
                ids = llama.tokenize(text.encode("utf-8"), add_bos=False, special=True)
                if ids != goldens["ids"][index]:
                    mismatches.append({"text": index, "tokenizers": goldens["ids"][index], "llama_cpp": ids})
            import llama_cpp
            reference2 = f"llama-cpp-python {llama_cpp.__version__}"
        except ImportError:
            reference2 = None
        print(f"SmolLM2: {len(texts)} strings, {len(mismatches)} differ between tokenizers and llama.cpp")
        write("smollm2-bpe-goldens.json", {**header, "second_reference": reference2,
                                            "tokenizer": "tokenizer.json built from the GGUF metadata (smollm2_tokenizer_json)",
                                            **goldens, "llama_cpp_mismatches": mismatches})
    else:
        print("skipped SmolLM2: run scripts/fetch-models.sh")


if __name__ == "__main__":
    main()
