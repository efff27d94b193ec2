/// How precisely the sign-for time (`delivered_at`) is known.
public enum SignForPrecision: String, Sendable, Hashable, Codable, CaseIterable {
    /// The exact instant: windows run N × 24 h from it.
    case instant
    /// Only the calendar day (in the effective timezone): windows end at the end of the
    /// N-th calendar day after it.
    case date
}
