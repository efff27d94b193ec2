"""BERT encoder layers in JAX, for fine-tuning multilingual-e5-small on the CPU.

Follows Hugging Face `BertModel` (post-LayerNorm, erf GELU, LayerNorm eps 1e-12), the same
model `Sources/InferenceRuntime/Models/BertEncoder.swift` runs. Weights are addressed by their
checkpoint names (`encoder.layer.N.attention.self.query.weight`, ...); linear weights are
(out, in) as in the checkpoint.

The understanding model is e5's embeddings and first `SHARED_LAYERS` layers, frozen and shared
with retrieval, then its own fine-tuned copies of the remaining layers and four heads.
"""
import jax
import jax.numpy as jnp
import numpy as np

EPS = 1e-12
HEADS = 12


def layer_norm(x, weight, bias):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / jnp.sqrt(var + EPS) * weight + bias


def linear(x, p, name):
    return x @ p[f"{name}.weight"].T + p[f"{name}.bias"]


def embed(p, ids):
    """Word + position (from 0) + token type 0 embeddings, then LayerNorm. ids: (batch, seq)."""
    seq = ids.shape[1]
    x = p["embeddings.word_embeddings.weight"][ids]
    x = x + p["embeddings.position_embeddings.weight"][:seq][None]
    x = x + p["embeddings.token_type_embeddings.weight"][0][None, None]
    return layer_norm(x, p["embeddings.LayerNorm.weight"], p["embeddings.LayerNorm.bias"])


def encoder_layer(p, prefix, x, mask, rng=None, dropout=0.0):
    """One post-LN BERT layer. x: (batch, seq, hidden); mask: (batch, seq) 1 for real tokens."""
    b, s, d = x.shape
    hd = d // HEADS

    def drop(t, key):
        if rng is None or dropout == 0.0:
            return t
        keep = jax.random.bernoulli(key, 1.0 - dropout, t.shape)
        return jnp.where(keep, t / (1.0 - dropout), 0.0)

    keys = jax.random.split(rng, 3) if rng is not None else [None] * 3
    q = linear(x, p, f"{prefix}.attention.self.query").reshape(b, s, HEADS, hd)
    k = linear(x, p, f"{prefix}.attention.self.key").reshape(b, s, HEADS, hd)
    v = linear(x, p, f"{prefix}.attention.self.value").reshape(b, s, HEADS, hd)
    scores = jnp.einsum("bqhd,bkhd->bhqk", q, k) / jnp.sqrt(hd)
    scores = jnp.where(mask[:, None, None, :] > 0, scores, -1e9)
    attn = jax.nn.softmax(scores, axis=-1)
    ctx = jnp.einsum("bhqk,bkhd->bqhd", attn, v).reshape(b, s, d)
    a = drop(linear(ctx, p, f"{prefix}.attention.output.dense"), keys[0])
    x = layer_norm(x + a, p[f"{prefix}.attention.output.LayerNorm.weight"], p[f"{prefix}.attention.output.LayerNorm.bias"])
    h = jax.nn.gelu(linear(x, p, f"{prefix}.intermediate.dense"), approximate=False)
    o = drop(linear(h, p, f"{prefix}.output.dense"), keys[1])
    return layer_norm(x + o, p[f"{prefix}.output.LayerNorm.weight"], p[f"{prefix}.output.LayerNorm.bias"])


LAYER_TENSORS = [
    "attention.self.query.weight", "attention.self.query.bias",
    "attention.self.key.weight", "attention.self.key.bias",
    "attention.self.value.weight", "attention.self.value.bias",
    "attention.output.dense.weight", "attention.output.dense.bias",
    "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
    "intermediate.dense.weight", "intermediate.dense.bias",
    "output.dense.weight", "output.dense.bias",
    "output.LayerNorm.weight", "output.LayerNorm.bias",
]

EMBEDDING_TENSORS = [
    "embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
    "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias",
]


def bottom(params, ids, mask, shared_layers):
    """The frozen shared part: embeddings and layers 0..shared_layers-1 (no dropout)."""
    x = embed(params, ids)
    for i in range(shared_layers):
        x = encoder_layer(params, f"encoder.layer.{i}", x, mask)
    return x


def to_jax(tensors):
    return {k: jnp.asarray(np.asarray(v, dtype=np.float32)) for k, v in tensors.items()}
