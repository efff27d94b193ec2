import Foundation

/// Deterministic event ids: a name-based UUID (version 5) of the inbound message id and the
/// kind of output. A redelivered message therefore re-publishes exactly the same event ids,
/// and consumers deduplicate by them.
public enum EventID {
    /// The namespace of this product's event ids (a fixed random UUID).
    public static let namespace = UUID(uuidString: "3C1F7A52-8B0E-4C8D-9E61-5B0D2A7F4E19")!

    /// The id of the `kind` output of inbound message `messageID` (`reply`, `escalation`, …).
    public static func derive(messageID: UUID, kind: String) -> UUID {
        nameBased("\(messageID.uuidString.lowercased())/\(kind)")
    }

    /// The id of the dead letter for the record at `topic`/`partition`/`offset` with `payload`.
    /// The payload's digest is part of the name, so a record at a reused offset (a topic created
    /// again) gets a dead letter of its own, while a redelivery gets the same id.
    public static func deadLetter(topic: String, partition: Int32, offset: Int64, payload: [UInt8]) -> UUID {
        let digest = SHA1.hash(payload).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        return nameBased("deadletter/\(topic)/\(partition)/\(offset)/\(digest)")
    }

    /// RFC 9562 §5.5: SHA-1 of namespace bytes + name, version 5, variant 10.
    public static func nameBased(_ name: String, namespace: UUID = EventID.namespace) -> UUID {
        let ns = namespace.uuid
        let nsBytes: [UInt8] = [
            ns.0, ns.1, ns.2, ns.3, ns.4, ns.5, ns.6, ns.7, ns.8, ns.9, ns.10, ns.11, ns.12, ns.13, ns.14, ns.15,
        ]
        var digest = SHA1.hash(nsBytes + Array(name.utf8))
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
                digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]
            ))
    }
}
