import SupportTools
import SupportDatabase
import SupportPipeline
import CommandLineOptions
import Foundation
import Logging
import Worker

/// Options shared by the commands that talk to PostgreSQL and Kafka.
enum WorkerOptions {
    static let database = OptionSpec(
        "database-url", env: "SUPPORT_DATABASE_URL", kind: .value(placeholder: "URL"),
        help: "PostgreSQL URL, e.g. postgresql://support:support@127.0.0.1:5432/support.")
    static let brokers = OptionSpec(
        "brokers", env: "SUPPORT_BROKERS", kind: .value(placeholder: "HOST:PORT,…"), help: "Kafka bootstrap servers.")
    static let logLevel = OptionSpec(
        "log-level", env: "SUPPORT_LOG_LEVEL", kind: .value(placeholder: "LEVEL"),
        help: "trace, debug, info, notice, warning, error or critical.", default: "info")
    static let kafkaProperty = OptionSpec(
        "kafka-property", env: "SUPPORT_KAFKA_PROPERTIES", kind: .value(placeholder: "K=V[,K=V…]"),
        help: "Raw librdkafka properties for both clients (security.protocol, sasl.mechanisms, …).")

    static func logger(_ options: ParsedOptions, label: String) throws -> Logger {
        let name = options.string("log-level") ?? "info"
        guard let level = LogLevel(name: name) else {
            throw UsageError("--log-level must be one of \(LogLevel.allCases.map(\.description).joined(separator: ", ")), got \"\(name)\"")
        }
        return Logger(label: label, level: level)
    }

    static func kafkaProperties(_ options: ParsedOptions) throws -> [String: String] {
        guard let text = options.string("kafka-property"), !text.isEmpty else { return [:] }
        var properties: [String: String] = [:]
        for pair in text.split(separator: ",") {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw UsageError("--kafka-property takes key=value pairs separated by commas, got \"\(pair)\"")
            }
            properties[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
        }
        return properties
    }
}
