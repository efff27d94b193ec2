/// A reason code with its sentences from the policy's reason catalogue.
public struct DecisionReason: Sendable, Hashable, Codable {
    /// The code.
    public var code: ReasonCode
    /// The Chinese sentence.
    public var zh: String
    /// The English sentence.
    public var en: String

    /// A worded reason.
    public init(code: ReasonCode, zh: String, en: String) {
        self.code = code
        self.zh = zh
        self.en = en
    }
}
