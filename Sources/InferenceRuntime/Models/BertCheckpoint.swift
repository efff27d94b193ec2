import Foundation
import ModelFormats

/// Reads BERT tensors by Hugging Face name (`encoder.layer.0.attention.self.query.weight`)
/// from a safetensors checkpoint (with or without the `bert.` prefix) or a GGUF file, checking
/// shapes. Safetensors weights are floats (packed or quantized on load); GGUF weights keep their
/// storage type (F32, F16, Q8_0, Q4_0, …) and stay memory-mapped.
struct BertCheckpoint {
    enum Source {
        case safetensors(SafetensorsFile)
        case gguf(GGUFFile)
    }

    let source: Source

    var path: String {
        switch source {
        case .safetensors(let file): file.file.path
        case .gguf(let file): file.file.path
        }
    }

    /// The stored name and shape (rows first) of tensor `name`, if present.
    private func locate(_ name: String) -> (name: String, shape: [Int])? {
        switch source {
        case .safetensors(let file):
            guard let info = file.tensorInfo(named: name) ?? file.tensorInfo(named: "bert." + name) else { return nil }
            return (info.name, info.shape)
        case .gguf(let file):
            guard let info = file.tensorInfo(named: name) else { return nil }
            return (info.name, info.shape)
        }
    }

    func contains(_ name: String) -> Bool { locate(name) != nil }

    private func checked(_ name: String, _ shape: [Int]) throws -> String {
        guard let found = locate(name) else {
            throw InferenceError(.missingTensor, "\(path): no tensor \(name)")
        }
        guard found.shape == shape else {
            throw InferenceError(.shapeMismatch, "\(found.name) has shape \(found.shape); the config needs \(shape)")
        }
        return found.name
    }

    /// A (rows, columns) matrix as stored, memory-mapped.
    private func stored(_ name: String, rows: Int, columns: Int) throws -> QuantizedMatrix {
        switch source {
        case .safetensors(let file):
            let stored = try checked(name, [rows, columns])
            let info = file.tensorInfo(named: stored)!
            let type: GGMLType
            switch info.dtype {
            case .f32: type = .f32
            case .f16: type = .f16
            case .bf16: type = .bf16
            default: throw InferenceError(.unsupportedTensorType, "\(stored) has dtype \(info.dtype.rawValue)")
            }
            return try QuantizedMatrix(
                type: type, rows: rows, columns: columns, bytes: try file.tensorBytes(named: stored), name: stored)
        case .gguf(let file):
            let shape = rows == 1 ? [columns] : [rows, columns]
            let stored = try checked(name, shape)
            let info = file.tensorInfo(named: stored)!
            return try QuantizedMatrix(
                type: info.type, rows: rows, columns: columns, bytes: try file.tensorBytes(named: stored), name: stored)
        }
    }

    /// The tensor converted to floats.
    func floats(_ name: String, _ shape: [Int]) throws -> [Float] {
        switch source {
        case .safetensors(let file):
            let stored = try checked(name, shape)
            do {
                return try file.floats(named: stored)
            } catch let error as ModelFormatError {
                throw InferenceError(.unsupportedTensorType, "\(stored): \(error.message)")
            }
        case .gguf:
            let rows = shape.count == 2 ? shape[0] : 1
            let columns = shape.last ?? 0
            return try stored(name, rows: rows, columns: columns).dequantized().scalars
        }
    }

    func tensor(_ name: String, _ shape: [Int]) throws -> Tensor {
        Tensor(uncheckedShape: shape, scalars: try floats(name, shape))
    }

    /// A memory-mapped (rows, columns) table read row by row (word embeddings).
    func table(_ name: String, _ shape: [Int]) throws -> QuantizedMatrix {
        try stored(name, rows: shape[0], columns: shape[1])
    }

    /// A linear layer from weights `names` stacked by rows (each (outputs, inputs)) and their
    /// biases. Float weights are packed into `slot` or quantized to `quantization`; GGUF weights
    /// stored in blocks are used as they are.
    func linear(
        _ names: [String], outputs: Int, inputs: Int, quantization: GGMLType?, slot: PackedWeightArena.Slot?
    ) throws -> LinearLayer {
        let bias = try names.flatMap { try floats("\($0).bias", [outputs]) }
        if case .gguf = source {
            let parts = try names.map { try stored("\($0).weight", rows: outputs, columns: inputs) }
            let type = parts[0].type
            if type != .f32 && type != .f16 && type != .bf16 {
                guard parts.allSatisfy({ $0.type == type }) else {
                    throw InferenceError(.unsupportedTensorType, "\(names) are stored in different types")
                }
                let matrix: QuantizedMatrix
                if parts.count == 1 {
                    matrix = parts[0]
                } else {
                    var bytes: [UInt8] = []
                    for part in parts { bytes += Array(part.bytes.unsafeBytes) }
                    let file = MappedFile(copying: bytes, name: names.joined(separator: "+"))
                    matrix = try QuantizedMatrix(
                        type: type, rows: outputs * parts.count, columns: inputs,
                        bytes: TensorBytes(file: file, range: 0..<bytes.count), name: names.joined(separator: "+"))
                }
                return try LinearLayer(weight: .quantized(matrix), bias: bias)
            }
        }
        let weights = try names.flatMap { try floats("\($0).weight", [outputs, inputs]) }
        let stacked = try Tensor(shape: [outputs * names.count, inputs], scalars: weights)
        return try LinearLayer(weight: stacked, bias: bias, quantization: quantization, slot: slot)
    }
}
