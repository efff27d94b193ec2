import Foundation
import SupportModel

/// Formats money, dates and status words for replies in Chinese or English.
struct ReplyFormatter: Sendable {
    let language: Language
    let timeZone: TimeZone

    init(language: Language, timezone: String?) {
        self.language = language
        self.timeZone = timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "Asia/Shanghai")!
    }

    var chinese: Bool { language != .english }

    /// `¥399.00` / `US$12.50` in Chinese; `CNY 399.00` / `$12.50` in English.
    func money(_ money: Money) -> String {
        let amount = Money.decimalString(money.minorUnits)
        switch (money.currency, chinese) {
        case ("CNY", true): return "¥\(amount)"
        case ("CNY", false): return "CNY \(amount)"
        case ("USD", true): return "US$\(amount)"
        case ("USD", false): return "$\(amount)"
        case (let code, _): return "\(code) \(amount)"
        }
    }

    /// A calendar date in the reply's time zone: `11月27日` / `Nov 27`.
    func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.month, .day], from: date)
        if chinese { return "\(c.month!)月\(c.day!)日" }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[c.month! - 1]) \(c.day!)"
    }

    func orderStatus(_ status: OrderStatus) -> String { orderStatus(status.rawValue) }

    func orderStatus(_ status: String) -> String {
        let words: [String: (String, String)] = [
            "pending_payment": ("待付款", "awaiting payment"), "paid": ("已付款，等待发货", "paid, not shipped yet"),
            "shipped": ("已发货", "shipped"), "delivered": ("已签收", "delivered"), "completed": ("已完成", "completed"),
            "cancelled": ("已取消", "cancelled"),
        ]
        guard let w = words[status] else { return status }
        return chinese ? w.0 : w.1
    }

    func carrierStatus(_ status: CarrierStatus) -> String { carrierStatus(status.rawValue) }

    func carrierStatus(_ status: String) -> String {
        let words: [String: (String, String)] = [
            "in_transit": ("运输中", "in transit"), "delivered": ("已签收", "delivered"), "lost": ("运输途中丢失", "lost in transit"),
            "returned": ("已退回", "returned to sender"),
        ]
        guard let w = words[status] else { return status }
        return chinese ? w.0 : w.1
    }

    func payer(_ payer: ShippingPayer?) -> String? {
        switch payer {
        case .customer: chinese ? "您" : "you"
        case .merchant: chinese ? "商家" : "us"
        case nil: nil
        }
    }

    func list(_ items: [String]) -> String {
        chinese ? items.joined(separator: "、") : items.joined(separator: ", ")
    }
}
