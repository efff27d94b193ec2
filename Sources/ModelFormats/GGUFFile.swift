/// A GGUF model file (versions 2 and 3): metadata, tensor infos and zero-copy tensor data.
///
/// Layout (ggml `docs/gguf.md`): magic `GGUF`, u32 version, u64 tensor count, u64 metadata
/// count, the metadata key/value pairs, the tensor infos (name, u32 dimension count, u64
/// dimensions, u32 ggml type, u64 offset), padding to `general.alignment` (default 32), then
/// the data section; each tensor offset is relative to the data section and aligned.
public struct GGUFFile: Sendable {
    /// The file's bytes.
    public let file: MappedFile
    /// The format version (2 or 3).
    public let version: UInt32
    /// The metadata, by key.
    public let metadata: [String: GGUFValue]
    /// The metadata keys in file order.
    public let metadataKeys: [String]
    /// The tensors in file order.
    public let tensors: [GGUFTensorInfo]
    /// The alignment of the data section and of every tensor in it.
    public let alignment: Int
    /// The absolute offset of the data section.
    public let dataOffset: Int

    private let tensorIndex: [String: Int]

    /// The default alignment when `general.alignment` is absent.
    public static let defaultAlignment = 32
    /// The magic number, the bytes `GGUF` read as a little-endian u32.
    public static let magic: UInt32 = 0x4655_4747
    /// The deepest nesting of arrays this reader accepts.
    public static let maximumArrayDepth = 16
    /// The most dimensions a tensor may have (`GGML_MAX_DIMS`).
    public static let maximumDimensions = 4

    /// Maps and parses the GGUF file at `path`.
    /// - Throws: ``ModelFormatError``.
    public init(path: String) throws {
        try self.init(file: MappedFile(path: path))
    }

