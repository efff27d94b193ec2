import Testing

@testable import Kafka

@Suite("Handle gate")
struct HandleGateTests {
    @Test("a gate without leases lets the closer destroy at once and refuses later leases")
    func closeWithoutLeases() {
        var gate = HandleGate()
        let close = gate.close()
        let lease = gate.acquire()
        let secondClose = gate.close()
        #expect(close == .destroyNow)
        #expect(lease == false)
        #expect(secondClose == .alreadyClosing)
    }

    @Test("the closer waits until the last outstanding lease is returned")
    func closeWaitsForLeases() {
        var gate = HandleGate()
        let first = gate.acquire()
        let second = gate.acquire()
        let close = gate.close()
        let refused = gate.acquire()
        let firstRelease = gate.release()
        let lastRelease = gate.release()
        #expect(first && second)
        #expect(close == .waitForLeases)
        #expect(refused == false)
        #expect(firstRelease == false)
        #expect(lastRelease == true)
        #expect(gate.state == .closed)
    }

    @Test("leases returned while the gate is open never wake anyone")
    func openReleases() {
        var gate = HandleGate()
        let lease = gate.acquire()
        let release = gate.release()
        #expect(lease)
        #expect(release == false)
        #expect(gate.state == .open(leases: 0))
        #expect(gate.isClosing == false)
    }
}
