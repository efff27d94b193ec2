import Testing

@testable import Kafka

@Suite("Delivery registry")
struct DeliveryRegistryTests {
    private func admitted(_ registry: inout DeliveryRegistry<String>, _ waiter: String) throws -> UInt64 {
        guard case .produce(let id) = registry.admit(waiter) else { throw KafkaError(.shutDown, "refused") }
        return id
    }

    @Test("each admitted record gets its own id and its waiter back on delivery, once")
    func admitAndDeliver() throws {
        var registry = DeliveryRegistry<String>()
        let first = try admitted(&registry, "a")
        let second = try admitted(&registry, "b")
        let wakeFirst = registry.produced(id: first, accepted: true)
        let wakeSecond = registry.produced(id: second, accepted: true)
        let inFlight = registry.inFlight
        let deliveredSecond = registry.delivered(id: second)
        let deliveredAgain = registry.delivered(id: second)
        let deliveredFirst = registry.delivered(id: first)
        #expect(first != second)
        #expect(!wakeFirst && !wakeSecond)
        #expect(inFlight == 2)
        #expect(deliveredSecond == "b")
        #expect(deliveredAgain == nil)
        #expect(deliveredFirst == "a")
        #expect(registry.inFlight == 0)
    }

    @Test("a record librdkafka refused is forgotten")
    func refusedRecord() throws {
        var registry = DeliveryRegistry<String>()
        let id = try admitted(&registry, "a")
        _ = registry.produced(id: id, accepted: false)
        let delivered = registry.delivered(id: id)
        #expect(registry.inFlight == 0)
        #expect(delivered == nil)
    }

    @Test("closing refuses new records and waits for produce calls under way")
    func closeWaitsForProducers() throws {
        var registry = DeliveryRegistry<String>()
        let id = try admitted(&registry, "a")
        let closedAtOnce = registry.close()
        let late = registry.admit("b")
        let wake = registry.produced(id: id, accepted: true)
        let remaining = registry.takeAll()
        #expect(closedAtOnce == false)
        guard case .reject(let error) = late else {
            Issue.record("a record was admitted after close")
            return
        }
        #expect(error.code == .shutDown)
        #expect(wake == true)
        #expect(remaining == ["a"])
        #expect(registry.inFlight == 0)
    }

    @Test("closing with nothing under way needs no wait, and a second close is harmless")
    func closeIdle() {
        var registry = DeliveryRegistry<String>()
        let first = registry.close()
        let second = registry.close()
        #expect(first && second)
    }

    @Test("after a fatal error new records are refused with that error")
    func fatalError() {
        var registry = DeliveryRegistry<String>()
        let fatal = KafkaError(.fatal, "test", librdkafkaCode: .outOfOrderSequenceNumber, isFatal: true)
        let first = registry.fail(with: fatal)
        let second = registry.fail(with: KafkaError(.fatal, "second", isFatal: true))
        let admission = registry.admit("a")
        #expect(first == true)
        #expect(second == false)
        guard case .reject(let error) = admission else {
            Issue.record("a record was admitted after a fatal error")
            return
        }
        #expect(error.isFatal)
        #expect(error.message == "test")
    }
}
