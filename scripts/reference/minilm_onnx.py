"""Builds all-MiniLM-L6-v2 as an ONNX graph of standard operators (Gather, MatMul, Add,
LayerNormalization, Softmax, Erf, ...) straight from model.safetensors, for onnxruntime.

The graph follows Hugging Face BertModel; its output is checked against transformers'
FlaxBertModel by `check()` before peer_bench.py times it. Outputs: last_hidden_state
(batch, seq, 384) and embedding (batch, 384; masked mean pooling, L2-normalized)."""
import json
import math
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from safetensors.numpy import load_file


def build(model_dir):
    config = json.load(open(os.path.join(model_dir, "config.json")))
    weights = load_file(os.path.join(model_dir, "model.safetensors"))
    d, heads, eps = config["hidden_size"], config["num_attention_heads"], config["layer_norm_eps"]
    head = d // heads
    nodes, inits = [], []
    counter = [0]

    def name(prefix):
        counter[0] += 1
        return f"{prefix}_{counter[0]}"

    def init(key, array):
        inits.append(numpy_helper.from_array(np.ascontiguousarray(array), key))
        return key

    def node(op, inputs, **attrs):
        out = name(op)
        nodes.append(helper.make_node(op, inputs, [out], **attrs))
        return out

    def const(value, dtype=np.float32):
        return init(name("const"), np.array(value, dtype=dtype))

    def linear(x, prefix):
        w = init(prefix + ".weight_t", weights[prefix + ".weight"].T)  # (in, out)
        b = init(prefix + ".bias", weights[prefix + ".bias"])
        return node("Add", [node("MatMul", [x, w]), b])

    def layer_norm(x, prefix):
        return node("LayerNormalization", [x, init(prefix + ".weight", weights[prefix + ".weight"]),
                                           init(prefix + ".bias", weights[prefix + ".bias"])], epsilon=eps, axis=-1)

    # Position ids as BertModel exports them: a slice of 0..<max_positions up to the sequence length.
    seq = node("Slice", [node("Shape", ["input_ids"]), const([1], np.int64), const([2], np.int64)])
    positions = node("Slice", [const(np.arange(config["max_position_embeddings"]), np.int64), const([0], np.int64), seq,
                               const([0], np.int64)])
    embedded = node("Add", [node("Add", [
        node("Gather", [init("word", weights["embeddings.word_embeddings.weight"]), "input_ids"]),
        node("Gather", [init("position", weights["embeddings.position_embeddings.weight"]), positions])]),
        node("Gather", [init("type", weights["embeddings.token_type_embeddings.weight"]), "token_type_ids"])])
    h = layer_norm(embedded, "embeddings.LayerNorm")
    mask = node("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    bias = node("Unsqueeze", [node("Mul", [node("Sub", [const(1.0), mask]), const(-1e9)]), const([1, 2], np.int64)])
    split_shape = const([0, 0, heads, head], np.int64)
    merge_shape = const([0, 0, d], np.int64)
    for layer in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{layer}."
        q = node("Transpose", [node("Reshape", [linear(h, p + "attention.self.query"), split_shape])], perm=[0, 2, 1, 3])
        k = node("Transpose", [node("Reshape", [linear(h, p + "attention.self.key"), split_shape])], perm=[0, 2, 3, 1])
        v = node("Transpose", [node("Reshape", [linear(h, p + "attention.self.value"), split_shape])], perm=[0, 2, 1, 3])
        scores = node("Add", [node("Mul", [node("MatMul", [q, k]), const(1 / math.sqrt(head))]), bias])
        context = node("MatMul", [node("Softmax", [scores], axis=-1), v])
        context = node("Reshape", [node("Transpose", [context], perm=[0, 2, 1, 3]), merge_shape])
        h = layer_norm(node("Add", [linear(context, p + "attention.output.dense"), h]), p + "attention.output.LayerNorm")
        up = linear(h, p + "intermediate.dense")
        gelu = node("Mul", [node("Mul", [up, const(0.5)]),
                            node("Add", [const(1.0), node("Erf", [node("Mul", [up, const(1 / math.sqrt(2))])])])])
        h = layer_norm(node("Add", [linear(gelu, p + "output.dense"), h]), p + "output.LayerNorm")
    nodes.append(helper.make_node("Identity", [h], ["last_hidden_state"]))
    mask3 = node("Unsqueeze", [mask, const([2], np.int64)])
    summed = node("ReduceSum", [node("Mul", [h, mask3]), const([1], np.int64)], keepdims=0)
    count = node("ReduceSum", [mask, const([1], np.int64)], keepdims=1)
    mean = node("Div", [summed, count])
    norm = node("Max", [node("Sqrt", [node("ReduceSum", [node("Mul", [mean, mean]), const([1], np.int64)], keepdims=1)]),
                        const(1e-12)])
    nodes.append(helper.make_node("Div", [mean, norm], ["embedding"]))
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "seq"])
              for n in ["input_ids", "attention_mask", "token_type_ids"]]
    outputs = [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "seq", d]),
               helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", d])]
    graph = helper.make_graph(nodes, "all-MiniLM-L6-v2", inputs, outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    onnx.checker.check_model(model)
    return model


def session(model, threads):
    import onnxruntime as ort
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])


def check(model_dir, model, goldens_path):
    """Max absolute difference of the ONNX embeddings from the Flax goldens."""
    goldens = json.load(open(goldens_path))
    sess = session(model, 1)
    worst = 0.0
    for case in goldens["cases"]:
        ids = np.array([case["ids"]], dtype=np.int64)
        out = sess.run(["embedding"], {"input_ids": ids, "attention_mask": np.ones_like(ids),
                                       "token_type_ids": np.array([case["type_ids"]], dtype=np.int64)})[0][0]
        worst = max(worst, float(np.abs(out - np.array(case["embedding"])).max()))
    return worst
