/// The sentences for one reason code in the policy's reason catalogue.
public struct ReasonWording: Sendable, Hashable, Codable {
    /// The Chinese sentence.
    public var zh: String
    /// The English sentence.
    public var en: String

    /// A wording.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}
