"""Minimal, deterministic safetensors writer and reader (numpy only).

Format: u64 little-endian header length, a JSON header {name: {dtype, shape, data_offsets}} plus
`__metadata__`, padded with spaces to a multiple of 8 bytes, then the tensors' bytes back to back
in the order given. Same input, same bytes."""
import json
import struct

import numpy as np

DTYPES = {np.dtype("<f4"): "F32", np.dtype("<f2"): "F16", np.dtype("<i4"): "I32"}
NUMPY = {name: dtype for dtype, name in DTYPES.items()}


def write(path, tensors, metadata=None):
    """Writes [(name, array)] in the given order. Same input, same bytes."""
    header, arrays, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name, array in tensors:
        array = np.ascontiguousarray(array)
        dtype = array.dtype.newbyteorder("<") if array.dtype.byteorder == ">" else array.dtype
        array = array.astype(dtype, copy=False)
        if array.dtype not in DTYPES:
            raise ValueError(f"{name}: dtype {array.dtype} not supported")
        size = array.nbytes
        header[name] = {"dtype": DTYPES[array.dtype], "shape": list(array.shape),
                        "data_offsets": [offset, offset + size]}
        arrays.append(array)
        offset += size
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=True).encode()
    text += b" " * (-(8 + len(text)) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for array in arrays:
            f.write(array.tobytes())


def read(path):
    """{name: array} memory-mapped read-only, and the metadata."""
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
    metadata = header.pop("__metadata__", {})
    mapped = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + length)
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        tensors[name] = mapped[begin:end].view(NUMPY[info["dtype"]]).reshape(info["shape"])
    return tensors, metadata
