/// GPT-2's reversible map from the 256 byte values to printable Unicode scalars, so that byte
/// sequences can be stored as text tokens (`Ġ` for a space, `Ċ` for a newline).
enum ByteLevelAlphabet {
    /// Scalar for each byte value.
    static let scalarForByte: [Unicode.Scalar] = {
        var printable: [UInt32] = Array(33...126) + Array(161...172) + Array(174...255)
        var scalars = [Unicode.Scalar](repeating: " ", count: 256)
        for value in printable { scalars[Int(value)] = Unicode.Scalar(value)! }
        var next: UInt32 = 256
        for byte in 0..<256 where !printable.contains(UInt32(byte)) {
            scalars[byte] = Unicode.Scalar(next)!
            printable.append(UInt32(byte))
            next += 1
        }
        return scalars
    }()

    /// Byte value for each scalar of the alphabet.
    static let byteForScalar: [Unicode.Scalar: UInt8] = {
        var table: [Unicode.Scalar: UInt8] = [:]
        for (byte, scalar) in scalarForByte.enumerated() { table[scalar] = UInt8(byte) }
        return table
    }()

    /// The token text for a run of bytes.
    static func text(for bytes: some Sequence<UInt8>) -> String {
        var view = String.UnicodeScalarView()
        for byte in bytes { view.append(scalarForByte[Int(byte)]) }
        return String(view)
    }

    /// The bytes a token text stands for; scalars outside the alphabet are kept as their UTF-8.
    static func bytes(for token: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(token.unicodeScalars.count)
        for scalar in token.unicodeScalars {
            if let byte = byteForScalar[scalar] {
                bytes.append(byte)
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return bytes
    }
}
