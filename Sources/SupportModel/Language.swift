/// The language of a message or reply: Chinese, English, or mixed (both in one message).
/// Replies to a mixed message are written in its dominant language.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case chinese = "zh"
    case english = "en"
    case mixed
}
