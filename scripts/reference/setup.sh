#!/usr/bin/env bash
# Creates .venv-reference/ at the package root with the independent reference engines
# (Hugging Face tokenizers, transformers on Flax/JAX, onnxruntime, llama-cpp-python, numpy,
# safetensors, gguf). Idempotent: re-running only installs what is missing.
# llama-cpp-python compiles llama.cpp from source with cmake; on 2 cores this takes a while.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${REFERENCE_VENV:-$root/.venv-reference}"
python="${PYTHON:-python3}"

if [[ ! -x "$venv/bin/python" ]]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
# llama.cpp: native build (AVX2/FMA on this machine), no network features, 2 build jobs.
export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=ON -DLLAMA_CURL=OFF}"
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"
"$venv/bin/python" -m pip install -r "$root/scripts/reference/requirements.txt" \
    -c "$root/scripts/reference/constraints.txt"
echo "reference venv ready: $venv"