    /// Parses a GGUF file that is already mapped (or held in memory).
    /// - Throws: ``ModelFormatError``.
    public init(file: MappedFile) throws {
        self.file = file
        let name = file.path
        var reader = ByteReader(bytes: file.unsafeBytes, file: name)
        defer { withExtendedLifetime(file) {} }

        let magic = try reader.read(UInt32.self, "magic")
        guard magic == Self.magic else {
            throw ModelFormatError(
                .wrongMagic, file: name, offset: 0,
                message: "expected the magic bytes 'GGUF' but found 0x\(String(magic.byteSwapped, radix: 16)); not a GGUF file")
        }
        let versionOffset = reader.offset
        version = try reader.read(UInt32.self, "version")
        guard version == 2 || version == 3 else {
            throw ModelFormatError(
                .unsupportedVersion, file: name, offset: versionOffset,
                message: "GGUF version \(version) is not supported; convert the model to GGUF version 2 or 3")
        }
        let tensorCount = try reader.readCount("tensor count")
        let metadataCount = try reader.readCount("metadata count")
        // Each key/value takes at least 8 (key length) + 4 (type) + 1 bytes; each tensor info
        // at least 8 + 4 + 4 + 8 bytes. Larger counts cannot fit in the file.
        guard metadataCount <= reader.remaining / 13 else {
            throw reader.truncated("metadata count \(metadataCount)", needing: metadataCount.multipliedReportingOverflow(by: 13).partialValue)
        }
        guard tensorCount <= reader.remaining / 24 else {
            throw reader.truncated("tensor count \(tensorCount)", needing: tensorCount.multipliedReportingOverflow(by: 24).partialValue)
        }

        var metadata: [String: GGUFValue] = [:]
        var keys: [String] = []
        keys.reserveCapacity(metadataCount)
        for index in 0..<metadataCount {
            let keyOffset = reader.offset
            let key = try reader.readString("metadata key #\(index)")
            let typeOffset = reader.offset
            let rawType = try reader.read(UInt32.self, key)
            guard let type = GGUFValueType(rawValue: rawType) else {
                throw ModelFormatError(
                    .malformedHeader, file: name, subject: key, offset: typeOffset,
                    message: "unknown metadata value type \(rawType)")
            }
            let value = try Self.readValue(of: type, key: key, depth: 0, reader: &reader)
            guard metadata.updateValue(value, forKey: key) == nil else {
                throw ModelFormatError(
                    .duplicateName, file: name, subject: key, offset: keyOffset, message: "metadata key appears twice")
            }
            keys.append(key)
        }

        var alignment = Self.defaultAlignment
        if let value = metadata["general.alignment"] {
            guard let requested = value.intValue, requested > 0, requested & (requested - 1) == 0,
                requested <= 1 << 20
            else {
                throw ModelFormatError(
                    .invalidValue, file: name, subject: "general.alignment",
                    message: "alignment must be a power of two up to 1 MiB; found \(value)")
            }
            alignment = requested
        }

        struct PendingTensor {
            var name: String
            var dimensions: [Int]
            var type: GGMLType
            var offset: Int
            var byteCount: Int
            var infoOffset: Int
        }
        var pending: [PendingTensor] = []
        pending.reserveCapacity(tensorCount)
        var tensorIndex: [String: Int] = [:]
        for index in 0..<tensorCount {
            let infoOffset = reader.offset
            let tensorName = try reader.readString("tensor name #\(index)")
            let dimensionCountOffset = reader.offset
            let dimensionCount = try reader.read(UInt32.self, tensorName)
            guard dimensionCount >= 1, dimensionCount <= Self.maximumDimensions else {
                throw ModelFormatError(
                    .malformedHeader, file: name, subject: tensorName, offset: dimensionCountOffset,
                    message: "tensor has \(dimensionCount) dimensions; GGUF allows 1 to \(Self.maximumDimensions)")
            }
            var dimensions: [Int] = []
            var elementCount = 1
            for _ in 0..<dimensionCount {
                let dimensionOffset = reader.offset
                let dimension = try reader.readCount(tensorName)
                let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
                guard !overflow, product <= Int(Int32.max) * 1024 else {
                    throw ModelFormatError(
                        .shapeMismatch, file: name, subject: tensorName, offset: dimensionOffset,
                        message: "dimensions \(dimensions + [dimension]) describe too many elements")
                }
                elementCount = product
                dimensions.append(dimension)
            }
            let typeOffset = reader.offset
            let rawType = try reader.read(UInt32.self, tensorName)
            guard let type = GGMLType(rawValue: rawType) else {
                throw ModelFormatError(
                    .unknownGGMLType, file: name, subject: tensorName, offset: typeOffset,
                    message: "ggml type id \(rawType) is not known to this reader")
            }
            let offsetOffset = reader.offset
            let offset = try reader.readCount(tensorName)
            guard offset % alignment == 0 else {
                throw ModelFormatError(
                    .misalignedTensor, file: name, subject: tensorName, offset: offsetOffset,
                    message: "data offset \(offset) is not a multiple of the alignment \(alignment)")
            }
            guard dimensions[0] % type.blockSize == 0 else {
                throw ModelFormatError(
                    .shapeMismatch, file: name, subject: tensorName, offset: dimensionCountOffset,
                    message: "innermost dimension \(dimensions[0]) is not a multiple of the \(type) block size \(type.blockSize)")
            }
            guard let rowBytes = type.rowByteCount(elementCount: dimensions[0]) else {
                throw ModelFormatError(
                    .shapeMismatch, file: name, subject: tensorName, offset: dimensionCountOffset,
                    message: "row of \(dimensions[0]) \(type) values has no valid byte size")
            }
            let rows = dimensions.dropFirst().reduce(1, *)
            let (byteCount, overflow) = rowBytes.multipliedReportingOverflow(by: rows)
            guard !overflow else {
                throw ModelFormatError(
                    .shapeMismatch, file: name, subject: tensorName, offset: dimensionCountOffset,
                    message: "tensor size overflows")
            }
            guard tensorIndex.updateValue(pending.count, forKey: tensorName) == nil else {
                throw ModelFormatError(
                    .duplicateName, file: name, subject: tensorName, offset: infoOffset, message: "tensor name appears twice")
            }
            pending.append(
                PendingTensor(
                    name: tensorName, dimensions: dimensions, type: type, offset: offset, byteCount: byteCount,
                    infoOffset: offsetOffset))
        }

        let headerEnd = reader.offset
        let padding = (alignment - headerEnd % alignment) % alignment
        let dataOffset = headerEnd + padding
        if !pending.isEmpty, dataOffset > file.count {
            throw ModelFormatError(
                .truncated, file: name, subject: "data section", offset: headerEnd,
                message: "the data section would start at \(dataOffset) but the file has \(file.count) bytes")
        }
        let dataSize = max(file.count - dataOffset, 0)
        var tensors: [GGUFTensorInfo] = []
        tensors.reserveCapacity(pending.count)
        for tensor in pending {
            let (end, overflow) = tensor.offset.addingReportingOverflow(tensor.byteCount)
            guard !overflow, end <= dataSize else {
                throw ModelFormatError(
                    .tensorOutOfRange, file: name, subject: tensor.name, offset: tensor.infoOffset,
                    message: "data [\(tensor.offset), \(tensor.offset) + \(tensor.byteCount)) lies beyond the data section of \(dataSize) bytes; the file is truncated or corrupt")
            }
            tensors.append(
                GGUFTensorInfo(
                    name: tensor.name, dimensions: tensor.dimensions, type: tensor.type, offset: tensor.offset,
                    byteCount: tensor.byteCount,
                    fileRange: (dataOffset + tensor.offset)..<(dataOffset + end)))
        }

        self.metadata = metadata
        self.metadataKeys = keys
        self.alignment = alignment
        self.dataOffset = dataOffset
        self.tensors = tensors
        self.tensorIndex = tensorIndex
    }

