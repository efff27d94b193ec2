import Foundation
import Testing
import Tokenizers
@testable import InferenceRuntime

@Suite("Inference pool")
struct InferencePoolTests {
    static func encoder() throws -> BertEncoder { try BertEncoder(directory: ModelFixtures.path("tiny-bert")) }
    static func generator() throws -> TextGenerator { try TextGenerator(path: ModelFixtures.path("tiny-llama/model.gguf")) }
    static let sentences: [[Int]] = [[2, 479, 49, 509, 448, 34, 3], [2, 65, 459, 16, 3], [2, 63, 334, 554, 450, 23, 339, 3], [2, 44, 3]]

    @Test("concurrent encoder requests are batched and each gets its own sequence's result")
    func concurrentRequestsAreBatched() async throws {
        let encoder = try Self.encoder()
        // A long delay and a batch size of 4: the batch starts exactly when all 4 have arrived.
        let pool = try InferencePool(encoders: ["bert": encoder], configuration: .init(
            maximumBatchSize: 4, maximumQueueDelay: .seconds(30)))
        let results = try await withThrowingTaskGroup(of: (Int, EncodedSequence).self) { group in
            for (index, tokens) in Self.sentences.enumerated() {
                group.addTask { (index, try await pool.encode(tokens, model: "bert")) }
            }
            var results: [Int: EncodedSequence] = [:]
            for try await (index, result) in group { results[index] = result }
            return results
        }
        for (index, tokens) in Self.sentences.enumerated() {
            let alone = try encoder.encode([tokens])
            let result = try #require(results[index])
            #expect(maximumDifference(result.tokenStates.scalars, alone.hiddenStates.scalars) < 1e-5)
            #expect(maximumDifference(result.embedding, alone.meanPooled().scalars) < 1e-5)
            #expect(result.pooled != nil)
        }
        let counters = pool.counters
        #expect(counters.batches == 1 && counters.batchSizeCounts == [4: 1])
        #expect(counters.encoderRequestsCompleted == 4 && counters.latency.count == 4 && counters.queueWait.count == 4)
    }

    @Test("a request with bad input fails alone and never joins a batch")
    func badInputFailsAlone() async throws {
        let pool = try InferencePool(encoders: ["bert": try Self.encoder()])
        await #expect(throws: InferenceError.self) { try await pool.encode([2, 999_999, 3], model: "bert") }
        await #expect(throws: InferenceError.self) { try await pool.encode([], model: "bert") }
        await #expect(throws: InferenceError.self) { try await pool.encode([2, 3], model: "no-such-model") }
        let result = try await pool.encode(Self.sentences[0], model: "bert")
        #expect(result.tokenStates.shape == [7, 32])
        #expect(pool.counters.batches == 1)
    }

