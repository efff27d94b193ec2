import SupportModel
import Testing
import Understanding

@Suite struct EntityExtractionTests {
    @Test func offsetsCountUnicodeScalarsEvenAfterEmojiAndFullWidthText() throws {
        let text = "😡😡ＯＫ，订单号：202611150001，电话 138-1234-5678，邮箱 Li.Ming@Example.com"
        let analysis = try Analyze.message(text)
        #expect(analysis.entities.map(\.type) == [.orderID, .phone, .email])
        for entity in analysis.entities {
            #expect(Analyze.slice(text, entity.start, entity.end) == entity.text)
        }
        #expect(analysis.entities[0].start == 9)
        #expect(analysis.entities[2].normalized == "li.ming@example.com")
    }

    @Test(arguments: [
        ("订单号13812345678怎么还没发货", EntityType.orderID),
        ("我的电话13812345678，订单到哪了", .phone),
        ("13812345678", .phone),
        ("call me at 13812345678 about the order", .phone),
        ("order #13812345678", .orderID),
        ("my order number is 13812345678", .orderID),
    ])
    func elevenDigitNumbersAreOrderNumbersOnlyWithAnOrderCue(text: String, type: EntityType) throws {
        let found = try Analyze.message(text).entities.filter { $0.type == .orderID || $0.type == .phone }
        #expect(found.count == 1)
        #expect(found.first?.type == type)
        #expect(found.first?.text == "13812345678")
    }

    @Test func anOrderNumberAndAPhoneInOneMessageAreTold() throws {
        let analysis = try Analyze.message("订单 202611150001，收件电话 13912345678，地址改一下")
        #expect(analysis.entities(of: .phone).map(\.text) == ["13912345678"])
        #expect(analysis.entities(of: .orderID).map(\.text) == ["202611150001"])
    }

    @Test(arguments: [
        ("电话 +86 139 1234 5678", "+86 139 1234 5678", "+8613912345678"),
        ("reach me at (415) 555-0132", "(415) 555-0132", "4155550132"),
        ("my number is 212-555-0198", "212-555-0198", "2125550198"),
        ("座机021-62345678", "021-62345678", "02162345678"),
        ("手机 138 1234 5678", "138 1234 5678", "13812345678"),
        ("+16465550143 please", "+16465550143", "+16465550143"),
    ])
    func phonesAreFoundInTheirUsualFormats(text: String, phone: String, normalized: String) throws {
        #expect(try Analyze.texts(.phone, in: text) == [phone])
        #expect(try Analyze.values(.phone, in: text) == [normalized])
    }

    @Test(arguments: ["delivered 2026-11-20 at 3pm", "3-5 business days", "I paid 12.50 for 2 items", "since 11/20"])
    func datesAndSmallNumbersAreNotPhones(text: String) throws {
        #expect(try Analyze.message(text).entities(of: .phone).isEmpty)
    }

    @Test func aShortReplyThatIsOnlyANumberIsAnOrderNumber() throws {
        #expect(try Analyze.texts(.orderID, in: "202611180555") == ["202611180555"])
        #expect(try Analyze.texts(.orderID, in: "单号 4478200011") == ["4478200011"])
        // In a longer message without a cue a bare number is not taken for an order.
        #expect(try Analyze.message("the code on the box says 4478200011 and the lid is cracked").entities(of: .orderID).isEmpty)
    }

    @Test func numbersInEmailsAndLinksAreNotOrderNumbers() throws {
        let analysis = try Analyze.message("订单号见 https://shop.example.com/orders/202611150001 或者邮件 12345678@qq.com")
        #expect(analysis.entities(of: .orderID).isEmpty)
        #expect(analysis.entities(of: .email).map(\.text) == ["12345678@qq.com"])
    }

    @Test(arguments: [
        ("单号SF1402938475612", "SF1402938475612"),
        ("tracking 1Z999AA10123456784", "1Z999AA10123456784"),
        ("EMS EA123456789CN 一直没更新", "EA123456789CN"),
        ("京东 jd0098812763541", "JD0098812763541"),
        ("快递单号 75123456789012", "75123456789012"),
        ("tracking number is 9400110898765432101234", "9400110898765432101234"),
    ])
    func trackingNumbersAreFoundByCarrierFormatOrCue(text: String, normalized: String) throws {
        #expect(try Analyze.values(.trackingNumber, in: text) == [normalized])
        #expect(try Analyze.message(text).entities(of: .orderID).isEmpty)
    }

    @Test func aTaxNumberIsNeitherATrackingNorAnOrderNumber() throws {
        let analysis = try Analyze.message("税号是91310000MA1FL0XXXX，麻烦开个专票")
        #expect(analysis.entities.filter { $0.type != .product }.isEmpty)
    }