    private static func readValue(
        of type: GGUFValueType, key: String, depth: Int, reader: inout ByteReader
    ) throws -> GGUFValue {
        switch type {
        case .uint8: return .uint8(try reader.read(UInt8.self, key))
        case .int8: return .int8(try reader.read(Int8.self, key))
        case .uint16: return .uint16(try reader.read(UInt16.self, key))
        case .int16: return .int16(try reader.read(Int16.self, key))
        case .uint32: return .uint32(try reader.read(UInt32.self, key))
        case .int32: return .int32(try reader.read(Int32.self, key))
        case .float32: return .float32(try reader.readFloat(key))
        case .uint64: return .uint64(try reader.read(UInt64.self, key))
        case .int64: return .int64(try reader.read(Int64.self, key))
        case .float64: return .float64(try reader.readDouble(key))
        case .bool:
            let offset = reader.offset
            let byte = try reader.read(UInt8.self, key)
            guard byte <= 1 else {
                throw ModelFormatError(
                    .malformedHeader, file: reader.file, subject: key, offset: offset,
                    message: "boolean byte is \(byte), expected 0 or 1")
            }
            return .bool(byte == 1)
        case .string: return .string(try reader.readString(key))
        case .array:
            let start = reader.offset
            guard depth < maximumArrayDepth else {
                throw ModelFormatError(
                    .malformedHeader, file: reader.file, subject: key, offset: start,
                    message: "arrays nest deeper than \(maximumArrayDepth) levels")
            }
            let rawType = try reader.read(UInt32.self, key)
            guard let elementType = GGUFValueType(rawValue: rawType) else {
                throw ModelFormatError(
                    .malformedHeader, file: reader.file, subject: key, offset: start,
                    message: "unknown array element type \(rawType)")
            }
            let count = try reader.readCount(key)
            guard count <= reader.remaining / elementType.minimumEncodedSize else {
                throw ModelFormatError(
                    .truncated, file: reader.file, subject: key, offset: start,
                    message: "array of \(count) \(elementType) values cannot fit in the \(reader.remaining) bytes left")
            }
            var values: [GGUFValue] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                values.append(try readValue(of: elementType, key: key, depth: depth + 1, reader: &reader))
            }
            return .array(elementType: elementType, values: values)
        }
    }

    // MARK: Tensors

    /// The tensor named `name`, if present.
    public func tensorInfo(named name: String) -> GGUFTensorInfo? {
        tensorIndex[name].map { tensors[$0] }
    }

    /// A zero-copy view of the data of the tensor named `name`.
    /// - Throws: ``ModelFormatError`` with code `missingTensor`.
    public func tensorBytes(named name: String) throws -> TensorBytes {
        guard let info = tensorInfo(named: name) else {
            throw ModelFormatError(.missingTensor, file: file.path, subject: name, message: "no tensor of this name in the file")
        }
        return TensorBytes(validated: info.fileRange, in: file)
    }

    // MARK: Typed metadata

    /// The metadata value for `key`, if present.
    public func value(_ key: String) -> GGUFValue? { metadata[key] }

    /// The string stored under `key`.
    /// - Throws: ``ModelFormatError`` (`missingKey`, `wrongKeyType`).
    public func string(_ key: String) throws -> String {
        let value = try required(key)
        guard let string = value.stringValue else { throw wrongType(key, value, expected: "string") }
        return string
    }

    /// The integer (of any width) stored under `key`.
    /// - Throws: ``ModelFormatError`` (`missingKey`, `wrongKeyType`).
    public func int(_ key: String) throws -> Int {
        let value = try required(key)
        guard let int = value.intValue else { throw wrongType(key, value, expected: "integer") }
        return int
    }

    /// The number (float or integer) stored under `key`.
    /// - Throws: ``ModelFormatError`` (`missingKey`, `wrongKeyType`).
    public func double(_ key: String) throws -> Double {
        let value = try required(key)
        guard let double = value.doubleValue else { throw wrongType(key, value, expected: "number") }
        return double
    }

    /// The boolean stored under `key`.
    /// - Throws: ``ModelFormatError`` (`missingKey`, `wrongKeyType`).
    public func bool(_ key: String) throws -> Bool {
        let value = try required(key)
        guard let bool = value.boolValue else { throw wrongType(key, value, expected: "bool") }
        return bool
    }

    /// The array of strings stored under `key`.
    /// - Throws: ``ModelFormatError`` (`missingKey`, `wrongKeyType`).
    public func stringArray(_ key: String) throws -> [String] {
        let value = try required(key)
        guard case .array(.string, let values) = value else {
            throw wrongType(key, value, expected: "array of string")
        }
        return values.map { $0.stringValue ?? "" }
    }

    /// The array of integers stored under `key`.
    /// - Throws: ``ModelFormatError`` (`missingKey`, `wrongKeyType`).
    public func intArray(_ key: String) throws -> [Int] {
        let value = try required(key)
        guard let values = value.arrayValue else { throw wrongType(key, value, expected: "array of integers") }
        var result: [Int] = []
        result.reserveCapacity(values.count)
        for element in values {
            guard let int = element.intValue else { throw wrongType(key, value, expected: "array of integers") }
            result.append(int)
        }
        return result
    }

    /// The array of numbers stored under `key`.
    /// - Throws: ``ModelFormatError`` (`missingKey`, `wrongKeyType`).
    public func doubleArray(_ key: String) throws -> [Double] {
        let value = try required(key)
        guard let values = value.arrayValue else { throw wrongType(key, value, expected: "array of numbers") }
        var result: [Double] = []
        result.reserveCapacity(values.count)
        for element in values {
            guard let double = element.doubleValue else { throw wrongType(key, value, expected: "array of numbers") }
            result.append(double)
        }
        return result
    }

    private func required(_ key: String) throws -> GGUFValue {
        guard let value = metadata[key] else {
            throw ModelFormatError(.missingKey, file: file.path, subject: key, message: "metadata key is missing")
        }
        return value
    }

    private func wrongType(_ key: String, _ value: GGUFValue, expected: String) -> ModelFormatError {
        ModelFormatError(
            .wrongKeyType, file: file.path, subject: key,
            message: "expected \(expected) but the file stores \(value.typeDescription)")
    }
}