    @Test("a queued request whose deadline passes fails with deadline_exceeded")
    func deadlinesExpireQueuedRequests() async throws {
        let pool = try InferencePool(encoders: ["bert": try Self.encoder()], configuration: .init(
            maximumBatchSize: 8, maximumQueueDelay: .seconds(30)))
        do {
            _ = try await pool.encode(Self.sentences[0], model: "bert", deadline: .now + .milliseconds(20))
            Issue.record("the request should have expired")
        } catch let error as InferenceError {
            #expect(error.code == .deadlineExceeded && error.isRetriable)
        }
        await #expect(throws: InferenceError(.deadlineExceeded, "the deadline passed before the request was queued")) {
            try await pool.encode(Self.sentences[1], model: "bert", deadline: .now - .seconds(1))
        }
        #expect(pool.counters.requestsExpired == 2 && pool.counters.batches == 0)
    }

    @Test("cancelling the caller removes its queued request")
    func cancellationRemovesQueuedRequests() async throws {
        let pool = try InferencePool(encoders: ["bert": try Self.encoder()], configuration: .init(
            maximumBatchSize: 8, maximumQueueDelay: .seconds(30)))
        let task = Task { try await pool.encode(Self.sentences[0], model: "bert") }
        while pool.counters.requestsCancelled == 0 {
            task.cancel()
            await Task.yield()
        }
        await #expect(throws: InferenceError.self) { try await task.value }
        #expect(pool.counters.requestsCancelled == 1 && pool.counters.batches == 0)
    }

    @Test("beyond the queue length callers wait for room, and shutdown fails every queued request")
    func backpressureAndShutdown() async throws {
        let pool = try InferencePool(encoders: ["bert": try Self.encoder()], configuration: .init(
            maximumQueueLength: 1, maximumBatchSize: 8, maximumQueueDelay: .seconds(30)))
        let first = Task { try await pool.encode(Self.sentences[0], model: "bert") }
        let second = Task { try await pool.encode(Self.sentences[1], model: "bert") }
        while pool.counters.requestsDelayedByBackpressure == 0 { await Task.yield() }
        pool.shutDown()
        for task in [first, second] {
            await #expect(throws: InferenceError(.shutDown, "the inference pool is shut down")) { try await task.value }
        }
        await #expect(throws: InferenceError.self) { try await pool.encode(Self.sentences[2], model: "bert") }
    }

    @Test("generations through the pool match the generator and stream the same text")
    func generationsMatchTheGenerator() async throws {
        let generator = try Self.generator()
        let pool = try InferencePool(encoders: ["bert": try Self.encoder()], generators: ["llama": generator])
        let prompt = "<|im_start|>user\nwhere is my order?<|im_end|>\n<|im_start|>assistant\n"
        let options = GenerationOptions(maxTokens: 12)
        let direct = try generator.generate(prompt: prompt, options: options)
        async let pooled = pool.generate(prompt: prompt, model: "llama", options: options)
        async let encoded = pool.encode(Self.sentences[0], model: "bert")
        var streamed = ""
        var finished: GenerationResult?
        for try await event in pool.stream(prompt: prompt, model: "llama", options: options) {
            switch event {
            case .text(let text): streamed += text
            case .finished(let result): finished = result
            }
        }
        let result = try await pooled
        _ = try await encoded
        #expect(result.tokenIDs == direct.tokenIDs && result.text == direct.text)
        #expect(finished?.tokenIDs == direct.tokenIDs && streamed == direct.text)
        #expect(pool.counters.generationsCompleted == 2 && pool.counters.generatedTokens == 2 * direct.tokenIDs.count)
    }

    @Test("a generation waiting past its deadline, or cancelled while running, stops with an error")
    func generationDeadlineAndCancellation() async throws {
        let pool = try InferencePool(generators: ["llama": try Self.generator()], configuration: .init(
            maximumConcurrentGenerations: 1))
        let long = GenerationOptions(maxTokens: 200, stopsAtEndOfGeneration: false)
        await #expect(throws: InferenceError(.deadlineExceeded, "the deadline passed before the generation started")) {
            try await pool.generate(prompt: "hello", model: "llama", deadline: .now - .seconds(1))
        }
        // A slow consumer keeps the only generation slot busy (20 ms per text delta).
        let started = AsyncStream<Void>.makeStream()
        let running = Task {
            try await pool.generate(prompt: "hello", model: "llama", options: long) { _ in
                started.continuation.yield()
                usleep(20_000)
            }
        }
        var iterator = started.stream.makeAsyncIterator()
        _ = await iterator.next()
        await #expect(throws: InferenceError(.deadlineExceeded, "the generation's deadline passed")) {
            try await pool.generate(prompt: "hi", model: "llama", deadline: .now + .milliseconds(30))
        }
        running.cancel()
        await #expect(throws: InferenceError.self) { try await running.value }
        let counters = pool.counters
        #expect(counters.requestsExpired == 2 && counters.requestsCancelled == 1)
    }

    @Test("requests cancelled at every moment (queued, running, delivered) leave no bookkeeping behind")
    func cancellationsLeaveNothingBehind() async throws {
        let pool = try InferencePool(
            encoders: ["bert": try Self.encoder()], generators: ["llama": try Self.generator()],
            configuration: .init(maximumBatchSize: 4, maximumQueueDelay: .milliseconds(1), maximumConcurrentGenerations: 1))
        var generator = SystemRandomNumberGenerator()
        var encoded = 0
        var generated = 0
        for round in 0..<40 {
            let encodes = (0..<8).map { index in
                Task { try await pool.encode(Self.sentences[index % Self.sentences.count], model: "bert") }
            }
            let generations = (0..<2).map { _ in
                Task { try await pool.generate(prompt: "hi", model: "llama", options: GenerationOptions(maxTokens: 3)) }
            }
            // Cancel each at a different moment: before queueing, while queued or running, or
            // just after its result was delivered.
            for task in encodes where Bool.random(using: &generator) {
                if round % 2 == 0 { await Task.yield() } else { try await Task.sleep(for: .microseconds(Int.random(in: 0..<3000))) }
                task.cancel()
            }
            for task in generations where Bool.random(using: &generator) { task.cancel() }
            for task in encodes where (try? await task.value) != nil { encoded += 1 }
            for task in generations where (try? await task.value) != nil { generated += 1 }
        }
        let left = pool.pendingBookkeeping
        #expect(left.pending == 0 && left.cancellationMarks == 0 && left.generationWaiters == 0)
        // Every success was counted as completed, and every other request as cancelled.
        let counters = pool.counters
        #expect(counters.encoderRequestsCompleted == encoded && counters.generationsCompleted == generated)
        #expect(counters.requestsCancelled + counters.requestsFailed == 40 * 10 - encoded - generated)
    }
}
