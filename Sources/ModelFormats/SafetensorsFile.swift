import Foundation

/// A safetensors file: a u64 little-endian header length, a JSON header describing each
/// tensor (`dtype`, `shape`, `data_offsets`) and optional `__metadata__` strings, then the data.
public struct SafetensorsFile: Sendable {
    /// The file's bytes.
    public let file: MappedFile
    /// The `__metadata__` strings (empty when absent).
    public let metadata: [String: String]
    /// The tensors by name.
    public let tensors: [String: SafetensorsTensorInfo]
    /// The absolute offset of the data section (8 + header length).
    public let dataOffset: Int

    /// The largest header this reader accepts (the format's own limit is 100 MB).
    public static let maximumHeaderLength = 100_000_000

    /// The tensor names, sorted.
    public var tensorNames: [String] { tensors.keys.sorted() }

    /// Maps and parses the safetensors file at `path`.
    /// - Throws: ``ModelFormatError``.
    public init(path: String) throws {
        try self.init(file: MappedFile(path: path))
    }

    /// Parses a safetensors file that is already mapped (or held in memory).
    /// - Throws: ``ModelFormatError``.
    public init(file: MappedFile) throws {
        self.file = file
        let name = file.path
        var reader = ByteReader(bytes: file.unsafeBytes, file: name)
        defer { withExtendedLifetime(file) {} }
        let rawLength = try reader.read(UInt64.self, "header length")
        guard rawLength <= UInt64(Self.maximumHeaderLength) else {
            throw ModelFormatError(
                .headerOutOfRange, file: name, offset: 0,
                message: "header length \(rawLength) exceeds the limit of \(Self.maximumHeaderLength) bytes; not a safetensors file or corrupt")
        }
        let headerLength = Int(rawLength)
        guard headerLength <= reader.remaining else {
            throw ModelFormatError(
                .headerOutOfRange, file: name, offset: 0,
                message: "header length \(headerLength) runs past the end of the file (\(reader.remaining) bytes after the length); the file is truncated or not safetensors")
        }
        let headerBytes = Data(UnsafeRawBufferPointer(rebasing: file.unsafeBytes[8..<(8 + headerLength)]))
        let dataOffset = 8 + headerLength
        let dataSize = file.count - dataOffset

        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: headerBytes, options: [])
        } catch {
            throw ModelFormatError(
                .malformedHeader, file: name, offset: 8, message: "header is not valid JSON (\(error.localizedDescription))")
        }
        guard let entries = json as? [String: Any] else {
            throw ModelFormatError(.malformedHeader, file: name, offset: 8, message: "header is not a JSON object")
        }

        var metadata: [String: String] = [:]
        var tensors: [String: SafetensorsTensorInfo] = [:]
        for (key, entry) in entries {
            if key == "__metadata__" {
                guard let strings = entry as? [String: Any] else {
                    throw ModelFormatError(
                        .malformedHeader, file: name, subject: key, offset: 8, message: "__metadata__ is not an object")
                }
                for (metadataKey, value) in strings {
                    guard let string = value as? String else {
                        throw ModelFormatError(
                            .malformedHeader, file: name, subject: "__metadata__.\(metadataKey)", offset: 8,
                            message: "metadata values must be strings")
                    }
                    metadata[metadataKey] = string
                }
                continue
            }
            tensors[key] = try Self.tensorInfo(
                name: key, entry: entry, file: name, dataOffset: dataOffset, dataSize: dataSize)
        }
        self.metadata = metadata
        self.tensors = tensors
        self.dataOffset = dataOffset
    }

    private static func tensorInfo(
        name: String, entry: Any, file: String, dataOffset: Int, dataSize: Int
    ) throws -> SafetensorsTensorInfo {
        func malformed(_ message: String) -> ModelFormatError {
            ModelFormatError(.malformedHeader, file: file, subject: name, offset: 8, message: message)
        }
        guard let fields = entry as? [String: Any] else { throw malformed("tensor entry is not an object") }
        guard let dtypeName = fields["dtype"] as? String else { throw malformed("tensor has no string dtype") }
        guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
            throw ModelFormatError(
                .unknownDType, file: file, subject: name, offset: 8, message: "dtype '\(dtypeName)' is not known to this reader")
        }
        guard let shapeValues = fields["shape"] as? [Any] else { throw malformed("tensor has no shape array") }
        var shape: [Int] = []
        var elementCount = 1
        for value in shapeValues {
            guard let dimension = exactInt(value), dimension >= 0 else {
                throw malformed("shape \(shapeValues) holds something other than non-negative integers")
            }
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw ModelFormatError(
                    .shapeMismatch, file: file, subject: name, offset: 8, message: "shape \(shapeValues) overflows")
            }
            shape.append(dimension)
            elementCount = product
        }
        guard let offsets = fields["data_offsets"] as? [Any], offsets.count == 2,
            let begin = exactInt(offsets[0]), let end = exactInt(offsets[1])
        else { throw malformed("data_offsets is not a pair of integers") }
        guard begin >= 0, begin <= end, end <= dataSize else {
            throw ModelFormatError(
                .tensorOutOfRange, file: file, subject: name, offset: dataOffset,
                message: "data_offsets [\(begin), \(end)] lie outside the data section of \(dataSize) bytes; the file is truncated or corrupt")
        }
        let (expected, overflow) = elementCount.multipliedReportingOverflow(by: dtype.byteSize)
        guard !overflow, expected == end - begin else {
            throw ModelFormatError(
                .shapeMismatch, file: file, subject: name, offset: dataOffset + begin,
                message: "shape \(shape) of \(dtype.rawValue) needs \(expected) bytes but data_offsets give \(end - begin)")
        }
        return SafetensorsTensorInfo(
            name: name, dtype: dtype, shape: shape, dataRange: begin..<end,
            fileRange: (dataOffset + begin)..<(dataOffset + end))
    }

    private static func exactInt(_ value: Any) -> Int? {
        if let number = value as? NSNumber {
            // Reject booleans and fractions that JSONSerialization also hands back as NSNumber.
            if String(cString: number.objCType) == "c" { return nil }
            let double = number.doubleValue
            guard double.rounded() == double, abs(double) < 9.0e15 else { return nil }
            return number.intValue
        }
        return nil
    }

    /// The tensor named `name`, if present.
    public func tensorInfo(named name: String) -> SafetensorsTensorInfo? { tensors[name] }

    /// A zero-copy view of the data of the tensor named `name`.
    /// - Throws: ``ModelFormatError`` with code `missingTensor`.
    public func tensorBytes(named name: String) throws -> TensorBytes {
        TensorBytes(validated: try required(name).fileRange, in: file)
    }

    /// The tensor named `name` converted to `Float` (from F32, F16 or BF16), copied.
    /// - Throws: ``ModelFormatError`` (`missingTensor`, `unknownDType` for other dtypes).
    public func floats(named name: String) throws -> [Float] {
        let info = try required(name)
        let bytes = TensorBytes(validated: info.fileRange, in: file)
        let count = info.elementCount
        switch info.dtype {
        case .f32:
            return bytes.withUnsafeBytes { raw in
                (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
            }
        case .f16:
            return bytes.withUnsafeBytes { raw in
                (0..<count).map { HalfPrecision.float(fromBits: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self))) }
            }
        case .bf16:
            return bytes.withUnsafeBytes { raw in
                (0..<count).map { Float(bitPattern: UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self))) << 16) }
            }
        default:
            throw ModelFormatError(
                .unknownDType, file: file.path, subject: name,
                message: "dtype \(info.dtype.rawValue) cannot be converted to Float; expected F32, F16 or BF16")
        }
    }

    private func required(_ name: String) throws -> SafetensorsTensorInfo {
        guard let info = tensors[name] else {
            throw ModelFormatError(.missingTensor, file: file.path, subject: name, message: "no tensor of this name in the file")
        }
        return info
    }
}
