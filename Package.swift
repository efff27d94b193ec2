// swift-tools-version: 6.0
// The AI after-sales support worker. Layers point one way:
// C system libraries → thin wrappers (Kafka, Postgres) → domain modules → Worker → executable.
// The inference runtime (ModelFormats, Tokenizers, InferenceRuntime) depends only on the
// standard library and Foundation.
import PackageDescription

/// Release-mode flags for the numeric code: bounds checks stay on in debug builds.
let numericSettings: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
]

let package = Package(
    name: "SupportWorker",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "support-worker", targets: ["support-worker"]),
    ],
    targets: [
        // MARK: C libraries
        .systemLibrary(
            name: "CRdKafka", path: "Sources/CRdKafka", pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]),
        .systemLibrary(
            name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),

        // MARK: Small infrastructure modules (what a package would give elsewhere)
        .target(name: "JSONSchema"),
        .target(name: "Logging", dependencies: ["JSONSchema"]),
        .target(name: "Metrics"),
        .target(name: "Lifecycle", dependencies: ["Logging"]),
        .target(name: "CommandLineOptions"),
        .target(name: "StatusServer", dependencies: ["Logging"]),

        // MARK: Thin wrappers over the C libraries
        .target(name: "Kafka", dependencies: ["CRdKafka", "Logging"]),
        .target(name: "Postgres", dependencies: ["CLibPQ", "Logging"]),
        .executableTarget(name: "postgres-bench", dependencies: ["Postgres"]),

        // MARK: Domain
        .target(name: "SupportModel"),
        .target(name: "SupportEvents", dependencies: ["SupportModel", "JSONSchema"]),
        .target(name: "Understanding", dependencies: ["SupportModel", "JSONSchema"]),
        .executableTarget(name: "understanding-bench", dependencies: ["Understanding", "JSONSchema"]),
        .executableTarget(
            name: "nlu-bench", dependencies: ["TransformerUnderstanding", "Understanding", "SupportTools", "InferenceRuntime"]),
        .target(name: "RefundPolicy", dependencies: ["SupportModel", "JSONSchema"]),
        .target(name: "Escalation", dependencies: ["SupportModel", "JSONSchema"]),
        .target(name: "Drafting", dependencies: ["SupportModel"]),
        .target(name: "Conversation", dependencies: ["SupportModel"]),
        // The help centre: articles, passages, hybrid retrieval, extractive answers.
        .target(name: "KnowledgeBase", dependencies: ["SupportModel", "JSONSchema", "Understanding"]),
        // The Transformer understanding: the fine-tuned e5 model behind MessageAnalyzer.
        .target(
            name: "TransformerUnderstanding",
            dependencies: ["Understanding", "SupportModel", "InferenceRuntime", "Tokenizers", "ModelFormats", "KnowledgeBase"]),

        // MARK: The worker pipeline: a core that knows no Kafka or PostgreSQL, and its adapters
        .target(
            name: "SupportPipeline",
            dependencies: [
                "SupportModel", "SupportEvents", "Understanding", "RefundPolicy", "Escalation", "Drafting", "Conversation",
                "Logging", "Metrics",
            ]),
        .target(
            name: "SupportDatabase",
            dependencies: [
                "SupportPipeline", "SupportModel", "SupportEvents", "RefundPolicy", "Conversation", "KnowledgeBase", "Postgres",
                "JSONSchema", "Logging",
            ]),
        .target(name: "SupportMessaging", dependencies: ["SupportPipeline", "SupportEvents", "Kafka", "Logging"]),
        .target(
            name: "Worker",
            dependencies: [
                "SupportPipeline", "SupportDatabase", "SupportMessaging", "SupportModel", "Understanding",
                "TransformerUnderstanding", "RefundPolicy", "Escalation", "Drafting", "Kafka", "Postgres", "Logging", "Metrics",
                "Lifecycle", "StatusServer",
            ]),

        // MARK: Tools: JSON Lines processors, demo data, topic observation (not the production wiring)
        .target(
            name: "SupportTools",
            dependencies: [
                "SupportPipeline", "SupportDatabase", "SupportModel", "SupportEvents", "Understanding", "RefundPolicy",
                "Escalation", "Drafting", "KnowledgeBase", "JSONSchema", "Kafka", "Postgres", "Logging",
            ]),
        .executableTarget(
            name: "support-worker",
            dependencies: [
                "Worker", "SupportTools", "SupportPipeline", "SupportDatabase", "CommandLineOptions", "Lifecycle", "Logging",
                "Metrics", "StatusServer", "Kafka", "Postgres", "Understanding", "TransformerUnderstanding", "RefundPolicy",
                "Escalation", "Drafting", "SupportEvents", "JSONSchema", "KnowledgeBase",
            ]),
        // The crash tests' worker: the production wiring with crash points and the unsafe
        // commit-on-receive intake injected through initializers.
        .executableTarget(
            name: "fault-injecting-worker",
            dependencies: ["Worker", "SupportPipeline", "SupportMessaging", "Kafka", "Logging"]),

        // MARK: Inference runtime (standard library and Foundation only)
        .target(name: "ModelFormats", swiftSettings: numericSettings),
        .target(name: "Tokenizers", dependencies: ["ModelFormats"]),
        .target(
            name: "CInferenceKernels",
            cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])]),
        .target(
            name: "InferenceRuntime", dependencies: ["ModelFormats", "Tokenizers", "CInferenceKernels"],
            swiftSettings: numericSettings),

        .executableTarget(
            name: "runtime-bench", dependencies: ["InferenceRuntime", "ModelFormats", "Tokenizers"],
            swiftSettings: numericSettings),

        // MARK: Kafka benchmark (the mock cluster, in process)
        .executableTarget(name: "kafka-bench", dependencies: ["Kafka", "Logging"]),

        // MARK: Tests
        .testTarget(name: "LoggingTests", dependencies: ["Logging"]),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema"]),
        .testTarget(
            name: "OperationsTests",
            dependencies: ["CommandLineOptions", "Metrics", "Lifecycle", "StatusServer", "Logging"]),
        .testTarget(name: "KafkaTests", dependencies: ["Kafka", "Logging", "TestSupport"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "Logging", "TestSupport"]),
        .target(
            name: "TestSupport", dependencies: ["Postgres", "Logging"],
            path: "Tests/TestSupport"),
        .testTarget(name: "SupportEventsTests", dependencies: ["SupportEvents", "JSONSchema", "TestSupport"]),
        .testTarget(
            name: "UnderstandingTests", dependencies: ["Understanding", "SupportModel", "JSONSchema", "TestSupport", "SupportTools"],
            exclude: ["Fixtures"]),
        .testTarget(name: "EscalationTests", dependencies: ["Escalation"]),
        .testTarget(name: "DraftingTests", dependencies: ["Drafting", "SupportModel"]),
        .testTarget(
            name: "RefundPolicyTests", dependencies: ["RefundPolicy", "SupportModel", "JSONSchema", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "SupportPipelineTests", dependencies: ["SupportPipeline", "TestSupport"]),
        .testTarget(name: "KnowledgeBaseTests", dependencies: ["KnowledgeBase", "SupportModel", "TestSupport"]),
        .testTarget(
            name: "KnowledgeBaseIntegrationTests",
            dependencies: [
                "KnowledgeBase", "SupportDatabase", "SupportTools", "TransformerUnderstanding", "SupportModel", "Postgres",
                "Logging", "TestSupport",
            ]),
        .testTarget(
            name: "SupportToolsTests",
            dependencies: [
                "SupportTools", "SupportDatabase", "SupportPipeline", "RefundPolicy", "Understanding", "Drafting", "JSONSchema",
                "TestSupport",
            ]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "Worker", "SupportPipeline", "SupportDatabase", "SupportMessaging", "SupportTools", "Kafka", "Postgres",
                "Logging", "SupportEvents", "JSONSchema", "Lifecycle", "TestSupport",
            ]),
        .testTarget(name: "ModelFormatsTests", dependencies: ["ModelFormats", "TestSupport"]),
        .testTarget(
            name: "TokenizersTests", dependencies: ["Tokenizers", "ModelFormats", "TestSupport", "JSONSchema"], exclude: ["Fixtures"]),
        .testTarget(
            name: "TransformerUnderstandingTests",
            dependencies: [
                "TransformerUnderstanding", "Understanding", "SupportModel", "SupportTools", "InferenceRuntime", "JSONSchema",
                "TestSupport",
            ]),
        .testTarget(
            name: "InferenceRuntimeTests", dependencies: ["InferenceRuntime", "ModelFormats", "Tokenizers", "TestSupport"],
            exclude: ["Fixtures"]),
    ]
)
