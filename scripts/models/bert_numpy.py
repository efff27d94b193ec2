"""A plain numpy BERT encoder forward (float32, erf GELU, post-LayerNorm), mean pooling over all
tokens and L2 normalization: the sentence embedding multilingual-e5-small defines. Reads the
Hugging Face tensor names that convert_e5.py writes. Slow and simple on purpose: a reference,
not a runtime. Follows transformers' `modeling_bert.py` (BertEmbeddings, BertLayer)."""
import json
import math
import os

import numpy as np

import safetensors_io

_erf = np.frompyfunc(math.erf, 1, 1)


def gelu(x):
    """0.5 x (1 + erf(x / sqrt 2)), erf in float64 (math.erf), result float32."""
    return (0.5 * x * (1.0 + _erf(x.astype(np.float64) / math.sqrt(2.0)).astype(np.float64))).astype(np.float32)


def layer_norm(x, weight, bias, eps):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return ((x - mean) / np.sqrt(var + np.float32(eps)) * weight + bias).astype(np.float32)


def quantize_q8_0(x):
    """x rounded through per-32-value int8 blocks (scale max|x|/127, round half to even), as
    e5.c quantizes activations before its int8 x int4 products."""
    blocks = x.reshape(-1, 32)
    scale = (np.abs(blocks).max(axis=1, keepdims=True) / np.float32(127)).astype(np.float32)
    inverse = np.divide(np.float32(1), scale, out=np.zeros_like(scale), where=scale > 0)
    q = np.clip(np.rint(blocks * inverse), -128, 127)
    return (q * scale).astype(np.float32).reshape(x.shape)


class BertModel:
    """`int8_activations=True` rounds every linear layer's input like e5.c (Q8_0 blocks), to
    tell that engine's activation rounding apart from weight or wiring differences."""

    def __init__(self, directory, int8_activations=False):
        self.int8_activations = int8_activations
        with open(os.path.join(directory, "config.json")) as f:
            self.config = json.load(f)
        tensors, _ = safetensors_io.read(os.path.join(directory, "model.safetensors"))
        self.word = tensors["embeddings.word_embeddings.weight"]  # (vocab, d), memory-mapped
        self.t = {name: np.asarray(value, dtype=np.float32) for name, value in tensors.items()
                  if name != "embeddings.word_embeddings.weight"}

    def hidden_states(self, ids):
        """Last hidden state (tokens, d) for one sequence of ids (token type 0)."""
        c, t = self.config, self.t
        eps, heads = c["layer_norm_eps"], c["num_attention_heads"]
        n, d = len(ids), c["hidden_size"]
        size = d // heads
        x = (np.asarray(self.word[ids], dtype=np.float32) + t["embeddings.position_embeddings.weight"][:n]
             + t["embeddings.token_type_embeddings.weight"][0])
        x = layer_norm(x, t["embeddings.LayerNorm.weight"], t["embeddings.LayerNorm.bias"], eps)
        for layer in range(c["num_hidden_layers"]):
            p = f"encoder.layer.{layer}."

            def linear(name, value):
                if self.int8_activations:
                    value = quantize_q8_0(value)
                return value @ t[p + name + ".weight"].T + t[p + name + ".bias"]

            q, k, v = (linear(f"attention.self.{part}", x).reshape(n, heads, size).transpose(1, 0, 2)
                       for part in ("query", "key", "value"))
            scores = q @ k.transpose(0, 2, 1) / np.float32(math.sqrt(size))  # (heads, n, n)
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            probs = scores / scores.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(1, 0, 2).reshape(n, d)
            x = layer_norm(x + linear("attention.output.dense", context),
                           t[p + "attention.output.LayerNorm.weight"], t[p + "attention.output.LayerNorm.bias"], eps)
            inner = gelu(linear("intermediate.dense", x))
            x = layer_norm(x + linear("output.dense", inner),
                           t[p + "output.LayerNorm.weight"], t[p + "output.LayerNorm.bias"], eps)
        return x

    def embed(self, ids):
        """Mean over all tokens (incl. <s> and </s>), L2-normalized."""
        pooled = self.hidden_states(ids).astype(np.float64).mean(axis=0)
        return (pooled / max(np.linalg.norm(pooled), 1e-12)).astype(np.float32)
