extension UnsafeRawBufferPointer {
    /// Reads a big-endian integer at `offset`; the caller has checked the bounds.
    func readBigEndian<T: FixedWidthInteger>(_ type: T.Type, at offset: Int = 0) -> T {
        T(bigEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
