import Testing
import Understanding

@Suite struct ProductConceptsTests {
    let concepts = ProductConcepts()

    @Test(arguments: [
        ("耳机", "无线耳机"), ("earbuds", "无线耳机"), ("headphones", "wireless earbuds"), ("保温杯", "thermos"),
        ("杯子", "保温杯"), ("shoes", "running shoes"), ("鞋子", "running shoes"), ("羽绒服", "down jacket"),
        ("水壶", "电热水壶"), ("kettle", "电热水壶"), ("遥控器", "TV remote"), ("积木", "building blocks"),
        ("手机", "折叠屏手机"), ("Earbuds", "ＷＩＲＥＬＥＳＳ earbuds"), ("书", "books"),
    ])
    func namesOfOneProductMatch(mention: String, name: String) {
        #expect(concepts.matches(mention: mention, name: name))
    }

    @Test(arguments: [
        ("耳机", "手机"), ("手机", "手机壳"), ("cup", "cupboard"), ("包", "面包"), ("shoes", "shoe rack organizer"),
        ("口红", "羽绒服"), ("kettle", "wireless earbuds"), ("书", "书桌"),
    ])
    func differentProductsDoNotMatch(mention: String, name: String) {
        #expect(!concepts.matches(mention: mention, name: name))
    }
}
