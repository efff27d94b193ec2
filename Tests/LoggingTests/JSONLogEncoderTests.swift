import Testing
@testable import Logging

@Suite struct JSONLogEncoderTests {
    @Test func lineAndParagraphSeparatorsAreEscapedSoALogLineStaysOneLineEverywhere() {
        let sink = MemoryLogSink()
        let logger = Logger(label: "worker", level: .info, sink: sink)
        logger.info("a\u{2028}b\u{2029}c\nd\u{1}", ["note": .string("x\u{2028}y")])
        let line = JSONLogEncoder.encode(sink.records[0])
        #expect(line.contains(#""msg":"a\u2028b\u2029c\nd\u0001""#))
        #expect(line.contains(#""note":"x\u2028y""#))
        #expect(!line.unicodeScalars.contains { $0.value == 0x2028 || $0.value == 0x2029 || $0 == "\n" })
    }
}
