/// Settings of rule 3 (not received).
public struct NotReceivedSettings: Sendable, Hashable, Codable {
    /// How long past `promised_delivery_by` an undelivered parcel is still waited for; after
    /// more than this it is refunded; 72 in the default policy.
    public var graceHours: Int

    /// Settings with the given grace period.
    public init(graceHours: Int) { self.graceHours = graceHours }

    enum CodingKeys: String, CodingKey {
        case graceHours = "grace_hours_after_promised_delivery"
    }
}
