/// A phrase in a message that calls for a human, with where it was found.
public struct EscalationCue: Sendable, Hashable, Codable {
    /// What the phrase signals.
    public var kind: EscalationCueKind
    /// The phrase as written.
    public var text: String
    /// Offset of the first Unicode scalar of the phrase in the message.
    public var start: Int
    /// Offset one past the last Unicode scalar of the phrase.
    public var end: Int

    public init(kind: EscalationCueKind, text: String, start: Int, end: Int) {
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
    }
}
