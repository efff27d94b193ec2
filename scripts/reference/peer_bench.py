"""Peer benchmark: numpy/OpenBLAS sgemm, onnxruntime MiniLM latency, llama.cpp SmolLM2 prompt and
generation speed, and peak RSS, at 1 and 2 threads. Prints one JSON object per line (see
README.md for the names); the Swift runtime-bench prints the same fields.

Run from the package root after scripts/fetch-models.sh and scripts/reference/setup.sh:
  .venv-reference/bin/python scripts/reference/peer_bench.py [--threads 1 2] [--parts matmul encoder decoder]
Each part runs in its own process so that thread settings and peak RSS are its own."""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODELS = os.environ.get("SUPPORT_MODELS_DIR", os.path.join(ROOT, "models"))
MATMUL_SHAPES = [(m, k, n) for m in (16, 64, 128) for (k, n) in ((384, 384), (384, 1536), (1536, 384))] + [
    (1, 576, 576), (1, 576, 1536), (1, 1536, 576), (64, 576, 1536), (1024, 1024, 1024)]
ENCODER_SHAPES = [(s, b) for s in (16, 64, 128) for b in (1, 8)]
# The decoder prompt: this chat text, tokenized, first 54 tokens (the Swift benchmark uses the same).
DECODER_PROMPT = ("<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
                  "<|im_start|>user\nMy phone case arrived broken and the screen protector is cracked. "
                  "Can I get a refund or a replacement for it, please?<|im_end|>\n<|im_start|>assistant\n")
PROMPT_TOKENS = 54
GENERATED_TOKENS = 64


def emit(figure, workload, engine, threads, samples, unit, higher_is_better=True):
    value = statistics.median(samples)
    print(json.dumps({"bench": f"{figure}/{workload}", "figure": figure, "workload": workload, "engine": engine,
                      "threads": threads, "value": round(value, 4), "unit": unit, "repeats": len(samples),
                      "min": round(min(samples), 4), "max": round(max(samples), 4)}), flush=True)


def timed(function, budget=0.6, minimum=5, warmup=2):
    for _ in range(warmup):
        function()
    samples = []
    start = time.perf_counter()
    while len(samples) < minimum or time.perf_counter() - start < budget:
        t0 = time.perf_counter()
        function()
        samples.append(time.perf_counter() - t0)
        if len(samples) >= 200:
            break
    return samples


def peak_rss_mib():
    """This process's peak resident set (VmHWM). Read here rather than from the parent's wait4:
    on Linux a child's ru_maxrss keeps the high-water mark of the forked parent across exec."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_matmul(threads):
    import numpy as np
    rng = np.random.default_rng(0)
    for m, k, n in MATMUL_SHAPES:
        a = rng.standard_normal((m, k), dtype=np.float32)
        b = rng.standard_normal((k, n), dtype=np.float32)
        c = np.empty((m, n), dtype=np.float32)
        samples = timed(lambda: np.matmul(a, b, out=c), budget=0.4 if m * k * n < 10 ** 8 else 1.5)
        emit("matmul_gflops", f"{m}x{k}x{n}", "numpy-openblas", threads, [2 * m * k * n / s / 1e9 for s in samples], "GFLOP/s")


def onnx_path():
    return os.path.join(MODELS, "all-minilm-l6-v2", "model-standard-ops.onnx")


def prepare_encoder():
    """Builds the ONNX graph once (saved beside the model, gitignored with it) and checks it
    against the Flax goldens, so the timed process only loads a file."""
    sys.path.insert(0, os.path.dirname(__file__))
    import minilm_onnx
    import onnx
    model_dir = os.path.join(MODELS, "all-minilm-l6-v2")
    if not os.path.exists(onnx_path()):
        onnx.save(minilm_onnx.build(model_dir), onnx_path())
    goldens = os.path.join(ROOT, "Tests", "InferenceRuntimeTests", "Fixtures", "minilm-goldens.json")
    if os.path.exists(goldens):
        difference = minilm_onnx.check(model_dir, onnx.load(onnx_path()), goldens)
        print(json.dumps({"check": "onnx graph vs transformers Flax goldens", "max_abs_embedding_difference": difference}),
              file=sys.stderr)


def run_encoder(threads):
    import numpy as np
    import onnxruntime as ort
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    sess = ort.InferenceSession(onnx_path(), options, providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    for seq, batch in ENCODER_SHAPES:
        ids = rng.integers(1000, 30000, size=(batch, seq), dtype=np.int64)
        ids[:, 0], ids[:, -1] = 101, 102
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        samples = timed(lambda: sess.run(["embedding"], feeds), budget=1.0)
        emit("encoder_latency_ms", f"seq{seq}_batch{batch}", "onnxruntime", threads, [s * 1000 for s in samples], "ms")
    emit("peak_rss_mib", "encoder", "onnxruntime", threads, [peak_rss_mib()], "MiB")


def run_decoder(threads):
    from llama_cpp import Llama
    import numpy as np
    path = os.path.join(MODELS, "smollm2-135m-instruct", "SmolLM2-135M-Instruct.Q4_1.gguf")
    llm = Llama(model_path=path, n_ctx=512, n_batch=512, n_threads=threads, n_threads_batch=threads, verbose=False)
    tokens = llm.tokenize(DECODER_PROMPT.encode("utf-8"), add_bos=False, special=True)[:PROMPT_TOKENS]
    assert len(tokens) == PROMPT_TOKENS, f"the prompt has only {len(tokens)} tokens"
    prompt_rates, generation_rates = [], []
    for repeat in range(4):
        llm.reset()
        t0 = time.perf_counter()
        llm.eval(tokens)
        t1 = time.perf_counter()
        next_id = int(np.argmax(llm.scores[llm.n_tokens - 1]))
        t2 = time.perf_counter()
        for _ in range(GENERATED_TOKENS):
            llm.eval([next_id])
            next_id = int(np.argmax(llm.scores[llm.n_tokens - 1]))
        t3 = time.perf_counter()
        if repeat == 0:
            continue  # warm-up
        prompt_rates.append(PROMPT_TOKENS / (t1 - t0))
        generation_rates.append(GENERATED_TOKENS / (t3 - t2))
    emit("decoder_prompt_tokens_per_s", f"prompt{PROMPT_TOKENS}", "llama.cpp", threads, prompt_rates, "tokens/s")
    emit("decoder_generation_tokens_per_s", f"gen{GENERATED_TOKENS}", "llama.cpp", threads, generation_rates, "tokens/s")
    emit("peak_rss_mib", "decoder", "llama.cpp", threads, [peak_rss_mib()], "MiB")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--parts", nargs="+", default=["matmul", "encoder", "decoder"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        part, threads = args.child.split(":")
        {"matmul": run_matmul, "encoder": run_encoder, "decoder": run_decoder}[part](int(threads))
        return
    if "encoder" in args.parts:
        prepare_encoder()
    for part in args.parts:
        for threads in args.threads:
            env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads),
                       MKL_NUM_THREADS=str(threads))
            status = subprocess.run([sys.executable, __file__, "--child", f"{part}:{threads}"], env=env).returncode
            if status != 0:
                print(json.dumps({"error": f"{part} at {threads} threads exited with status {status}"}), flush=True)


if __name__ == "__main__":
    main()
