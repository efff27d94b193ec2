import Foundation

/// The refund and return policy as data: every window, limit and exclusion of the engine, and
/// the wording of every reason code. Policy owners edit it as a JSON file
/// (`policies/default.json`, schema `Schemas/refund-policy.schema.json`).
public struct RefundPolicyDocument: Sendable, Hashable, Codable {
    /// The version of the file format this build reads.
    public static let supportedFormatVersion = 1

    /// The file format version; must be `supportedFormatVersion`.
    public var formatVersion: Int
    /// The policy's own version, carried by every decision.
    public var policyVersion: String
    /// The IANA timezone of calendar days (a case may override it).
    public var timezone: String
    /// Every category the policy knows; a line of another category goes to manual review.
    public var categories: [ProductCategory]
    /// When the shipping fee is refunded.
    public var shippingFee: ShippingFeeSettings
    /// Rule 3.
    public var notReceived: NotReceivedSettings
    /// Rule 4.
    public var noReasonReturn: NoReasonReturnSettings
    /// Rule 5.
    public var quality: QualitySettings
    /// Rule 6.
    public var priceProtection: PriceProtectionSettings
    /// Rule 7.
    public var limits: ApprovalLimits
    /// Chinese and English sentence for each reason code.
    public var reasons: [String: ReasonWording]

    /// A policy document; check it with `validate()` before use.
    public init(
        formatVersion: Int, policyVersion: String, timezone: String, categories: [ProductCategory],
        shippingFee: ShippingFeeSettings, notReceived: NotReceivedSettings, noReasonReturn: NoReasonReturnSettings,
        quality: QualitySettings, priceProtection: PriceProtectionSettings, limits: ApprovalLimits,
        reasons: [String: ReasonWording]
    ) {
        self.formatVersion = formatVersion
        self.policyVersion = policyVersion
        self.timezone = timezone
        self.categories = categories
        self.shippingFee = shippingFee
        self.notReceived = notReceived
        self.noReasonReturn = noReasonReturn
        self.quality = quality
        self.priceProtection = priceProtection
        self.limits = limits
        self.reasons = reasons
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case policyVersion = "policy_version"
        case timezone
        case categories
        case shippingFee = "shipping_fee"
        case notReceived = "not_received"
        case noReasonReturn = "no_reason_return"
        case quality
        case priceProtection = "price_protection"
        case limits
        case reasons
    }

    /// The wording of `code`, when the catalogue has it.
    public func wording(for code: ReasonCode) -> ReasonWording? { reasons[code.rawValue] }

    /// Every reason code this policy can give, which its catalogue must word.
    public var requiredReasonCodes: [ReasonCode] {
        ReasonCode.engineCodes + noReasonReturn.legallyExcludedCategories.map(ReasonCode.excludedCategory)
            + noReasonReturn.ineligibleConditions.map(ReasonCode.itemCondition)
    }
}
