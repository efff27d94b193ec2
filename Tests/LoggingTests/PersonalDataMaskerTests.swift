import Testing
@testable import Logging

@Suite struct PersonalDataMaskerTests {
    @Test(arguments: [
        ("call me at 13800138000 please", "call me at [phone] please"),
        ("我的手机是13912345678，谢谢", "我的手机是[phone]，谢谢"),
        ("US: (415) 555-0123.", "US: [phone]."),
        ("office +86 10 6552 9988", "office [phone]"),
        ("tel 010-65529988", "tel [phone]"),
        ("mail jane.doe+shop@example.co.uk now", "mail [email] now"),
        ("ship to 221 Baker Street, London", "ship to [address], London"),
        ("电话:13912345678", "电话:[phone]"),
        ("tel:13912345678.", "tel:[phone]."),
        ("+1 415 555 0134 is mine", "[phone] is mine"),
        ("call 415.555.0123", "call [phone]"),
        ("手机 138 0013 8000", "手机 [phone]"),
        ("(010) 6552-9988", "[phone]"),
    ])
    func masksPersonalData(input: String, expected: String) {
        #expect(PersonalDataMasker.mask(input) == expected)
    }

    @Test func masksChineseStreetAddresses() {
        let masked = PersonalDataMasker.mask("寄到上海市浦东新区世纪大道88号，谢谢")
        #expect(masked.contains("[address]"))
        #expect(!masked.contains("世纪大道"))
        #expect(!masked.contains("88号"))
        #expect(masked.hasSuffix("，谢谢"))
    }

    @Test(arguments: [
        "订单号是202611150001",
        "order 12345678 is late",
        "tracking SF1234567890123",
        "amount 399.00 CNY on 2026-11-20",
        #"{"policy_version":"default-2026.11.1"}"#,
        "policy default-2026.11.1 loaded",
        "version 2026.11.1 and 3.2.10",
        "message 2822b348-1234-5678-a5c7-9c1b69b87776 done",
        "message 2822b348-1234-4567-8901-234567890123 done",
        "event 6f1c1a4e-2b7d-4c55-9d0e-1d2c3b4a5f60",
        "offset 1234567 of partition 3",
        "order JD-2026-1115-0001 and 112-3456789-1234567 (a marketplace number)",
        "tracking 1Z999AA10123456784",
        "at 2026-12-07T23:25:08.272Z",
    ])
    func keepsOrderNumbersAndOtherFigures(input: String) {
        #expect(PersonalDataMasker.mask(input) == input)
    }

    @Test func redactsSensitiveMetadataKeysAndMasksNestedStrings() {
        let masked = PersonalDataMasker.mask([
            "phone": "13800138000",
            "note": .object(["contact": "a@b.com"]),
            "partition": 3,
        ])
        #expect(masked["phone"] == .string("[redacted]"))
        #expect(masked["note"] == .object(["contact": "[email]"]))
        #expect(masked["partition"] == .int(3))
    }

    @Test func writesOneJSONObjectPerRecordWithMaskedMessage() {
        let sink = MemoryLogSink()
        var logger = Logger(label: "worker", level: .info, sink: sink)
        logger[metadata: "partition"] = 2
        logger.debug("dropped")
        logger.info("reply to 13800138000", ["order_id": "202611150001"])
        #expect(sink.records.count == 1)
        let line = JSONLogEncoder.encode(sink.records[0])
        #expect(line.contains(#""msg":"reply to [phone]""#))
        #expect(line.contains(#""order_id":"202611150001""#))
        #expect(line.contains(#""partition":2"#))
        #expect(line.hasPrefix(#"{"ts":""#))
    }
}