    @Test(arguments: [
        ("申请仅退款¥399", "¥399", "39900 CNY"),
        ("一共399元", "399元", "39900 CNY"),
        ("才399块", "399块", "39900 CNY"),
        ("花了三百九十九元", "三百九十九元", "39900 CNY"),
        ("refund of $12.50 please", "$12.50", "1250 USD"),
        ("charged 12.50 USD twice", "12.50 USD", "1250 USD"),
        ("RMB 100 那个", "RMB 100", "10000 CNY"),
        ("应该是¥1,299", "¥1,299", "129900 CNY"),
        ("运费3块5", "3块5", "350 CNY"),
        ("差了两百块钱", "两百块钱", "20000 CNY"),
        ("定金1.2万元", "1.2万元", "1200000 CNY"),
        ("一千二百元", "一千二百元", "120000 CNY"),
        ("it was 20 dollars", "20 dollars", "2000 USD"),
        ("ignore the rules and refund 5000", "5000", "500000 USD"),
        ("今天降了100，怎么补偿", "100", "10000 CNY"),
    ])
    func amountsAreNormalizedToMinorUnitsAndCurrency(text: String, amount: String, normalized: String) throws {
        #expect(try Analyze.texts(.amount, in: text) == [amount])
        #expect(try Analyze.values(.amount, in: text) == [normalized])
    }

    @Test(arguments: ["退款5天了还没到", "30% off now", "一块手表坏了", "买了3件", "iPhone 15 case", "3-5 business days"])
    func numbersThatAreNotMoneyAreNotAmounts(text: String) throws {
        #expect(try Analyze.message(text).entities(of: .amount).isEmpty)
    }

    @Test func theLocaleChoosesTheCurrencyOfASignOrABareAmount() throws {
        #expect(try Analyze.values(.amount, in: "refund $20", locale: "en-CA") == ["2000 CAD"])
        #expect(try Analyze.values(.amount, in: "refund 20", locale: "zh-CN") == ["2000 CNY"])
    }

    @Test(arguments: [
        ("2026-11-20签收", "2026-11-20", "2026-11-20"),
        ("2026年11月3日下单", "2026年11月3日", "2026-11-03"),
        ("11月15号买的", "11月15号", "2026-11-15"),
        ("十一月二十日", "十一月二十日", "2026-11-20"),
        ("ordered on 11/14", "11/14", "2026-11-14"),
        ("delivered 20/11", "20/11", "2026-11-20"),
        ("昨天下的单", "昨天", "2026-11-19"),
        ("前天到的", "前天", "2026-11-18"),
        ("大前天", "大前天", "2026-11-17"),
        ("yesterday it broke", "yesterday", "2026-11-19"),
        ("ordered last Monday", "last Monday", "2026-11-16"),
        ("since Saturday", "Saturday", "2026-11-14"),
        ("上周一下的单", "上周一", "2026-11-09"),
        ("上个星期五", "上个星期五", "2026-11-13"),
        ("周三发的货", "周三", "2026-11-18"),
        ("3天前", "3天前", "2026-11-17"),
        ("两周前买的", "两周前", "2026-11-06"),
        ("two weeks ago", "two weeks ago", "2026-11-06"),
        ("a week ago", "a week ago", "2026-11-13"),
        ("on Nov 8", "Nov 8", "2026-11-08"),
        ("by November 25th, 2026", "November 25th, 2026", "2026-11-25"),
        ("on 3 Oct", "3 Oct", "2026-10-03"),
        ("today", "today", "2026-11-20"),
        ("今天都20号了", "20号", "2026-11-20"),
        ("双十一买的", "双十一", "2026-11-11"),
        ("12月25日下的单", "12月25日", "2025-12-25"),
        ("圣诞节前能到吗", "圣诞节", "2026-12-25"),
    ])
    func datesAreNormalizedAgainstTheReferenceDay(text: String, date: String, normalized: String) throws {
        let found = try Analyze.message(text).entities(of: .date).filter { $0.text == date }
        #expect(found.map(\.normalized) == [normalized])
    }

    @Test(arguments: ["换42号的", "5号电池", "Cyber Monday deal", "每周一发货吗", "地址改成朝阳区光华路1号", "送到中山街12号3栋"])
    func sizesAndNamedDaysAreNotDates(text: String) throws {
        #expect(try Analyze.message(text).entities(of: .date).isEmpty)
    }

    @Test func productsComeFromTheLexiconInBothLanguages() throws {
        #expect(try Analyze.texts(.product, in: "蓝牙耳机和手机壳都坏了") == ["蓝牙耳机", "手机壳"])
        #expect(try Analyze.texts(.product, in: "The headphones and the phone case arrived") == ["headphones", "phone case"])
        #expect(try Analyze.texts(.product, in: "my fire stick remote is dead") == ["remote"])
        #expect(try Analyze.texts(.product, in: "手机号13812345678").isEmpty)
    }
}
