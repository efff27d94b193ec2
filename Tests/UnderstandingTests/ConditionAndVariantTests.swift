import SupportModel
import Testing
import Understanding

@Suite struct ConditionAndVariantTests {
    @Test(arguments: [
        ("我想退货，还没拆封", ClaimedCondition.unopened),
        ("I want to return it, still sealed", .unopened),
        ("拆了但没用过，想退货", .openedIntact),
        ("I opened it but never used it, can I return it", .openedIntact),
        ("穿过一次，想退", .used),
        ("I wore it twice, can I return it", .used),
        ("我不小心摔坏了，能退吗", .damagedByCustomer),
        ("I dropped it and now the screen is broken, refund please", .damagedByCustomer),
        ("遥控器坏了，不工作", .defective),
        ("the remote doesn't work", .defective),
        ("发错货了", .wrongItem),
        ("you sent the wrong size", .wrongItem),
        ("少了一个充电器", .missingPart),
        ("the charging cable is missing", .missingPart),
    ])
    func theClaimedConditionComesFromItsCues(text: String, condition: ClaimedCondition) throws {
        #expect(try Analyze.message(text).claimedCondition == condition)
    }

    @Test func intentsThePolicyDoesNotReadCarryNoCondition() throws {
        #expect(try Analyze.message("I picked the wrong size, can I change my order before it ships").claimedCondition == nil)
        #expect(try Analyze.message("这个耳机用过以后怎么清洁").claimedCondition == nil)
    }

    @Test(arguments: [
        ("衣服小了，能换大一号吗", "larger"),
        ("我想换成L码", "L"),
        ("Can I exchange this for a size XL?", "XL"),
        ("swap the black ones for the smoke grey ones please", "grey"),
        ("能换个白色的吗？黑色的太显脏了", "white"),
        ("鞋子偏小，想换42码的", "42"),
        ("I ordered a medium but I need a small, can I exchange it", "S"),
        ("exchange for red please", "red"),
        ("Can I exchange my sneakers for a size 9?", "9"),
        ("还没发货的话，帮我把颜色改成黑色", "black"),
    ])
    func theRequestedVariantIsTheOneAskedFor(text: String, variant: String) throws {
        #expect(try Analyze.message(text).requestedVariant == variant)
    }

    @Test func variantsAreOnlyReadFromExchangesAndOrderChanges() throws {
        #expect(try Analyze.message("you sent me a size M but I ordered L").requestedVariant == nil)
        #expect(try Analyze.message("黑色的耳机到哪了").requestedVariant == nil)
    }
}
